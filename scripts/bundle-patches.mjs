// Start-up patches the bundle applies to third-party sources (esbuild onLoad). Each one keeps the
// library's behaviour, says what it saves, and fails the build when its target text is gone (a new
// version may have fixed it, or moved it), so an upgrade cannot silently drop or misapply it.
// test/cli/bundle-patches.test.ts checks each against the unpatched library.
import { readFileSync } from 'node:fs';

export const PATCHES = [
  {
    // yoga-layout (Ink's layout engine) ships its WebAssembly as a base64 data: URL and, when a
    // global fetch exists, loads it through fetch(): that pulls Node's internal undici and web
    // streams into start-up (~40 ms on Node 20) to decode 100 kB. Its own synchronous base64 path
    // gives the same bytes.
    file: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    replace: [['"function"!=typeof fetch', 'true']],
  },
  {
    // string-width (Ink's text measure) compiles /^\p{RGI_Emoji}$/v when it loads: ~25 ms on
    // Node 20, before the first frame. Every RGI emoji holds a code point with the Emoji property,
    // and a one-code-point RGI emoji has Emoji_Presentation, so the big expression is only built,
    // once, for a text that could be one.
    // (Ink's own copy; wrap-ansi's nested string-width 7 has no such expression.)
    file: /^(?:(?!node_modules).)*node_modules[\\/]string-width[\\/]index\.js$/,
    replace: [
      [
        'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
        `let rgiEmojiRegexCompiled;
const emojiPresentationOnly = /^\\p{Emoji_Presentation}$/u;
const anyEmoji = /\\p{Emoji}/u;
const rgiEmojiRegex = {
	test(segment) {
		const single = segment.length === 1 || (segment.length === 2 && segment.codePointAt(0) > 0xffff);
		if (!(single ? emojiPresentationOnly : anyEmoji).test(segment)) return false;
		rgiEmojiRegexCompiled ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v');
		return rgiEmojiRegexCompiled.test(segment);
	},
};`,
      ],
    ],
  },
];

/** The source of `path` with the patches for it applied (unchanged when none applies). */
export function patchedSource(path) {
  let source = readFileSync(path, 'utf8');
  for (const patch of PATCHES) {
    if (!patch.file.test(path)) continue;
    for (const [from, to] of patch.replace) {
      if (!source.includes(from)) throw new Error(`${path} changed: the patched text is gone:\n${from}`);
      source = source.replaceAll(from, () => to);
    }
  }
  return source;
}

export const patchesPlugin = {
  name: 'syncmatch-start-up-patches',
  setup(build) {
    // esbuild's filters are Go expressions (no look-around): narrow here, decide in JS.
    build.onLoad({ filter: /(yoga-wasm-base64-esm|string-width[\\/]index)\.js$/ }, (args) =>
      PATCHES.some((p) => p.file.test(args.path))
        ? { contents: patchedSource(args.path), loader: 'js' }
        : undefined,
    );
  },
};
