// The list of users for `syncmatch fix --batch <file>`: one identity per line (blank lines and
// lines starting with # are skipped), or the scan's CSV (`syncmatch scan --csv`), whose `dn` column
// names each user. Duplicates are dropped (the first one stays), so a user is never planned twice.
import { CSV_HEADER } from '../scan/csv.js';

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

export interface IdentityList {
  identities: string[];
  /** 'csv' when the scan's CSV was recognised. */
  format: 'lines' | 'csv';
  /** Identities given more than once (dropped after the first). */
  duplicates: number;
}

export function parseIdentityList(text: string): IdentityList {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const isCsv = firstLine.startsWith(`${CSV_HEADER[0]},${CSV_HEADER[1]},`);
  let raw: string[];
  if (isCsv) {
    const [header, ...rows] = parseCsv(body);
    const col = header!.indexOf('dn');
    // csvField put an apostrophe before a value a spreadsheet would run; a DN never starts with one.
    raw = rows.map((r) => (r[col] ?? '').replace(/^'(?=[=+\-@\t\r])/, ''));
  } else {
    raw = body.split(/\r?\n/).filter((l) => !l.trim().startsWith('#'));
  }
  const seen = new Set<string>();
  const identities: string[] = [];
  let duplicates = 0;
  for (const line of raw) {
    const id = line.trim();
    if (id === '') continue;
    const key = id.toLowerCase();
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    identities.push(id);
  }
  return { identities, format: isCsv ? 'csv' : 'lines', duplicates };
}
