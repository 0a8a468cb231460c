// From one user's diagnosis to what the next delta sync will do with that user, in Entra Connect's
// order (docs/matching-facts.md §2): an existing join is updated; else a hard match on the anchor; else a
// deleted user holding the anchor is restored; else a soft match on the UPN or primary SMTP
// address; else a new cloud user, with duplicate attribute resiliency quarantining taken values.
// The findings say most of it (a group holding an address fails the export; a stale immutableId
// refuses the soft match); the snapshot adds what findings do not carry: which user a soft match
// would pick, the holder's roles, and the switches' defaults when they could not be read.
import type { Diagnosis } from '../diagnosis-types.js';
import type { Finding, FindingCode } from '../findings.js';
import { isSystemObject } from '../idfix-rules.js';
import { addressKey, hasSmtpAddress, primarySmtp } from '../proxy-addresses.js';
import type { CloudUser, OnPremObject, Snapshot, TenantFeatures } from '../snapshot.js';
import { predictCloudUpn } from '../unverified-upn.js';
import type { Forecast, SyncError } from './types.js';

/** What the service applies when a sign-in may not read the switches (its defaults). */
const DEFAULT_FEATURES: Required<TenantFeatures> = {
  blockSoftMatchEnabled: false,
  blockCloudObjectTakeoverThroughHardMatchEnabled: false,
  softMatchOnUpnEnabled: true,
  quarantineUponUpnConflictEnabled: true,
  quarantineUponProxyAddressesConflictEnabled: true,
};

// Connect's own service accounts, which its default rules never export wherever they sit.
const CONNECT_ACCOUNTS = /^(krbtgt|msol_|aad_|sync_|support_388945a0|healthmailbox)/i;

/** True for AD users Entra Connect never exports (critical system objects, its own accounts). */
export function connectSkips(o: OnPremObject): boolean {
  const sam = o.sAMAccountName ?? '';
  return isSystemObject(o) || CONNECT_ACCOUNTS.test(sam) || sam.endsWith('$');
}

function result(
  outcome: Forecast['outcome'],
  reason: string,
  extra: Partial<Omit<Forecast, 'outcome' | 'reason'>> = {},
): Forecast {
  return {
    outcome,
    cloudUserId: null,
    error: null,
    duplicateVia: null,
    quarantined: false,
    reason,
    ...extra,
  };
}

const blocked = (error: SyncError, reason: string, cloudUserId: string | null = null): Forecast =>
  result('export-error', reason, { error, cloudUserId });

const isSynced = (u: CloudUser) => u.onPremisesSyncEnabled === true;

/** The proxy-address conflicts the diagnosis found, by kind of holder. */
function proxyConflicts(findings: readonly Finding[]) {
  const dup = findings.filter((f) => f.code === 'CLOUD_DUPLICATE_PROXY_ADDRESS');
  return {
    group: dup.some((f) => f.evidence['kind'] === 'group'),
    other: dup.some((f) => f.evidence['kind'] !== 'group'),
  };
}

/**
 * The UPN the user gets in the cloud: its own on a verified domain, else `<name>@<initial>`
 * (docs/matching-facts.md §2.7); true when another cloud object (not `selfId`) already holds it.
 */
function upnTaken(snapshot: Snapshot, user: OnPremObject, selfId: string | null): boolean {
  const cloud = snapshot.cloud!;
  const upn = user.userPrincipalName;
  if (!upn) return false;
  const initial = cloud.domains.find((d) => d.isInitial)?.id;
  const verified = new Set(cloud.domains.filter((d) => d.isVerified).map((d) => addressKey(d.id)));
  // Microsoft's order for the prefix (src/core/unverified-upn.ts).
  const wanted = initial
    ? predictCloudUpn(
        {
          userPrincipalName: upn,
          mailNickname: user.mailNickname ?? undefined,
          proxyAddresses: user.proxyAddresses,
          mail: user.mail ?? undefined,
        },
        (suffix) => verified.has(addressKey(suffix)),
        initial,
      )
    : upn;
  const k = addressKey(wanted);
  return (
    cloud.users.some(
      (u) =>
        u.id !== selfId &&
        (addressKey(u.userPrincipalName) === k || hasSmtpAddress(u.proxyAddresses, wanted)),
    ) || [...cloud.groups, ...cloud.contacts].some((r) => hasSmtpAddress(r.proxyAddresses, wanted))
  );
}

/** The cloud user a soft match lands on, as Connect picks it: UPN first (when allowed), then primary SMTP. */
function softMatchCandidate(snapshot: Snapshot, user: OnPremObject, f: TenantFeatures): CloudUser | null {
  const users = snapshot.cloud!.users;
  const upn = f.softMatchOnUpnEnabled ? user.userPrincipalName : null;
  // Connect exports the AD proxies, or only SMTP:<mail> when there are none.
  const primary = user.proxyAddresses.length > 0 ? primarySmtp(user.proxyAddresses) : user.mail;
  const byUpn = upn ? users.find((u) => addressKey(u.userPrincipalName) === addressKey(upn)) : undefined;
  const bySmtp = primary ? users.find((u) => hasSmtpAddress(u.proxyAddresses, primary)) : undefined;
  return byUpn ?? bySmtp ?? null;
}

