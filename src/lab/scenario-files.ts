// Where lab scenarios live and how a scenario reference (a shipped name or a path) becomes its
// text. No validation here (no zod): the wizard's first frame reads a scenario's heading through
// this before the schema is loaded; scenario-loader.ts validates.
import { constants, existsSync, readdirSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserFacingError, EXIT } from '../core/errors.js';

/**
 * The package root: the nearest folder above this module with a package.json. This file runs as
 * src/lab/*.ts under vitest/tsx and as dist/lab/*.js when built, so no fixed "../.." is assumed.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}: the package is incomplete.`);
    dir = up;
  }
}

/** Where the shipped scenarios live. */
export function shippedScenariosDir(): string {
  return join(packageRoot(), 'assets', 'scenarios');
}

/** A name (lower-case, digits, hyphens) means a shipped scenario; anything else is a path. */
function isScenarioName(ref: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(ref);
}

/** The shipped scenarios' names, sorted. */
export function shippedNames(): string[] {
  const dir = shippedScenariosDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** A scenario's text and how messages name it ("name" for a shipped one, the path otherwise). */
export interface ScenarioText {
  text: string;
  source: string;
  shipped: boolean;
}

/** Reads a shipped scenario by name, or a scenario file by path; a missing one is a usage error. */
export async function readScenarioText(ref: string): Promise<ScenarioText> {
  const name = ref.trim();
  if (isScenarioName(name)) {
    const file = join(shippedScenariosDir(), `${name}.json`);
    if (!existsSync(file)) {
      const names = shippedNames();
      throw new UserFacingError(
        `There is no shipped scenario called "${name}".`,
        'SCENARIO_NOT_FOUND',
        names.length > 0
          ? `Shipped scenarios: ${names.join(', ')}. Or give the path of a scenario file.`
          : 'Give the path of a scenario file.',
        EXIT.usage,
      );
    }
    return { text: await readFile(file, 'utf8'), source: `"${name}"`, shipped: true };
  }
  const file = resolve(name);
  try {
    // Only a regular file: a FIFO or a device (/dev/zero, a named pipe) would block or never end.
    // Opened without blocking and checked on the open handle, so nothing can be swapped in between.
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    let text: string;
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        throw new UserFacingError(
          `The scenario file ${file} is ${info.isDirectory() ? 'a folder' : 'not a regular file (a pipe, socket or device)'}.`,
          'SCENARIO_NOT_FOUND',
          'Give the path of a scenario JSON file, or a shipped scenario name (`syncmatch lab --list`).',
          EXIT.usage,
        );
      }
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
    return { text: withoutBom(text), source: file, shipped: false };
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
    throw new UserFacingError(
      `The scenario file ${file} ${why}.`,
      'SCENARIO_NOT_FOUND',
      'Give a shipped scenario name (`syncmatch lab` lists them) or the path of a scenario JSON file.',
      EXIT.usage,
    );
  }
}

/**
 * A UTF-8 byte-order mark (which Windows editors and PowerShell's Out-File write) is accepted:
 * JSON itself has none, so it is dropped rather than blamed on a comma or a quote.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
