// Which AD objects the sync sees: the OU filter of the Connect wizard, plus the objects Connect's
// default "In from AD" rules never export.
import { dnInScope, dnKey } from '../../core/dn.js';
import type { ScenarioAdObject } from '../scenario-schema.js';

/**
 * A DN's comparable form, parsed (RFC 4514, src/core/dn.ts) as the DC parses it: case and the
 * spaces around separators do not count, escapes and the spaces next to them do. Text that is not
 * a DN keeps its own (never equal to a parsed DN's) form.
 */
export function normalizeDn(dn: string): string {
  return dnKey(dn) ?? `\u0000${dn}`;
}

/** True when `dn` is `container` or lies under it. An empty scope is the whole domain. */
export function isInScope(dn: string, scope: readonly string[]): boolean {
  return dnInScope(dn, scope);
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