/** The next sync's outcome for the diagnosed user. */
export function forecastOutcome(d: Diagnosis, snapshot: Snapshot): Forecast {
  const user = d.onPrem;
  const codes = new Set<FindingCode>(d.findings.map((f) => f.code));
  if (!user || !snapshot.cloud) return result('not-synced', 'No single AD user was diagnosed.');
  const unread = snapshot.cloud.skipped?.find((s) => s.check === 'users');
  if (unread) {
    return result(
      'unknown',
      `The cloud users could not be read (${unread.permission ?? unread.graphCode ?? 'refused'}): no forecast.`,
    );
  }
  if (codes.has('AD_OUT_OF_SYNC_SCOPE')) {
    const joined = d.anchorHolder && isSynced(d.anchorHolder) ? d.anchorHolder : null;
    return result(
      'not-synced',
      joined
        ? `Outside the synchronised OUs: the next sync soft-deletes its cloud user ${joined.userPrincipalName}.`
        : 'Outside the OUs Entra Connect synchronises.',
    );
  }
  if (connectSkips(user)) return result('not-synced', 'A system object: Entra Connect never exports it.');
  const anchor = d.expectedImmutableId;
  if (!anchor)
    return result('not-synced', `The anchor attribute ${d.anchorSource ?? ''} is empty: Connect skips it.`);

  // Two AD objects exporting one sourceAnchor: the object whose objectGUID it is keeps it, and the
  // copy fails to export (or, once a cloud user carries the anchor, could take it over).
  // UNVERIFIED: which object Connect processes first; the forecast assumes the owner, as the lab does
  // when the owner comes first in the directory.
  const sharedAnchor = d.findings.find(
    (x) => x.code === 'AD_DUPLICATE_ANCHOR' && x.evidence['owner'] !== 'user',
  );
  if (sharedAnchor) {
    const other = (sharedAnchor.evidence['other'] as { dn?: string } | undefined)?.dn ?? 'another AD object';
    return blocked(
      'AttributeValueMustBeUnique',
      `${other} exports the same sourceAnchor ${anchor}: one of the two cannot be synced until the copy is cleared in AD.`,
    );
  }

  // A value the cloud refuses fails the export whatever else would happen (src/core/attributes/).
  const refused = d.findings.filter((x) => x.code === 'AD_ATTRIBUTE_INVALID' && x.severity === 'error');
  if (refused.length > 0 && !user.userPrincipalName && !user.sAMAccountName) {
    return result(
      'not-synced',
      'Neither userPrincipalName nor sAMAccountName: Connect has no UPN to export.',
    );
  }
  if (refused.length > 0) {
    const what = refused
      .map((x) => String(x.evidence['attribute']))
      .filter((a, i, all) => all.indexOf(a) === i);
    return blocked(
      'DataValidationFailed',
      `The cloud refuses its ${what.join(', ')}: the export fails until AD is corrected.`,
    );
  }

  const cloud = snapshot.cloud;
  const f = { ...DEFAULT_FEATURES, ...(cloud.features ?? {}) };
  const target = d.target;
  const conflicts = proxyConflicts(d.findings);
  const groupFails = () =>
    blocked(
      'AttributeValueMustBeUnique',
      'A cloud group holds one of its proxy addresses: the export fails (resiliency does not quarantine a group’s address).',
    );
  /** Values another object holds, when landing on `selfId`: quarantined, or a failed export if quarantine is off. */
  const quarantine = (selfId: string | null): { fails: boolean; quarantined: boolean } => {
    const upn = upnTaken(snapshot, user, selfId);
    const proxy = conflicts.other;
    const fails =
      (upn && !f.quarantineUponUpnConflictEnabled) ||
      (proxy && !f.quarantineUponProxyAddressesConflictEnabled);
    return { fails, quarantined: upn || proxy };
  };
  const valueFails = () =>
    blocked(
      'AttributeValueMustBeUnique',
      'A value it exports is taken and quarantine is switched off: the export fails.',
    );

  // 1. An existing join (a synced user with this anchor): the values are updated.
  const holder = d.anchorHolder;
  if (holder && isSynced(holder)) {
    if (conflicts.group) return { ...groupFails(), cloudUserId: holder.id };
    const q = quarantine(holder.id);
    if (q.fails) return { ...valueFails(), cloudUserId: holder.id };
    if (holder.id !== target?.id) {
      return result(
        'duplicate',
        `Stays joined to ${holder.userPrincipalName}, a second account beside ${target?.userPrincipalName}.`,
        {
          cloudUserId: holder.id,
          duplicateVia: 'join',
          quarantined: q.quarantined,
        },
      );
    }
    return result(
      'already-matched',
      `Synced with ${holder.userPrincipalName}; the next sync only updates values.`,
      {
        cloudUserId: holder.id,
        quarantined: q.quarantined,
      },
    );
  }

  // 2. Hard match onto a cloud-managed user carrying the anchor.
  if (holder) {
    const roles = cloud.roles[holder.id] ?? [];
    if (roles.length > 0) {
      return blocked(
        'ExistingAdminRoleConflict',
        `${holder.userPrincipalName} holds ${roles.join(', ')}: hard match onto an admin is blocked.`,
        holder.id,
      );
    }
    if (f.blockCloudObjectTakeoverThroughHardMatchEnabled) {
      return blocked(
        'InvalidHardMatch',
        'blockCloudObjectTakeoverThroughHardMatchEnabled refuses the hard match onto a cloud-managed user.',
        holder.id,
      );
    }
    if (conflicts.group) return { ...groupFails(), cloudUserId: holder.id };
    const q = quarantine(holder.id);
    if (q.fails) return { ...valueFails(), cloudUserId: holder.id };
    if (target && holder.id !== target.id) {
      return result(
        'duplicate',
        `Hard-matches ${holder.userPrincipalName}, leaving ${target.userPrincipalName} as a second account.`,
        {
          cloudUserId: holder.id,
          duplicateVia: 'join',
          quarantined: q.quarantined,
        },
      );
    }
    return result('hard-match', `Hard-matches ${holder.userPrincipalName} on the anchor ${anchor}.`, {
      cloudUserId: holder.id,
      quarantined: q.quarantined,
    });
  }

  // 3. A deleted user with the anchor is restored rather than a new one created.
  const deleted = cloud.deletedUsers.find((u) => u.onPremisesImmutableId === anchor);
  if (deleted) {
    if (f.blockCloudObjectTakeoverThroughHardMatchEnabled && !isSynced(deleted)) {
      return blocked(
        'InvalidHardMatch',
        'blockCloudObjectTakeoverThroughHardMatchEnabled refuses restoring a cloud-managed deleted user.',
        deleted.id,
      );
    }
    if (conflicts.group) return { ...groupFails(), cloudUserId: deleted.id };
    const q = quarantine(deleted.id);
    if (q.fails) return { ...valueFails(), cloudUserId: deleted.id };
    if (target) {
      return result(
        'duplicate',
        `Restores the deleted ${deleted.userPrincipalName} beside ${target.userPrincipalName}: two accounts.`,
        {
          cloudUserId: deleted.id,
          duplicateVia: 'restore',
          quarantined: q.quarantined,
        },
      );
    }
    return result('restore', `Restores the deleted ${deleted.userPrincipalName}, which holds the anchor.`, {
      cloudUserId: deleted.id,
      quarantined: q.quarantined,
    });
  }

  // 4. Soft match.
  const candidate = softMatchCandidate(snapshot, user, f);
  if (candidate) {
    if (f.blockSoftMatchEnabled) {
      return blocked(
        'InvalidSoftMatch',
        `Would soft-match ${candidate.userPrincipalName}, but blockSoftMatchEnabled is set.`,
        candidate.id,
      );
    }
    if (candidate.onPremisesImmutableId || isSynced(candidate)) {
      const why = isSynced(candidate)
        ? 'is synced from another object'
        : `still carries the immutableId ${candidate.onPremisesImmutableId}`;
      return blocked(
        'InvalidSoftMatch',
        `${candidate.userPrincipalName} ${why}: the soft match is refused.`,
        candidate.id,
      );
    }
    const roles = cloud.roles[candidate.id] ?? [];
    if (roles.length > 0) {
      if (conflicts.group) return groupFails();
      if (quarantine(null).fails) return valueFails();
      return result(
        'duplicate',
        `${candidate.userPrincipalName} holds ${roles.join(', ')}: a separate, quarantined user is created.`,
        {
          error: 'ExistingAdminRoleConflict',
          duplicateVia: 'create',
          quarantined: true,
        },
      );
    }
    if (conflicts.group) return { ...groupFails(), cloudUserId: candidate.id };
    const q = quarantine(candidate.id);
    if (q.fails) return { ...valueFails(), cloudUserId: candidate.id };
    return result('soft-match', `Soft-matches ${candidate.userPrincipalName}.`, {
      cloudUserId: candidate.id,
      quarantined: q.quarantined,
    });
  }

  // 5. A new cloud user.
  if (conflicts.group) return groupFails();
  const q = quarantine(null);
  if (q.fails) return valueFails();
  if (target) {
    return result(
      'duplicate',
      `Nothing matches ${target.userPrincipalName}: a second cloud user is created.`,
      {
        duplicateVia: 'create',
        quarantined: q.quarantined,
      },
    );
  }
  // Two AD objects sharing a value: whichever is exported second gets it quarantined.
  if (q.quarantined || codes.has('AD_DUPLICATE_VALUE')) {
    return result(
      'new-user-quarantined',
      codes.has('AD_DUPLICATE_VALUE') && !q.quarantined
        ? 'A new cloud user; another AD object shares a value, so one of the two gets it quarantined.'
        : 'A new cloud user, with values another object holds quarantined.',
      { quarantined: true },
    );
  }
  return result('new-user', 'A new cloud user is created.');
}
