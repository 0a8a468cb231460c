// What the tenant holds for one AD user, per case of the shipped scenarios (assets/scenarios/):
// a synced user, a hand-made one waiting for a soft match, a stale immutableId, a recycle-bin
// leftover, a placeholder duplicate, a group holding one of its addresses, an admin… Built from
// the AD user's values only, so the generator and the Samba test (AD users read from a real DC)
// make the cloud side the same way.
import type { ScenarioCloudUser, ScenarioDeletedUser, ScenarioRecipient } from '../scenario-schema.js';
import type { Rng } from './rng.js';

/** The AD user's values a cloud copy is made from. */
export interface AdView {
  sam: string;
  upn: string;
  mail: string | null;
  alias: string | null;
  displayName: string;
  proxies: string[];
  /** The immutableId the next sync will use (docs/matching-facts.md §1). */
  anchor: string;
}

export interface TenantDraft {
  initialDomain: string;
  /** The verified domain hand-made accounts are on (e.g. contoso.com). */
  verifiedDomain: string;
  users: ScenarioCloudUser[];
  groups: ScenarioRecipient[];
  contacts: ScenarioRecipient[];
  deletedUsers: ScenarioDeletedUser[];
}

export interface CaseContext {
  rng: Rng;
  tenant: TenantDraft;
  /** ISO time of the last sync and of deletions. */
  at: string;
}

export const CLOUD_CASES = [
  /** Already synced with this anchor (healthy). */
  'matched',
  /** A hand-made cloud user with the same UPN and address, no immutableId (ready-for-soft-match). */
  'soft-match-ready',
  /** A cloud-managed user already stamped with the anchor. */
  'hard-match-ready',
  /** Nothing in the tenant: the sync creates the user. */
  'none',
  /** A cloud-managed user keeping an immutableId from an earlier sync (stale-immutable-id). */
  'stale',
  /** The old synced copy in the recycle bin plus a hand-made one (recycle-bin-leftover). */
  'recycle-leftover',
  /** Only the old synced copy, in the recycle bin: the sync restores it. */
  'recycle-restore',
  /** A synced second account with a placeholder UPN beside the hand-made one (duplicate-synced-user). */
  'placeholder-duplicate',
  /** A soft-match candidate, and a cloud-only group holding one of the user's addresses (proxy-conflict-with-group). */
  'group-conflict',
  /** The cloud user holds an admin role (admin-role). */
  'admin',
  /** An admin already stamped with the anchor: the hard match is refused. */
  'admin-stamped',
  /** The same name on the verified domain (non-routable-upn: the AD UPN suffix is not verified). */
  'hand-made-on-verified-domain',
  /** A user synced from another anchor holds the UPN. */
  'linked-other',
  /** Synced, and a cloud-only user uses the same alias. */
  'alias-clash',
] as const;

export type CloudCase = (typeof CLOUD_CASES)[number];

const ADMIN_ROLES = [
  'Global Administrator',
  'Exchange Administrator',
  'User Administrator',
  'Helpdesk Administrator',
];

function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

function base(
  ctx: CaseContext,
  fields: Partial<ScenarioCloudUser> & { userPrincipalName: string },
): ScenarioCloudUser {
  return {
    id: ctx.rng.guid(),
    displayName: null,
    mail: null,
    mailNickname: null,
    proxyAddresses: [],
    onPremisesImmutableId: null,
    onPremisesSyncEnabled: null,
    onPremisesLastSyncDateTime: null,
    onPremisesProvisioningErrors: [],
    directoryRoles: [],
    eligibleDirectoryRoles: [],
    ...fields,
  };
}

/** The user as a sync made it: the AD values, the anchor, synced. */
function syncedCopy(ctx: CaseContext, ad: AdView): ScenarioCloudUser {
  return base(ctx, {
    userPrincipalName: ad.upn,
    displayName: ad.displayName,
    mail: ad.mail,
    mailNickname: ad.alias ?? ad.sam,
    proxyAddresses: [...ad.proxies],
    onPremisesImmutableId: ad.anchor,
    onPremisesSyncEnabled: true,
    onPremisesLastSyncDateTime: ctx.at,
  });
}

/** An account created in the portal for the same person: UPN and primary address, nothing else. */
function handMade(ctx: CaseContext, ad: AdView, upn = ad.upn): ScenarioCloudUser {
  return base(ctx, {
    userPrincipalName: upn,
    displayName: ad.displayName,
    mail: upn,
    mailNickname: localPart(upn),
    proxyAddresses: [`SMTP:${upn}`],
  });
}

