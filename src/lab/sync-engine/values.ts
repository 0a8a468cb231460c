// Writing exported values into a cloud object under duplicate attribute resiliency (docs/matching-facts.md §2.9,
// docs/matching-facts.md §F4): a taken UPN is quarantined and, when the object needs one, replaced by
// `<prefix><4 digits>@<initial domain>`; a taken SMTP proxy address is dropped; each quarantined
// value is recorded in onPremisesProvisioningErrors and leaves quarantine once it is free again
// (the service's hourly timer task; the lab re-checks on every run). Known issue: a user's proxy
// address held by a group fails the export instead.
import { addressKey, parseProxyAddress, sameProxyAddress } from '../../core/proxy-addresses.js';
import type { ScenarioCloudUser } from '../scenario-schema.js';
import type { SyncContext } from './context.js';
import type { DesiredValues } from './desired.js';
import { fourDigits } from './deterministic.js';
import { splitAddress } from './desired.js';
import type { ConflictingValue } from './messages.js';
import { refreshHolder } from './holder-index.js';
import { holdersOf, isTaken, type Holder } from './uniqueness.js';

export type ProvisioningErrorEntry = ScenarioCloudUser['onPremisesProvisioningErrors'][number];

/** The fields a cloud user, group or contact shares with the export. */
export interface CloudObjectFields {
  id: string;
  userPrincipalName?: string;
  displayName: string | null;
  mail: string | null;
  mailNickname: string | null;
  proxyAddresses: string[];
  onPremisesProvisioningErrors: ProvisioningErrorEntry[];
}

export interface Quarantine {
  property: 'UserPrincipalName' | 'ProxyAddress';
  value: string;
  holder: Holder;
  /** Already recorded before this run (not reported again: docs/matching-facts.md §F4, "only once"). */
  known: boolean;
}

export interface ValuePlan {
  userPrincipalName?: string;
  displayName?: string;
  mail?: string;
  mailNickname?: string;
  proxyAddresses?: string[];
  onPremisesProvisioningErrors: ProvisioningErrorEntry[];
  quarantined: Quarantine[];
  placeholder?: string;
  /** Conflicts that fail the whole export (group known issue, or resiliency switched off). */
  failures: ConflictingValue[];
  failureHolders: Holder[];
}

export interface PlanTarget {
  /** null for an object about to be created. */
  id: string | null;
  kind: 'user' | 'group' | 'contact';
  current: Pick<CloudObjectFields, 'userPrincipalName' | 'onPremisesProvisioningErrors'> | null;
  /** Seed for the placeholder digits (DN or anchor + run). */
  seed: string;
}

function sameError(e: ProvisioningErrorEntry, q: Pick<Quarantine, 'property' | 'value'>): boolean {
  if (e.propertyCausingError !== q.property) return false;
  return q.property === 'ProxyAddress'
    ? sameProxyAddress(e.value, q.value)
    : addressKey(e.value) === addressKey(q.value);
}

function placeholderUpn(ctx: SyncContext, wanted: string, selfId: string | null, seed: string): string {
  const [prefix] = splitAddress(wanted);
  for (let attempt = 0; ; attempt++) {
    const candidate = `${prefix}${fourDigits(`${seed}|${attempt}`)}@${ctx.state.tenant.initialDomain}`;
    if (!isTaken(ctx.state.tenant, candidate, selfId)) return candidate;
  }
}

