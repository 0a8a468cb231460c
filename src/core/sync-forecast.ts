// What the next sync will write on the cloud user it joins, computed before the first write from
// the AD user's export (core/export-values.ts: the same code the lab's sync engine runs) against
// the target's current values. Shown on the plan and confirmation screens, printed as `forecast` by
// `diagnose --json`, and checked again after the sync (VERIFY_MATCH).
// Lab simplification, UNVERIFIED against the service: proxyAddresses are compared as a set, and
// the addresses Exchange Online adds itself (…@<tenant>.mail.onmicrosoft.com) are not predicted.
import { desiredUserValues, domainOfDn, tenantNaming, type DesiredValues } from './export-values.js';
import { addressKey } from './proxy-addresses.js';
import type { CloudUser, CloudView, OnPremObject } from './snapshot.js';

export const FORECAST_PROPERTIES = [
  'userPrincipalName',
  'displayName',
  'mail',
  'mailNickname',
  'proxyAddresses',
] as const;

export type ForecastProperty = (typeof FORECAST_PROPERTIES)[number];

export interface ForecastChange {
  property: ForecastProperty;
  before: string | string[] | null;
  after: string | string[];
}

export interface SyncForecast {
  /** The cloud user the sync is expected to join (null: it creates a new one). */
  cloudUserId: string | null;
  cloudUserUpn: string | null;
  /** Every value the export writes (what AD has a value for), after the unverified-suffix rule. */
  writes: Partial<Record<ForecastProperty, string | string[]>>;
  /** The values that differ from the target's current ones. */
  changes: ForecastChange[];
  /** The user's sign-in name (UPN) changes: they could no longer sign in as before. */
  signInNameChanges: boolean;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((v) => x.has(v));
}

function differs(before: unknown, after: string | string[]): boolean {
  if (Array.isArray(after)) return !sameSet(Array.isArray(before) ? before : [], after);
  return before !== after;
}

/** The export of `user` as the forecast's `writes`. */
export function exportOf(user: OnPremObject, cloud: CloudView): DesiredValues | null {
  const initial = cloud.domains.find((d) => d.isInitial)?.id;
  if (!initial) return null;
  return desiredUserValues(user, domainOfDn(user.dn), tenantNaming(initial, cloud.domains));
}

/**
 * The forecast for `user` joining `target` (null target: a new cloud user). null when the tenant's
 * initial domain is unknown (the UPN rule cannot be applied).
 */
export function forecastSync(
  user: OnPremObject,
  target: CloudUser | null,
  cloud: CloudView,
): SyncForecast | null {
  const desired = exportOf(user, cloud);
  if (!desired) return null;
  const writes: SyncForecast['writes'] = {};
  const changes: ForecastChange[] = [];
  for (const property of FORECAST_PROPERTIES) {
    const after = desired[property];
    if (after === undefined) continue;
    writes[property] = after;
    if (!target) continue;
    const before = target[property];
    if (differs(before, after)) {
      changes.push({ property, before: Array.isArray(before) ? [...before] : (before ?? null), after });
    }
  }
  const upn = changes.find((c) => c.property === 'userPrincipalName');
  return {
    cloudUserId: target?.id ?? null,
    cloudUserUpn: target?.userPrincipalName ?? null,
    writes,
    changes,
    signInNameChanges:
      upn !== undefined &&
      typeof upn.before === 'string' &&
      addressKey(upn.before) !== addressKey(upn.after as string),
  };
}

/** The forecast values a synced user does not show (property → [expected, actual]); empty when it held. */
export function forecastMisses(
  forecast: Pick<SyncForecast, 'writes'>,
  user: CloudUser,
  properties: readonly ForecastProperty[] = ['userPrincipalName', 'displayName'],
): { property: ForecastProperty; expected: string | string[]; actual: string | string[] | null }[] {
  const out: { property: ForecastProperty; expected: string | string[]; actual: string | string[] | null }[] =
    [];
  for (const property of properties) {
    const expected = forecast.writes[property];
    if (expected === undefined) continue;
    const actual = user[property];
    const miss = Array.isArray(expected)
      ? !sameSet(Array.isArray(actual) ? actual : [], expected)
      : property === 'userPrincipalName'
        ? typeof actual !== 'string' || addressKey(actual) !== addressKey(expected)
        : actual !== expected;
    if (miss) out.push({ property, expected, actual: actual ?? null });
  }
  return out;
}
