// The bundle's start-up patches to third-party code (scripts/bundle-patches.mjs) keep each
// library's behaviour: the patched string-width measures every text as the original does, the
// patched yoga loads without fetch(), and a patch whose target text is gone stops the build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript
import { patchedSource } from '../../scripts/bundle-patches.mjs';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(join(root, 'package.json'));
// Written inside the project so that the patched modules' bare imports resolve to node_modules.
const work = join(root, '.tmp', 'bundle-patches');

async function importPatched(modulePath: string, name: string) {
  mkdirSync(work, { recursive: true });
  const file = join(work, `${name}-${process.pid}.mjs`);
  writeFileSync(file, (patchedSource as (p: string) => string)(modulePath));
  return import(pathToFileURL(file).href);
}

interface YogaNodeLike {
  setWidth(n: number): void;
  setHeight(n: number): void;
  setFlexGrow(n: number): void;
  insertChild(c: YogaNodeLike, i: number): void;
  calculateLayout(): void;
  getComputedWidth(): number;
  getComputedHeight(): number;
}
interface YogaLike {
  Node: { create(): YogaNodeLike };
}

const stringWidthPath = join(root, 'node_modules', 'string-width', 'index.js');

describe('string-width, patched to build its RGI emoji expression only when needed', () => {
  it('builds the RGI expression for every text that is an RGI emoji (the shortcut is sound)', () => {
    // The patch skips the RGI test when a one-code-point text lacks Emoji_Presentation, or a longer
    // one lacks any Emoji code point. Checked against the real expression for every code point,
    // alone and followed by VS16.
    const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    const presentation = /^\p{Emoji_Presentation}$/u;
    const anyEmoji = /\p{Emoji}/u;
    const missed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const alone = String.fromCodePoint(cp);
      if (rgi.test(alone) && !presentation.test(alone)) missed.push(alone);
      const withVs16 = `${alone}\uFE0F`;
      if (rgi.test(withVs16) && !anyEmoji.test(withVs16)) missed.push(withVs16);
    }
    expect(missed).toEqual([]);
  });

  it('measures the code points of the emoji, symbol and CJK blocks as the original does', async () => {
    const original = (await import('string-width')).default as (s: string) => number;
    const patched = (await importPatched(stringWidthPath, 'string-width')).default as (s: string) => number;
    const ranges: Array<[number, number]> = [
      [0x20, 0x3ff],
      [0x2000, 0x33ff],
      [0xfe00, 0xffff],
      [0x1f000, 0x1faff],
    ];
    const differences: string[] = [];
    for (const [from, to] of ranges) {
      for (let cp = from; cp <= to; cp++) {
        for (const s of [
          String.fromCodePoint(cp),
          `${String.fromCodePoint(cp)}\uFE0F`,
          `a${String.fromCodePoint(cp)}`,
        ]) {
          if (original(s) !== patched(s)) differences.push(s);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('measures emoji sequences, mixed scripts and the wizard’s own texts as the original does', async () => {
    const original = (await import('string-width')).default as (s: string) => number;
    const patched = (await importPatched(stringWidthPath, 'string-width')).default as (s: string) => number;
    const texts = [
      '🇫🇷🇯🇵', // flags
      '1️⃣ #️⃣ *⃣', // keycaps, one unqualified
      '👩‍👩‍👧‍👦 👨🏽‍💻 🏳️‍🌈', // ZWJ sequences, a skin tone
      '🏴󠁧󠁢󠁳󠁣󠁴󠁿', // a tag sequence
      '👍🏻 ✌️ ✌ ❤️ ☺ © ® ™ ↔ ↔️',
      'syncmatch · lab: stale-immutable-id ✓ ✗ → ⠋ ─│┌┐',
      'Jürgen Müller 日本語 한국어 ｶﾀｶﾅ e\u0301 a\u200Db',
    ];
    for (const t of texts) expect([t, patched(t)]).toEqual([t, original(t)]);
  });
});

describe('yoga-layout, patched to load its WebAssembly without fetch()', () => {
  it('loads and lays out without touching fetch', async () => {
    const fetchSpy = vi.fn();
    const realFetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
    Object.defineProperty(globalThis, 'fetch', { value: fetchSpy, configurable: true, writable: true });
    try {
      const wasmPath = join(
        require.resolve('yoga-layout').replace(/src[\\/]index\.js$/, ''),
        'binaries',
        'yoga-wasm-base64-esm.js',
      );
      const loadYoga = (await importPatched(wasmPath, 'yoga')).default as () => Promise<unknown>;
      const wrapAssembly = (
        await import(pathToFileURL(wasmPath.replace(/binaries[\\/].*$/, 'src/wrapAssembly.js')).href)
      ).default as (m: unknown) => YogaLike;
      const yoga = wrapAssembly(await loadYoga());
      expect(fetchSpy).not.toHaveBeenCalled();
      const rootNode = yoga.Node.create();
      rootNode.setWidth(80);
      const child = yoga.Node.create();
      child.setHeight(3);
      child.setFlexGrow(1);
      rootNode.insertChild(child, 0);
      rootNode.calculateLayout();
      expect([child.getComputedWidth(), child.getComputedHeight()]).toEqual([80, 3]);
    } finally {
      if (realFetch) Object.defineProperty(globalThis, 'fetch', realFetch);
    }
  });
});

describe('a patch whose target is gone', () => {
  it('stops the build with the file and the missing text', () => {
    const file = join(work, 'node_modules', 'string-width', 'index.js');
    mkdirSync(join(work, 'node_modules', 'string-width'), { recursive: true });
    writeFileSync(file, 'export default function stringWidth() { return 0; }\n');
    expect(() => (patchedSource as (p: string) => string)(file)).toThrow(/changed: the patched text is gone/);
  });
});
