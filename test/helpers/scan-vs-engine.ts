// Compares a scan's forecast with what the lab's sync engine did on the same data: for each AD
// user, the engine's run-log lines (run 1) must tell the story the forecast predicted.
import type { UserForecast } from '../../src/core/scan/types.js';
import type { SyncLogEntry } from '../../src/lab/lab-state.js';

/** The engine's lines of one run, by DN. */
export function linesByDn(log: readonly SyncLogEntry[], run = 1): Map<string, SyncLogEntry[]> {
  const out = new Map<string, SyncLogEntry[]>();
  for (const e of log) {
    if (e.run !== run || e.dn === '') continue;
    const key = e.dn.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), e]);
  }
  return out;
}

const ERROR_LINE: Record<string, string> = {
  InvalidSoftMatch: 'InvalidSoftMatch',
  InvalidHardMatch: 'InvalidHardMatch',
  ExistingAdminRoleConflict: 'ExistingAdminRoleConflict',
  AttributeValueMustBeUnique: 'ExportError',
  DataValidationFailed: 'ExportError',
};

/** Why the engine's lines disagree with the forecast, or null when they agree. */
export function disagreement(u: UserForecast, lines: readonly SyncLogEntry[]): string | null {
  const f = u.forecast;
  const outcomes = lines.map((l) => l.outcome);
  const first = lines.find((l) => l.outcome !== 'Quarantined');
  const quarantined = outcomes.includes('Quarantined');
  const on = (id: string | null) => first?.cloudUserId === id;
  const story = `${f.outcome}${f.error ? `/${f.error}` : ''}${f.duplicateVia ? `/${f.duplicateVia}` : ''} vs [${outcomes.join(', ')}]`;
  const ok = ((): boolean => {
    switch (f.outcome) {
      case 'not-synced':
        return outcomes.every((o) => o === 'Skipped' || o === 'SoftDeleted');
      case 'already-matched':
        // 'Joined': an account in a second forest joined to the same metaverse object (issue 21).
        return ['Unchanged', 'Updated', 'Joined'].includes(first?.outcome ?? '') && on(f.cloudUserId);
      case 'hard-match':
        return first?.outcome === 'HardMatch' && on(f.cloudUserId);
      case 'soft-match':
        return first?.outcome === 'SoftMatch' && on(f.cloudUserId);
      case 'restore':
        return first?.outcome === 'Restored' && on(f.cloudUserId);
      case 'new-user':
        return first?.outcome === 'Created' && !quarantined;
      case 'new-user-quarantined': {
        // Two AD objects sharing a value: whichever the sync takes first keeps it.
        const twin = u.findings.some((x) => x.code === 'AD_DUPLICATE_VALUE');
        return first?.outcome === 'Created' && (quarantined || twin);
      }
      case 'duplicate':
        if (f.duplicateVia === 'join') {
          return ['Unchanged', 'Updated', 'HardMatch'].includes(first?.outcome ?? '') && on(f.cloudUserId);
        }
        if (f.duplicateVia === 'restore') return first?.outcome === 'Restored' && on(f.cloudUserId);
        return f.error
          ? outcomes[0] === ERROR_LINE[f.error] && outcomes.includes('Created')
          : first?.outcome === 'Created';
      case 'export-error':
        return first?.outcome === ERROR_LINE[f.error!] && !outcomes.includes('Created');
      case 'unknown':
        // Nothing was forecast (the cloud users could not be read): never an agreement.
        return false;
    }
  })();
  return ok ? null : `${u.dn}: ${story}`;
}
