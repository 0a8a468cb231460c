// The hostile-input corpus (./corpus.ts) through every path an identity takes (issue 8):
// (a) parseIdentity → the lab's in-memory AD → the Graph simulator through the real Graph adapter →
//     the rules; (b) parseIdentity → the LDAP adapter → the real Samba DC; (c) the built CLI,
//     `syncmatch diagnose --lab <fixture> <identity> --json`, for its exit code and its stderr.
// Each input must give the right object (checked by objectGUID and DN), or a clear "not found",
// "ambiguous" or "invalid" (exit 2), never a stack trace and never another object.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapDirectory } from '../../src/adapters/ldap/ldap-directory.js';
import { runFix } from '../../src/app/fix-flow.js';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import { UserFacingError } from '../../src/core/errors.js';
import { hasErrors } from '../../src/core/findings.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import { LabSyncTrigger } from '../../src/lab/lab-sync-trigger.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import { openSamba, samba } from '../integration/ldap-service.js';
import { CLOUD, CORPUS, OBJECTS, type CorpusEntry, type Expected } from './corpus.js';
import { writeRequests } from './integrity.js';
import { openRig, type Rig } from './rig.js';

const NFC_UPN = 'zo\u00eb.\u00e5ngstr\u00f6m@lab.example';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'scenarios', 'hostile-values.json');

type Outcome =
  /** cloud: the diagnosis's target (null: none), or undefined where the tenant was not read. */
  | { kind: 'found'; guid: string; dn: string; cloud?: string | null }
  | { kind: 'ambiguous'; guids: string[] }
  | { kind: 'notFound' }
  | { kind: 'invalid'; message: string };

function fromDiagnosis(d: Diagnosis): Outcome {
  const ambiguous = d.findings.find((f) => f.code === 'AD_IDENTITY_AMBIGUOUS');
  if (ambiguous) {
    const objects = ambiguous.evidence.objects as { objectGUID: string }[];
    return { kind: 'ambiguous', guids: objects.map((o) => o.objectGUID).sort() };
  }
  if (d.findings.some((f) => f.code === 'AD_USER_NOT_FOUND')) return { kind: 'notFound' };
  return { kind: 'found', guid: d.onPrem!.objectGuid, dn: d.onPrem!.dn, cloud: d.target?.id ?? null };
}

function fromMatches(matches: OnPremObject[]): Outcome {
  if (matches.length === 0) return { kind: 'notFound' };
  if (matches.length > 1) return { kind: 'ambiguous', guids: matches.map((m) => m.objectGuid).sort() };
  return { kind: 'found', guid: matches[0]!.objectGuid, dn: matches[0]!.dn };
}

/** A refusal must be one readable sentence: no stack, no raw control characters, not the input echoed whole. */
function expectReadableRefusal(message: string): void {
  expect(message).not.toMatch(/\n\s+at .+:\d+|this is a bug/);
  // eslint-disable-next-line no-control-regex
  expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/);
  expect(message.length).toBeLessThan(400);
}

function expectOutcome(expected: Expected, outcome: Outcome): void {
  if (expected === 'invalid') {
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind === 'invalid') expectReadableRefusal(outcome.message);
  } else if (expected === 'notFound') {
    expect(outcome).toEqual({ kind: 'notFound' });
  } else if ('ambiguous' in expected) {
    expect(outcome).toEqual({
      kind: 'ambiguous',
      guids: expected.ambiguous.map((k) => OBJECTS[k].guid).sort(),
    });
  } else {
    const object = OBJECTS[expected.found];
    // The right object: never another one that shares a value.
    expect(outcome).toMatchObject({ kind: 'found', guid: object.guid, dn: object.dn });
    // …and, where the tenant is read too, the right cloud user.
    if (expected.cloud && outcome.kind === 'found' && outcome.cloud !== undefined)
      expect(outcome.cloud).toBe(CLOUD[expected.cloud]);
  }
}

