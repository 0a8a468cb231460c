// The scan screen through keys (ink-testing-library, every write inside act()): progress while
// reading, the summary, the list filtered as you type, Enter choosing a user for the wizard.
import { render } from 'ink-testing-library';
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../src/app/scan.js';
import { searchText } from '../../src/core/scan/labels.js';
import { runScan } from '../../src/core/scan/scanner.js';
import type { ScanResult } from '../../src/core/scan/types.js';
import { LabDirectoryBulkReader, LabTenantBulkReader } from '../../src/lab/bulk-readers.js';
import { generateScenario } from '../../src/lab/generator/generate.js';
import { createLabState } from '../../src/lab/lab-state.js';
import { ScanApp, type ScanChoice } from '../../src/ui/scan/scan-app.js';
import { ColorContext } from '../../src/ui/theme.js';
import { expectFits, KEY } from './harness.js';

let result: ScanResult;

beforeAll(async () => {
  const scenario = generateScenario({ users: 150, seed: 'screen' });
  // A hostile value: a name that would clear the screen and rewrite the clipboard if printed raw.
  const victim = scenario.ad.objects.find((o) => o.objectClass === 'user')!;
  victim.attributes.displayName = 'Evil\u001b[2J\u001b]52;c;aGk=\u0007Name';
  // In a DN the ";" and "=" inside the name are escaped, as a DC writes them (RFC 4514).
  const cn = victim.attributes.displayName.replace(/[;=]/g, '\\$&');
  victim.dn = `CN=${cn},OU=Sales,OU=Staff,DC=contoso,DC=com`;
  const state = createLabState(scenario);
  const [objects, tenant] = await Promise.all([
    new LabDirectoryBulkReader(state).readAll(),
    new LabTenantBulkReader(state).readAll(),
  ]);
  result = runScan({ objects, tenant, sync: state.sync, scope: [] });
});

const mounted: { unmount: () => void }[] = [];
afterEach(async () => {
  await act(async () => {
    for (const m of mounted.splice(0)) m.unmount();
  });
});

interface Harness {
  frame: () => string;
  press: (...chunks: string[]) => Promise<void>;
  choice: () => ScanChoice | null;
  error: () => unknown;
  signal: () => AbortSignal | null;
  report: (p: ScanProgress) => Promise<void>;
  finish: (r: ScanResult) => Promise<void>;
}

async function mount(
  options: { previous?: ScanResult; note?: string; columns?: number; rows?: number } = {},
): Promise<Harness> {
  let choice: ScanChoice | null = null;
  let error: unknown = null;
  let signal: AbortSignal | null = null;
  let onProgress: (p: ScanProgress) => void = () => {};
  let resolve: (r: ScanResult) => void = () => {};
  const run = (report: (p: ScanProgress) => void, s: AbortSignal) => {
    onProgress = report;
    signal = s;
    return new Promise<ScanResult>((res) => (resolve = res));
  };
  let r: ReturnType<typeof render> | undefined;
  await act(async () => {
    r = render(
      <ColorContext.Provider value={false}>
        <ScanApp
          environmentLabel="lab: generated-150-screen"
          scopeLabel="OU=Staff,DC=contoso,DC=com"
          run={run}
          previous={options.previous}
          note={options.note}
          onDone={(c) => (choice = c)}
          onError={(e) => (error = e)}
        />
      </ColorContext.Provider>,
    );
  });
  const rendered = r!;
  mounted.push(rendered);
  Object.defineProperty(rendered.stdout, 'columns', { value: options.columns ?? 80, configurable: true });
  if (options.rows)
    Object.defineProperty(rendered.stdout, 'rows', { value: options.rows, configurable: true });
  await act(async () => void rendered.stdout.emit('resize'));
  return {
    frame: () => rendered.lastFrame() ?? '',
    press: async (...chunks) => {
      for (const c of chunks) await act(async () => void rendered.stdin.write(c));
      expectFits(rendered.lastFrame() ?? '', { rows: options.rows ?? 24, columns: options.columns ?? 80 });
    },
    choice: () => choice,
    error: () => error,
    signal: () => signal,
    report: async (p) => act(async () => onProgress(p)),
    finish: async (res) => act(async () => resolve(res)),
  };
}

const progress = (over: Partial<ScanProgress>): ScanProgress => ({
  phase: 'reading',
  read: {},
  objects: 0,
  pages: 0,
  elapsedMs: 0,
  analysed: 0,
  total: 0,
  ...over,
});

