// The scan's CSV: RFC 4180 quoting, CRLF lines, a header row, and no cell a spreadsheet would run.
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvField, scanCsv } from '../../src/core/scan/csv.js';
import type { UserForecast } from '../../src/core/scan/types.js';

function user(over: Partial<UserForecast> = {}): UserForecast {
  return {
    dn: 'CN=Doe\\, John,OU=Staff,DC=contoso,DC=com',
    objectGuid: '93baf7aa-d55b-4253-8394-a57712c3e466',
    sAMAccountName: 'jdoe',
    userPrincipalName: 'john.doe@contoso.com',
    displayName: 'John "JD" Doe',
    expectedImmutableId: 'qve6k1vVU0KDlKV3EsPkZg==',
    anchorSource: 'mS-DS-ConsistencyGuid',
    target: { id: 'c1', userPrincipalName: 'john.doe@contoso.com', management: 'cloud-managed' },
    findings: [
      { code: 'STALE_IMMUTABLE_ID', severity: 'error' },
      { code: 'FEDERATED_UPN_DOMAIN', severity: 'warning' },
    ],
    forecast: {
      outcome: 'export-error',
      cloudUserId: 'c1',
      error: 'InvalidSoftMatch',
      duplicateVia: null,
      quarantined: false,
      reason: 'john.doe@contoso.com still carries the immutableId x: the soft match is refused.',
    },
    ...over,
  };
}

/** Parses RFC 4180 text (quoted fields may hold commas, quotes and line breaks). */
function parse(text: string): string[][] {
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
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('scan CSV', () => {
  it('has a header row and one CRLF-terminated row per user, with the forecast and the finding codes', () => {
    const text = scanCsv([user(), user({ sAMAccountName: 'other' })]);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(3);
    const row = Object.fromEntries(CSV_HEADER.map((h, i) => [h, rows[1]![i]]));
    expect(row).toMatchObject({
      dn: 'CN=Doe\\, John,OU=Staff,DC=contoso,DC=com',
      outcome: 'export-error',
      syncError: 'InvalidSoftMatch',
      findings: 'STALE_IMMUTABLE_ID FEDERATED_UPN_DOMAIN',
      targetUserPrincipalName: 'john.doe@contoso.com',
      expectedImmutableId: 'qve6k1vVU0KDlKV3EsPkZg==',
    });
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
  });

  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises %j with a leading apostrophe',
    (value) => {
      const out = csvField(value);
      const cell = parse(`${out}\r\n`)[0]![0]!;
      expect(cell).toBe(`'${value}`);
    },
  );

  it('neutralises a hostile AD value wherever it sits in the row', () => {
    const rows = parse(scanCsv([user({ sAMAccountName: '=cmd|" /C calc"!A0', displayName: null })]));
    expect(rows[1]![1]).toBe(`'=cmd|" /C calc"!A0`);
    expect(rows[1]).toHaveLength(CSV_HEADER.length);
  });
});