/** A random anchor no AD object carries (an object of an earlier forest). */
function foreignAnchor(ctx: CaseContext): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = ctx.rng.int(256);
  return btoa(String.fromCharCode(...bytes));
}

/** Adds the tenant side of `kind` for this AD user. */
export function addCloudCase(kind: CloudCase, ad: AdView, ctx: CaseContext): void {
  const t = ctx.tenant;
  const { rng } = ctx;
  switch (kind) {
    case 'none':
      return;
    case 'matched':
      t.users.push(syncedCopy(ctx, ad));
      return;
    case 'alias-clash':
      t.users.push(syncedCopy(ctx, ad));
      t.users.push(
        base(ctx, {
          userPrincipalName: `${ad.alias ?? ad.sam}.shared@${t.initialDomain}`,
          displayName: `${ad.displayName} (shared mailbox)`,
          mailNickname: ad.alias ?? ad.sam,
        }),
      );
      return;
    case 'soft-match-ready':
      t.users.push(handMade(ctx, ad));
      return;
    case 'hard-match-ready':
      t.users.push({ ...handMade(ctx, ad), onPremisesImmutableId: ad.anchor });
      return;
    case 'stale':
      t.users.push({
        ...handMade(ctx, ad),
        onPremisesImmutableId: foreignAnchor(ctx),
        // Left behind when sync was switched off (null), or restored by hand (false): docs/matching-facts.md §2.8.
        onPremisesSyncEnabled: rng.chance(0.7) ? null : false,
      });
      return;
    case 'linked-other':
      t.users.push({ ...syncedCopy(ctx, ad), onPremisesImmutableId: foreignAnchor(ctx) });
      return;
    case 'recycle-leftover':
    case 'recycle-restore': {
      const { id: _id, ...copy } = syncedCopy(ctx, ad);
      t.deletedUsers.push({ id: rng.guid(), ...copy, deletedDateTime: ctx.at });
      if (kind === 'recycle-leftover') t.users.push(handMade(ctx, ad));
      return;
    }
    case 'placeholder-duplicate': {
      const digits = String(1000 + rng.int(9000));
      const primary = ad.proxies.find((p) => p.startsWith('SMTP:')) ?? `SMTP:${ad.upn}`;
      t.users.push(handMade(ctx, ad));
      t.users.push({
        ...syncedCopy(ctx, ad),
        userPrincipalName: `${localPart(ad.upn)}${digits}@${t.initialDomain}`,
        proxyAddresses: ad.proxies.filter((p) => p !== primary),
        onPremisesProvisioningErrors: [
          {
            category: 'PropertyConflict',
            occurredDateTime: ctx.at,
            propertyCausingError: 'UserPrincipalName',
            value: ad.upn,
          },
          {
            category: 'PropertyConflict',
            occurredDateTime: ctx.at,
            propertyCausingError: 'ProxyAddress',
            value: primary,
          },
        ],
      });
      return;
    }
    case 'group-conflict': {
      t.users.push(handMade(ctx, ad));
      const taken = ad.proxies.find((p) => /^smtp:team-/i.test(p)) ?? ad.proxies[ad.proxies.length - 1];
      if (!taken) return;
      const address = taken.slice(5);
      const name = localPart(address);
      t.groups.push({
        id: rng.guid(),
        displayName: name,
        mail: address,
        mailNickname: name,
        proxyAddresses: [`SMTP:${address}`, `smtp:${name}@${t.initialDomain}`],
        mailEnabled: true,
        onPremisesSyncEnabled: null,
        onPremisesProvisioningErrors: [],
      });
      return;
    }
    case 'admin':
    case 'admin-stamped': {
      const role = rng.pick(ADMIN_ROLES);
      const eligible = rng.chance(0.3);
      t.users.push({
        ...handMade(ctx, ad),
        onPremisesImmutableId: kind === 'admin-stamped' ? ad.anchor : null,
        directoryRoles: eligible ? [] : [role],
        eligibleDirectoryRoles: eligible ? [role] : [],
      });
      return;
    }
    case 'hand-made-on-verified-domain':
      t.users.push(handMade(ctx, ad, `${localPart(ad.upn)}@${t.verifiedDomain}`));
      return;
  }
}