describe('the scan screen', () => {
  it('shows objects read, pages and elapsed time while reading, then the forecast’s progress', async () => {
    const h = await mount();
    await h.report(progress({ read: { ad: 1500, users: 999 }, objects: 2499, pages: 4, elapsedMs: 3200 }));
    expect(h.frame()).toMatch(/AD users, groups, contacts\s+1500/);
    expect(h.frame()).toMatch(/cloud users\s+999/);
    expect(h.frame()).toContain('4 pages · 3.2 s elapsed');
    await h.report(progress({ phase: 'analysing', analysed: 50, total: 150, pages: 6, elapsedMs: 4000 }));
    expect(h.frame()).toContain('50 of 150 users');
    expectFits(h.frame());
  });

  it('stops the read with Escape (the work is cancelled through its signal)', async () => {
    const h = await mount();
    await h.press(KEY.escape);
    expect(h.choice()).toEqual({ kind: 'cancelled' });
    expect(h.signal()?.aborted).toBe(true);
  });

  it('shows a summary of outcomes and finding codes with their counts', async () => {
    const h = await mount();
    await h.finish(result);
    const f = h.frame();
    const s = result.summary;
    expect(f).toContain(`${s.forecast} users forecast · ${s.problems} to act on`);
    expect(f).toMatch(new RegExp(`already matched\\s+${s.byOutcome['already-matched']}`));
    expect(f).toMatch(new RegExp(`export error\\s+${s.byOutcome['export-error']}`));
    expect(f).toMatch(new RegExp(`CLOUD_USER_NOT_FOUND\\s+${s.byFinding.CLOUD_USER_NOT_FOUND}`));
    expect(f).toContain('Cloud users nobody claims');
    expectFits(f);
  });

  it('lists the users of the highlighted outcome on Enter, narrows as you type, opens one on Enter', async () => {
    const h = await mount({ previous: result });
    const order = [
      'already-matched',
      'hard-match',
      'soft-match',
      'restore',
      'new-user',
      'new-user-quarantined',
      'duplicate',
      'export-error',
    ];
    const present = order.filter(
      (o) => result.summary.byOutcome[o as keyof typeof result.summary.byOutcome] > 0,
    );
    const downs = present.indexOf('export-error');
    await h.press(...Array<string>(downs).fill(KEY.down), KEY.enter);
    const errors = result.users.filter((u) => u.forecast.outcome === 'export-error');
    expect(h.frame()).toContain(`${errors.length} of ${result.users.length} users`);
    expect(h.frame()).toMatch(/InvalidSoftMatch|AttributeValueMustBeUnique|ExistingAdminRoleConflict/);
    await h.press(' invalidsoft');
    const soft = errors.filter((u) => u.forecast.error === 'InvalidSoftMatch');
    expect(h.frame()).toContain(`${soft.length} of ${result.users.length} users`);
    await h.press(KEY.down, KEY.enter);
    expect(h.choice()).toMatchObject({ kind: 'open', dn: soft[1]!.dn });
  });

  it('keeps every key of a fast chunk: a typed name and Enter open that user', async () => {
    const texts = result.users.map(searchText);
    const unique = result.users.find(
      (u) =>
        u.sAMAccountName && texts.filter((t) => t.includes(u.sAMAccountName!.toLowerCase())).length === 1,
    )!;
    const h = await mount({ previous: result });
    await h.press(KEY.down + `/${unique.sAMAccountName}\r`);
    expect(h.choice()).toMatchObject({ kind: 'open', dn: unique.dn, label: unique.sAMAccountName });
  });

  it('Escape clears the filter, then goes back to the summary; q quits', async () => {
    const h = await mount({ previous: result });
    await h.press('zzz-nobody');
    expect(h.frame()).toContain('No user matches this filter.');
    await h.press(KEY.escape);
    expect(h.frame()).toContain(`${result.users.length} of ${result.users.length} users`);
    await h.press(KEY.escape);
    expect(h.frame()).toContain('Next sync');
    await h.press('q');
    expect(h.choice()).toEqual({ kind: 'quit' });
  });

  it('shows a note after the wizard and scans again on r', async () => {
    const h = await mount({ previous: result, note: 'Back from the wizard for jdoe.' });
    expect(h.frame()).toContain('Back from the wizard for jdoe.');
    await h.press('r');
    expect(h.choice()).toEqual({ kind: 'rescan' });
  });

  it('shows hostile directory values as visible escapes, never raw', async () => {
    const h = await mount({ previous: result });
    const evil = result.users.find((u) => u.displayName?.startsWith('Evil'))!;
    await h.press(evil.sAMAccountName!);
    const f = h.frame();
    expect(f).not.toContain('\u001b[2J');
    expect(f).not.toContain('\u0007');
    expect(f).toContain('CN=Evil\\u001b[2J\\u001b]52\\;c\\;aGk\\=\\u0007Name');
  });

  it('reports a failed read to the command', async () => {
    let fail: (e: unknown) => void = () => {};
    let error: unknown = null;
    await act(async () => {
      const r = render(
        <ScanApp
          environmentLabel="lab"
          scopeLabel="x"
          run={() => new Promise<ScanResult>((_, reject) => (fail = reject))}
          onDone={() => {}}
          onError={(e) => (error = e)}
        />,
      );
      mounted.push(r);
    });
    await act(async () => fail(new Error('LDAP down')));
    expect(String(error)).toContain('LDAP down');
  });
});