/** Runs `work`; a usage error (exit 2) becomes the 'invalid' outcome, anything else is thrown on. */
async function refusedOr(work: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserFacingError && error.exitCode === 2)
      return { kind: 'invalid', message: error.message };
    throw error;
  }
}

const label = (e: CorpusEntry) => e.name;

describe('inputs: lab (parseIdentity, in-memory AD, Graph simulator, rules)', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await openRig(FIXTURE);
  });
  afterAll(() => rig.close());

  it.each(CORPUS.map((e) => [label(e), e] as const))('%s', async (_name, entry) => {
    const outcome = await refusedOr(async () =>
      fromDiagnosis(await rig.services.diagnose(entry.identity, () => {})),
    );
    expectOutcome(entry.expected, outcome);
  });

  it('sends no write to the tenant, whatever the identity', () => {
    expect(rig.sim.log.entries.filter((e) => e.method !== 'GET' && e.url !== '/$batch')).toEqual([]);
  });
});

describe('inputs: lab fix --yes (users whose AD values are hostile)', () => {
  // An apostrophe, a non-ASCII letter, * ( ) or an ESC in a UPN, mail or alias is refused by the
  // cloud or rewritten: the plan says to correct it in AD first, and writes nothing before that.
  it.each([
    [NFC_UPN, 'zoeNfc'],
    ['star*(x)@lab.example', 'star'],
    ['ctlchars', 'ctl'],
    ['longvalue', 'long'],
  ] as const)('%s: stops at "correct it in AD", exit 3, nothing written', async (identity, key) => {
    const r = await openRig(FIXTURE);
    try {
      const report = await runFix(r.services, identity, new AbortController().signal);
      expect(report.before?.onPrem?.objectGuid).toBe(OBJECTS[key].guid);
      expect(report.before?.findings.map((f) => f.code)).toContain('AD_ATTRIBUTE_INVALID');
      expect(report.applied).toEqual([expect.objectContaining({ action: 'MANUAL', status: 'skipped' })]);
      expect(report.exitCode).toBe(3);
      expect(writeRequests(r.sim.log.entries)).toEqual([]);
      expect((await r.journal.read()).entries).toEqual([]);
    } finally {
      await r.close();
    }
  });
});

describe("inputs: an apostrophe is not hostile (Entra's username policy allows it; IdFix's false positive)", () => {
  it("o'brien@lab.example: no AD_ATTRIBUTE_INVALID; its shared address still stops the fix, nothing written", async () => {
    const r = await openRig(FIXTURE);
    try {
      const report = await runFix(r.services, "o'brien@lab.example", new AbortController().signal);
      expect(report.before?.onPrem?.objectGuid).toBe(OBJECTS.obrien.guid);
      const codes = report.before?.findings.map((f) => f.code);
      expect(codes).not.toContain('AD_ATTRIBUTE_INVALID');
      expect(codes).toContain('AD_DUPLICATE_VALUE');
      expect(report.exitCode).toBe(3);
      expect(writeRequests(r.sim.log.entries)).toEqual([]);
    } finally {
      await r.close();
    }
  });
});

describe('inputs: lab sync engine (a delta cycle over the hostile fixture)', () => {
  it('runs a delta cycle without failing, and every hostile user reads the same afterwards', async () => {
    const r = await openRig(FIXTURE);
    try {
      const before = await Promise.all(
        Object.values(OBJECTS).map((o) => r.services.diagnose(o.guid, () => {})),
      );
      const cycle = await new LabSyncTrigger(r.state).startDeltaSync();
      expect(cycle.result).toBe('Success');
      for (const [i, o] of Object.values(OBJECTS).entries()) {
        const after = await r.services.diagnose(o.guid, () => {});
        expect(after.onPrem?.objectGuid).toBe(o.guid);
        // The same values (the engine writes only mS-DS-ConsistencyGuid back, as Connect does).
        expect({ ...after.onPrem, consistencyGuid: null }).toEqual({
          ...before[i]!.onPrem,
          consistencyGuid: null,
        });
      }
    } finally {
      await r.close();
    }
  });
});

