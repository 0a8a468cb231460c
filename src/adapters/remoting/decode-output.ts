// Bytes from the Connect server as text. Windows PowerShell writes redirected output (ssh, a
// spawned process) in the console's OEM code page, not UTF-8: 437 on US-English Windows, 850 on
// most Western European installs; messages may be localised. The code page is a setting
// (sync.codePage); iconv-lite holds the tables. Bytes that are valid UTF-8 with non-ASCII
// characters are read as UTF-8 (pwsh 7 or a site command that re-encodes): OEM text is almost
// never valid UTF-8. pwsh 7 may colour redirected errors with ANSI codes: those are removed.
// https://learn.microsoft.com/en-us/windows/win32/intl/code-page-identifiers
// https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_ansi_terminals
import { stripVTControlCharacters } from 'node:util';
import iconv from 'iconv-lite';

/** US-English Windows Server's OEM code page, the most common Connect server install. */
export const DEFAULT_CODE_PAGE = '437';

const UTF8 = /^(?:utf-?8|65001|cp65001)$/i;

/** The iconv-lite name for a code page as a technician writes it: 437, cp850, 1252, utf-8 … */
export function codePageName(page: string): string | null {
  const p = page.trim();
  if (UTF8.test(p)) return 'utf8';
  const name = /^\d+$/.test(p) ? `cp${p}` : p.toLowerCase();
  return iconv.encodingExists(name) ? name : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeBytes(bytes: Buffer, codePage: string = DEFAULT_CODE_PAGE): string {
  const name = codePageName(codePage) ?? codePageName(DEFAULT_CODE_PAGE)!;
  let text: string;
  if (name === 'utf8') text = bytes.toString('utf8');
  else if (!bytes.some((b) => b >= 0x80)) text = bytes.toString('latin1');
  else {
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      text = iconv.decode(bytes, name);
    }
  }
  return stripVTControlCharacters(text.replace(/^\uFEFF/, ''));
}

/** Collects a stream's chunks up to `max` bytes, decoded once at the end (a multi-byte character
 *  may straddle two chunks). */
export class OutputBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly max = 1024 * 1024) {}
  push(chunk: Buffer): void {
    if (this.size >= this.max) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
  }
  text(codePage?: string): string {
    return decodeBytes(Buffer.concat(this.chunks), codePage);
  }
}
