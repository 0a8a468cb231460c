// The ticket-ready report (issue 17) for every shipped scenario, through the real lab adapters:
// `fix --yes` (runFix) and the wizard (the same state machine, recorded by recordingServices for
// --report). Snapshots are normalised (ids, times, journal ids); each report is checked for
// control characters and for the run's secrets.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFix } from '../../src/app/fix-flow.js';
import { recordingServices } from '../../src/app/recording-services.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { writeReportFile } from '../../src/commands/report-file.js';
import { ticketMarkdown, ticketText } from '../../src/core/ticket/render.js';
import type { Clock } from '../../src/ports.js';

const SCENARIOS = [
  'healthy',
  'ready-for-soft-match',
  'stale-immutable-id',
  'non-routable-upn',
  'recycle-bin-leftover',
  'duplicate-synced-user',
  'federated-domain',
  'proxy-conflict-with-group',
  'admin-role',
  'on-prem-duplicates',
  'migrated-consistency-guid',
];
/** A secret of the test configuration: it must never reach a report. */
const SECRET = 'Tr0ub4dor&3-issue17-secret';

const instant: Clock = { now: () => new Date(), sleep: async () => {} };
let dir: string;
const envs: LabEnvironment[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-ticket-'));
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

function normalise(text: string): string {
  return text
    .replaceAll(dir, '<dir>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<guid>')
    .replace(/\b\d{6}-\d{6}-[0-9a-z]{4}\b/g, '<journal-id>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/[A-Za-z0-9+/]{22}==/g, '<immutableId>')
    .replace(/john\.doe\d{4}@/g, 'john.doe<nnnn>@')
    .replace(/deleted-<guid>\.json/g, 'deleted-<guid>.json');
}

// The purge scenario's report shows the purge (fix --yes --allow-purge, as a technician would run it).
const PURGE = { allowPurge: true };

async function run(name: string, mode: 'fix' | 'wizard') {
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, `${name}-${mode}.jsonl`);
  const env = await openLabEnvironment(name, {});
  envs.push(env);
  const services = createWizardServices({
    ...env,
    secrets: [SECRET],
    clock: instant,
    operator: 'test',
    undoCommand: null,
  });
  if (mode === 'fix')
    return (await runFix(services, env.suggestedIdentity!, new AbortController().signal, undefined, PURGE))
      .ticket;
  const recorded = recordingServices(services);
  await runFix(recorded.services, env.suggestedIdentity!, new AbortController().signal, undefined, PURGE);
  return recorded.ticket();
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('the ticket-ready report of every shipped scenario', () => {
  it.each(SCENARIOS)('%s: fix --yes and the wizard give the same report', async (name) => {
    const fix = await run(name, 'fix');
    const wizard = await run(name, 'wizard');
    const md = ticketMarkdown(fix);
    expect(normalise(md)).toMatchSnapshot('fix --yes');
    expect(normalise(ticketMarkdown(wizard))).toBe(normalise(md).replace(/-fix\.jsonl/g, '-wizard.jsonl'));
    expect(md).not.toMatch(CONTROL);
    expect(md).not.toContain(SECRET);
    expect(ticketText(fix)).not.toMatch(CONTROL);
    // Every write has a journal id and says why it cannot be undone in the lab.
    for (const w of fix.writes) {
      if (w.status === 'done') expect(w.journalId).toMatch(/^\d{6}-\d{6}-[0-9a-z]{4}$/);
      expect(w.undoNote).toMatch(/^no undo/);
    }
    if (fix.matched) expect(fix.pending).toEqual([]);
    else expect(fix.pending.length).toBeGreaterThan(0);
  });
});

describe('--report files', () => {
  it("refuses to overwrite without --force, and removes the run's secrets", async () => {
    const path = join(dir, 'exists.md');
    writeFileSync(path, 'keep me');
    await expect(writeReportFile(path, 'new', {})).rejects.toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    await writeReportFile(path, `a ${SECRET} b`, { force: true, secrets: [SECRET] });
    expect(readFileSync(path, 'utf8')).not.toContain(SECRET);
  });
});