/** Decides every value to write, without writing anything. */
export function planValues(ctx: SyncContext, target: PlanTarget, desired: DesiredValues): ValuePlan {
  const tenant = ctx.state.tenant;
  const existing = target.current?.onPremisesProvisioningErrors ?? [];
  const plan: ValuePlan = {
    displayName: desired.displayName,
    mail: desired.mail,
    mailNickname: desired.mailNickname,
    onPremisesProvisioningErrors: [],
    quarantined: [],
    failures: [],
    failureHolders: [],
  };
  const quarantine = (property: Quarantine['property'], value: string, holder: Holder) =>
    plan.quarantined.push({
      property,
      value,
      holder,
      known: existing.some((e) => sameError(e, { property, value })),
    });

  if (target.kind === 'user' && desired.userPrincipalName !== undefined) {
    const wanted = desired.userPrincipalName;
    const holder = holdersOf(tenant, wanted, target.id)[0];
    if (!holder) {
      plan.userPrincipalName = wanted;
    } else if (!ctx.features.quarantineUponUpnConflictEnabled) {
      // UNVERIFIED: that this switch off means the pre-resiliency behaviour (export fails).
      plan.failures.push({ property: 'UserPrincipalName', value: wanted });
      plan.failureHolders.push(holder);
    } else {
      quarantine('UserPrincipalName', wanted, holder);
      const current = target.current?.userPrincipalName;
      if (current && !isTaken(tenant, current, target.id)) {
        plan.userPrincipalName = current;
      } else {
        plan.placeholder = placeholderUpn(ctx, wanted, target.id, target.seed);
        plan.userPrincipalName = plan.placeholder;
      }
    }
  }

  if (desired.proxyAddresses !== undefined) {
    const kept: string[] = [];
    for (const raw of desired.proxyAddresses) {
      const p = parseProxyAddress(raw);
      // Resiliency handles UPN and SMTP values only; other types pass through.
      const holders = p.isSmtp ? holdersOf(tenant, p.address, target.id) : [];
      if (holders.length === 0) {
        kept.push(raw);
        continue;
      }
      const group = holders.find((h) => h.kind === 'group');
      if ((target.kind === 'user' && group) || !ctx.features.quarantineUponProxyAddressesConflictEnabled) {
        plan.failures.push({ property: 'ProxyAddresses', value: raw });
        plan.failureHolders.push(group ?? holders[0]!);
      } else {
        quarantine('ProxyAddress', raw, holders[0]!);
      }
    }
    plan.proxyAddresses = kept;
  }

  // Errors the export manages are rebuilt from this plan; others are kept as they were.
  const managed = (e: ProvisioningErrorEntry) =>
    (e.propertyCausingError === 'UserPrincipalName' && target.kind === 'user') ||
    (e.propertyCausingError === 'ProxyAddress' && desired.proxyAddresses !== undefined);
  for (const e of existing) {
    if (!managed(e) || plan.quarantined.some((q) => sameError(e, q)))
      plan.onPremisesProvisioningErrors.push(e);
  }
  for (const q of plan.quarantined) {
    if (!q.known) {
      plan.onPremisesProvisioningErrors.push({
        category: 'PropertyConflict',
        occurredDateTime: ctx.at,
        propertyCausingError: q.property,
        value: q.value,
      });
    }
  }
  return plan;
}

function differs(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

/** Writes a plan into `obj`; returns the names of the properties that changed. */
export function commitValues(obj: CloudObjectFields, plan: ValuePlan): string[] {
  const changed: string[] = [];
  const set = <K extends keyof CloudObjectFields>(key: K, value: CloudObjectFields[K] | undefined) => {
    if (value === undefined || !differs(obj[key], value)) return;
    obj[key] = value;
    changed.push(key);
  };
  set('userPrincipalName', plan.userPrincipalName);
  set('displayName', plan.displayName);
  set('mail', plan.mail);
  set('mailNickname', plan.mailNickname);
  set('proxyAddresses', plan.proxyAddresses);
  set('onPremisesProvisioningErrors', plan.onPremisesProvisioningErrors);
  if (changed.length > 0) refreshHolder(obj);
  return changed;
}

/** One sentence per newly quarantined value, for the run log. */
export function describeQuarantine(q: Quarantine, placeholder: string | undefined): string {
  const who = `${q.holder.kind} ${q.holder.displayName ?? q.holder.id}`;
  if (q.property === 'UserPrincipalName') {
    const kept = placeholder ? ` The object got the placeholder UPN ${placeholder}.` : '';
    return `Duplicate attribute resiliency: userPrincipalName ${q.value} is already used by ${who}; the value is quarantined in onPremisesProvisioningErrors.${kept}`;
  }
  return `Duplicate attribute resiliency: proxy address ${q.value} is already used by ${who}; the value was dropped and quarantined in onPremisesProvisioningErrors.`;
}