describe.skipIf(!samba)('inputs: Samba DC (parseIdentity, LDAP adapter, the real DC)', () => {
  let dir: LdapDirectory;
  beforeAll(async () => {
    dir = await openSamba(samba!);
  });
  afterAll(() => dir?.close());

  it.each(CORPUS.map((e) => [label(e), e] as const))('%s', async (_name, entry) => {
    const outcome = await refusedOr(async () =>
      fromMatches(await dir.findUser(parseIdentity(entry.identity))),
    );
    expectOutcome(entry.samba ?? entry.expected, outcome);
  });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const CLI = join(ROOT, 'dist', 'cli.js');
// The in-process run above takes every entry through the same code; what the CLI adds is argv,
// exit codes and stderr. Each CLI run starts Node, the lab and its HTTPS simulator (about a second
// of CPU), so it takes the entries that exercise those: every refusal, every identity holding a
// character other than letters, digits, '.', '@' and '-' (quoting, Unicode, length), and the
// ambiguous ones.
const cliEntries = CORPUS.filter(
  (e) =>
    e.argv !== false &&
    (e.expected === 'invalid' ||
      /[^A-Za-z0-9.@-]/.test(e.identity) ||
      (typeof e.expected === 'object' && 'ambiguous' in e.expected)),
);

function runCli(identity: string, journalDir: string, json = true): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'diagnose', '--lab', FIXTURE, identity, ...(json ? ['--json'] : [])],
      {
        cwd: ROOT,
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', SYNCMATCH_LAB_JOURNAL: join(journalDir, 'lab.jsonl') },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe.skipIf(!existsSync(CLI))('inputs: built CLI (diagnose --lab <fixture> <identity> --json)', () => {
  const results = new Map<string, CliResult>();
  let journalDir: string;
  beforeAll(async () => {
    journalDir = mkdtempSync(join(tmpdir(), 'syncmatch-hostile-'));
    // A few at a time: each run starts Node, the lab and its HTTPS simulator.
    const queue = [...cliEntries];
    const worker = async () => {
      for (let e = queue.shift(); e; e = queue.shift())
        results.set(e.name, await runCli(e.identity, journalDir));
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 180_000);
  afterAll(() => rmSync(journalDir, { recursive: true, force: true }));

  it.each(cliEntries.map((e) => [label(e), e] as const))('%s', (_name, entry) => {
    const r = results.get(entry.name)!;
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+/m);
    expect(r.stderr).not.toContain('this is a bug');
    const expected = entry.expected;
    if (expected === 'invalid') {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^syncmatch: /);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
      expectReadableRefusal(r.stderr.trim());
      return;
    }
    const d = JSON.parse(r.stdout) as Diagnosis;
    // Exit codes per the README: 3 when problems are found (not found and ambiguous included).
    expect(r.code).toBe(hasErrors(d.findings) ? 3 : 0);
    expectOutcome(expected, fromDiagnosis(d));
  });
});

describe.skipIf(!existsSync(CLI))('inputs: built CLI text (diagnose --lab <fixture> <identity>)', () => {
  let journalDir: string;
  beforeAll(() => {
    journalDir = mkdtempSync(join(tmpdir(), 'syncmatch-hostile-'));
  });
  afterAll(() => rmSync(journalDir, { recursive: true, force: true }));

  it('the user whose values hold ESC sequences and direction overrides: printed as escapes', async () => {
    const r = await runCli('ctlchars', journalDir, false);
    expect(r.code).toBe(3);
    const out = `${r.stdout}${r.stderr}`;
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/);
    expect(r.stdout).toContain('smtp:\\u202eevil\\u001b[2J@lab.example');
  });
});
