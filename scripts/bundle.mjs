// Bundles the CLI with esbuild so start-up reads a few files instead of hundreds: dist/cli.js is
// the entry (tiny: --version and --help load nothing else); each command and the Ink UI are chunks
// loaded with import() when they run. tsc still emits dist/** for tests and benchmarks.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { patchesPlugin } from './bundle-patches.mjs';

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
  plugins: [patchesPlugin],
  legalComments: 'none',
  logLevel: 'warning',
});
