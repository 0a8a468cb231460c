// Which AD objects the sync sees: the OU filter of the Connect wizard, plus the objects Connect's
// default "In from AD" rules never export.
import type { ScenarioAdObject } from '../scenario-schema.js';

/** DNs compare case-insensitively; spaces after the commas are not significant. */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*=\s*/g, '=')
    .toLowerCase();
}

/** True when `dn` is `container` or lies under it. An empty scope is the whole domain. */
export function isInScope(dn: string, scope: readonly string[]): boolean {
  if (scope.length === 0) return true;
  const d = normalizeDn(dn);
  return scope.some((s) => {
    const c = normalizeDn(s);
    return c.length > 0 && (d === c || d.endsWith(`,${c}`));
  });
}

// Connect's default sync rules skip critical system objects and its own service accounts
// (krbtgt, MSOL_/AAD_/Sync_ accounts, the SUPPORT_388945a0 account).
const SYSTEM_SAM = /^(krbtgt|msol_|aad_|sync_|support_388945a0|healthmailbox)/i;

/** True for objects Connect never exports, wherever they sit. */
export function isSystemObject(obj: ScenarioAdObject): boolean {
  const a = obj.attributes;
  const critical = a['isCriticalSystemObject'];
  if (critical === 'TRUE' || critical === 'true') return true;
  const sam = typeof a.sAMAccountName === 'string' ? a.sAMAccountName : '';
  return SYSTEM_SAM.test(sam) || sam.endsWith('$');
}
