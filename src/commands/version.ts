// The package's version, read without loading anything else (the --version fast path).
import { readFileSync } from 'node:fs';

/** The package's version, from dist/commands/ (tsc) or dist/chunks/ and dist/ (the bundle). */
export function version(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'syncmatch' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}
