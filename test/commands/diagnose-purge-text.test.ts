// `diagnose` as text (issue 13, point 5): a purge step lists what goes for good and whether restore
// is offered instead; a restore alternative is named under "Instead". Through the lab adapters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment } from '../../src/commands/lab-environment.js';
import { formatDiagnosis } from '../../src/commands/report.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import type { Scenario } from '../../src/lab/scenario-schema.js';

const plain = { paint: (_c: unknown, s: string) => s } as Parameters<typeof formatDiagnosis>[1];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-diag-purge-'));
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, 'lab.jsonl');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function textOf(scenario: Scenario): Promise<string> {
  const env = await openLabEnvironment(scenario, {});
  try {
    const clock = { now: () => new Date(), sleep: async () => {} };
    const s = createWizardServices({ ...env, clock, operator: 'test', undoCommand: null });
    return formatDiagnosis(await s.diagnose('jdoe', () => {}), plain).replace(/\s+/g, ' ');
  } finally {
    await env.close();
  }
}

describe('diagnose text for the recycle bin', () => {
  it('a purge step says what goes for good, and why restoring is not offered', async () => {
    const text = await textOf(await loadScenario('recycle-bin-leftover'));
    expect(text).toContain('1. PURGE_DELETED_USER [write, IRREVERSIBLE]');
    expect(text).toContain('- Created 2023-04-03; deleted 2026-11-01, kept until about 2026-12-01.');
    expect(text).toContain('- Licences: 1 (skuId 05e9a617-0261-4cee-bb44-138d3ef5d965), released.');
    expect(text).toContain(
      '- Restore instead? Not offered: the active user john.doe@contoso.com holds its UPN',
    );
    expect(text).not.toContain('Instead ');
  });

  it('names the restore alternative where the deleted user is this AD user’s own account', async () => {
    const sc = await loadScenario('recycle-bin-leftover');
    sc.tenant.users = sc.tenant.users.filter((u) => u.userPrincipalName !== 'john.doe@contoso.com');
    const d = sc.tenant.deletedUsers.find((u) => u.userPrincipalName === 'john.doe@contoso.com')!;
    Object.assign(d, { onPremisesImmutableId: null, onPremisesSyncEnabled: null });
    const text = await textOf(sc);
    expect(text).toContain(
      "Instead Restore john.doe@contoso.com from the recycle bin instead (its UPN is this AD user's):",
    );
    expect(text).toContain('RESTORE_DELETED_USER, SET_IMMUTABLE_ID, TRIGGER_DELTA_SYNC, VERIFY_MATCH');
  });
});
