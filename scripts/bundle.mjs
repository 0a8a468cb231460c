// Bundles the CLI with esbuild so start-up reads a few files instead of hundreds: dist/cli.js is
// the entry (tiny: --version and --help load nothing else); each command and the Ink UI are chunks
// loaded with import() when they run. tsc still emits dist/** for tests and benchmarks.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// yoga-layout (Ink's layout engine) ships its WebAssembly as a base64 data: URL and, when a global
// fetch exists, loads it through fetch(): that pulls Node's whole internal undici and web streams
// into start-up (~40 ms of the first frame on Node 20) to decode 100 kB. Its own synchronous
// base64 path gives the same bytes, so the bundle takes that path.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replaceAll('"function"!=typeof fetch', 'true');
      if (patched === source) throw new Error('yoga-layout changed: its fetch() test was not found');
      return { contents: patched, loader: 'js' };
    });
  },
};

// Chunk names carry a hash: clear the old ones so dist/ holds one build.
rmSync('dist/chunks', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Native add-ons and optional peers stay outside the bundle.
  external: ['ssh2', 'cpu-features', 'react-devtools-core', '@azure/identity', 'keytar'],
  // Some bundled CommonJS packages call require(): give the ESM bundle one.
  banner: {
    js: "import { createRequire as __smCreateRequire } from 'node:module'; const require = __smCreateRequire(import.meta.url);",
  },
  // React and react-reconciler pick their development or production build at run time from
  // NODE_ENV; fixing it here drops the development builds (~15k lines) from the Ink chunk.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [yogaWithoutFetch],
  legalComments: 'none',
  logLevel: 'warning',
});