describe('the scan screen says what the JSON says', () => {
  const markOf = { error: '✗', warning: '!', info: 'i' } as const;

  it('marks each finding code with its severity as the results carry it', async () => {
    const h = await mount({ previous: result, columns: 200, rows: 50 });
    const f = h.frame();
    const worst = new Map<string, 'error' | 'warning' | 'info'>();
    const order = { error: 0, warning: 1, info: 2 };
    for (const u of result.users)
      for (const x of u.findings) {
        const seen = worst.get(x.code);
        if (!seen || order[x.severity] < order[seen]) worst.set(x.code, x.severity);
      }
    const shown = [...worst.keys()].filter((code) => new RegExp(`[✗!i] ${code}\\s+\\d`).test(f));
    expect(shown.length).toBeGreaterThan(3);
    expect(new Set(shown.map((c) => worst.get(c))).size).toBeGreaterThan(1); // errors and others
    for (const code of shown) expect(f).toMatch(new RegExp(`${markOf[worst.get(code)!]} ${code}\\s+\\d`));
  });

  it('lists exactly the users of an outcome (not every user whose text mentions it)', async () => {
    const h = await mount({ previous: result });
    const present = (
      Object.keys(result.summary.byOutcome) as (keyof typeof result.summary.byOutcome)[]
    ).filter((o) => result.summary.byOutcome[o] > 0);
    const downs = present.indexOf('duplicate');
    expect(downs).toBeGreaterThan(-1);
    const exact = result.users.filter((u) => u.forecast.outcome === 'duplicate').length;
    const text = result.users.filter((u) => searchText(u).includes('duplicate')).length;
    expect(text).toBeGreaterThan(exact); // free text would list more
    await h.press(...Array<string>(downs).fill(KEY.down), KEY.enter);
    expect(h.frame()).toContain('Showing: duplicate account');
    expect(h.frame()).toContain(`${exact} of ${result.users.length} users`);
  });

  it('lists exactly the users with a finding code, and the search narrows within them', async () => {
    const h = await mount({ previous: result, columns: 120, rows: 40 });
    const code = 'CLOUD_USER_NOT_FOUND';
    const rows = Object.entries(result.summary.byFinding).sort((a, b) => b[1] - a[1]);
    const at = rows.findIndex(([c]) => c === code);
    const outcomes = Object.values(result.summary.byOutcome).filter((n) => n > 0).length;
    await h.press(...Array<string>(outcomes + at).fill(KEY.down), KEY.enter);
    const holders = result.users.filter((u) => u.findings.some((x) => x.code === code));
    expect(h.frame()).toContain(`${holders.length} of ${result.users.length} users`);
  });

  it('shows finding codes in full at 80 and 200 columns', async () => {
    const longest = result.users
      .flatMap((u) => u.findings.map((x) => x.code))
      .sort((a, b) => b.length - a.length)[0]!;
    expect(longest.length).toBeGreaterThanOrEqual(26);
    for (const columns of [80, 200]) {
      const h = await mount({ previous: result, columns, rows: 40 });
      await h.press('/');
      await h.press(longest.toLowerCase(), '');
      expect(h.frame()).toContain(longest);
    }
  });

  it('says "1 duplicate", not "1 duplicates"', async () => {
    const one = { ...result, duplicates: result.duplicates.slice(0, 1) };
    const h = await mount({ previous: one });
    expect(h.frame()).toContain('· 1 duplicate\n');
    expect(h.frame()).not.toContain('1 duplicates');
  });
});
