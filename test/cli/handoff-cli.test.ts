// The escalation workflow as a technician types it (issue 17), each command its own process on the
// lab: L1 `diagnose --read-only --handoff`, L2 `fix --from --yes --report`; an edited case is
// refused with exit 2 and the reason, before anything is written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../commands/setup-world.js';

const dir = mkdtempSync(join(tmpdir(), 'syncmatch-handoff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = {
  ...(process.env as Record<string, string>),
  NO_COLOR: '1',
  SYNCMATCH_LAB_JOURNAL: join(dir, 'lab.jsonl'),
};

describe('diagnose --handoff, then fix --from', () => {
  it('L1 read-only writes the case; L2 goes straight on and writes the ticket', async () => {
    const kase = join(dir, 'case.json');
    const l1 = await runCli(
      ['diagnose', 'jdoe', '--lab', 'stale-immutable-id', '--read-only', '--handoff', kase],
      env,
    );
    expect(l1.code, l1.stderr).toBe(3);
    // The command is printed as this run was started (here `node src/cli.ts fix --lab … --from …`).
    expect(l1.stderr).toMatch(/continue with: \S+(?: \S+)? fix (?:--lab \S+ )?--from /);
    expect(l1.stderr).toContain(`--from ${kase})`);

    const report = join(dir, 'ticket.md');
    const l2 = await runCli(
      ['fix', '--from', kase, '--yes', '--json', '--lab', 'stale-immutable-id', '--report', report],
      env,
    );
    expect(l2.code, l2.stderr).toBe(0);
    expect(l2.stderr).toContain('Nothing changed since the case was written: continuing with its plan.');
    const out = JSON.parse(l2.stdout) as {
      matched: boolean;
      handoff: { changes: unknown[]; planBefore: string[] };
      ticket: { writes: { journalId: string; undoNote: string }[] };
    };
    expect(out.matched).toBe(true);
    expect(out.handoff.changes).toEqual([]);
    expect(out.handoff.planBefore).toEqual(['SET_IMMUTABLE_ID', 'TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
    expect(out.ticket.writes[0]!.journalId).toMatch(/^\d{6}-\d{6}-[0-9a-z]{4}$/);
    const md = readFileSync(report, 'utf8');
    expect(md).toContain('## Changes');
    expect(md).toContain(out.ticket.writes[0]!.journalId);

    writeFileSync(join(dir, 'edited.json'), readFileSync(kase, 'utf8').replace('"l', '"x'));
    const edited = await runCli(
      ['fix', '--from', join(dir, 'edited.json'), '--yes', '--lab', 'stale-immutable-id'],
      env,
    );
    expect(edited.code).toBe(2);
    expect(edited.stderr).toContain('its digest does not match');
    expect(edited.stderr).not.toMatch(/^\s+at /m);
  });
});
