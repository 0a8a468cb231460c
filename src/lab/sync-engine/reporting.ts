// Run-log lines several rules share: a failed export, quarantined values, the UPN suffix note.
import { isValidUpn } from '../../core/attributes/upn.js';
import type { SyncContext } from './context.js';
import type { DesiredValues } from './desired.js';
import { duplicateValuesText } from './messages.js';
import { logLine } from './run-log.js';
import { describeQuarantine, type ValuePlan } from './values.js';

/** AttributeValueMustBeUnique: the export failed and is retried on every cycle (docs/matching-facts.md §F4). */
export function logExportFailure(ctx: SyncContext, dn: string, plan: ValuePlan, cloudUserId?: string): void {
  const holders = plan.failureHolders
    .map((h) => `${h.kind} ${h.displayName ?? h.id} (${h.id})`)
    .filter((v, i, all) => all.indexOf(v) === i);
  const groupNote = plan.failureHolders.some((h) => h.kind === 'group')
    ? ' Duplicate attribute resiliency does not quarantine a proxy address a group holds (known issue): the export fails until the conflict is removed.'
    : '';
  logLine(
    ctx,
    dn,
    'ExportError',
    `AttributeValueMustBeUnique: ${duplicateValuesText(plan.failures)} Held by ${holders.join(', ')}.${groupNote}`,
    cloudUserId,
  );
}

/** One line per value quarantined for the first time (the service reports each one once). */
export function logNewQuarantines(ctx: SyncContext, dn: string, plan: ValuePlan, cloudUserId: string): void {
  for (const q of plan.quarantined) {
    if (!q.known) logLine(ctx, dn, 'Quarantined', describeQuarantine(q, plan.placeholder), cloudUserId);
  }
}

/** " The UPN suffix … is not verified …" when the unverified-suffix rule rewrote the UPN. */
export function upnSuffixNote(desired: DesiredValues): string {
  const ad = desired.adUserPrincipalName;
  const cloud = desired.userPrincipalName;
  if (!ad || !cloud || ad === cloud) return '';
  if (!isValidUpn(ad)) {
    // UNVERIFIED wording: the service records the calculated UPN; it publishes no run-log text.
    return ` The UPN ${ad} breaks Microsoft Entra's username policy, so the cloud calculated ${cloud} instead.`;
  }
  const suffix = ad.slice(ad.lastIndexOf('@') + 1);
  return ` The UPN suffix ${suffix} is not a verified domain of the tenant, so the UPN is exported as ${cloud}.`;
}
