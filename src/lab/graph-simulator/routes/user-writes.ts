// PATCH /users/{id}: the writes a plan makes (onPremisesImmutableId, userPrincipalName) with the
// refusals Graph applies (docs/matching-facts.md §2.11, §2.12, §3). Everything is checked before anything is
// changed, and the change is made on the shared LabState object itself.
import type { LabState } from '../../lab-state.js';
import type { ScenarioCloudUser } from '../../scenario-schema.js';
import { graphErrors } from '../errors.js';
import { domainOf } from '../representations.js';
import { tenantIndex } from '../tenant-index.js';

/** Properties the lab lets a PATCH change. */
const WRITABLE = new Set(['onPremisesImmutableId', 'userPrincipalName', 'displayName', 'mailNickname']);
/** Properties an on-premises mastered (synced) user takes only from AD. */
const MASTERED_ON_PREMISES = new Set([
  'onPremisesImmutableId',
  'userPrincipalName',
  'displayName',
  'mailNickname',
]);
const READ_ONLY = new Set([
  'id',
  'proxyAddresses',
  'onPremisesSyncEnabled',
  'onPremisesLastSyncDateTime',
  'onPremisesProvisioningErrors',
  'onPremisesDistinguishedName',
  'onPremisesSamAccountName',
  'onPremisesUserPrincipalName',
  'onPremisesDomainName',
  'createdDateTime',
  'deletedDateTime',
]);

// RFC 5322 dot-atom local part, roughly as Entra checks it; a domain of dot-separated labels.
const UPN_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function isDomainVerified(state: LabState, upn: string): boolean {
  return domainOf(state, upn)?.['isVerified'] === true;
}

export function isFederatedUpn(state: LabState, upn: string): boolean {
  return domainOf(state, upn)?.['authenticationType'] === 'Federated';
}

/** The UPN checks shared by PATCH and restore's newUserPrincipalName. */
export function checkNewUpn(state: LabState, upn: unknown, selfId: string | null): string {
  if (typeof upn !== 'string' || !UPN_RE.test(upn)) {
    throw graphErrors.requestBadRequest('Property userPrincipalName is invalid.');
  }
  if (!isDomainVerified(state, upn)) throw graphErrors.unverifiedUpnDomain();
  const taken = tenantIndex(state).upnHolder(upn, selfId);
  if (taken) throw graphErrors.conflict('userPrincipalName');
  return upn;
}

/** The immutableId checks: format, federated UPN, uniqueness (active and deleted users). */
function checkNewImmutableId(state: LabState, user: ScenarioCloudUser, value: unknown): string | null {
  if (value !== null && typeof value !== 'string')
    throw graphErrors.invalidValue('onPremisesImmutableId', 'User');
  // Graph refuses an empty string (clearing needs null, docs/matching-facts.md §3); `$` and `_` are refused by
  // Graph's documentation. The exact message is UNVERIFIED.
  if (value === '' || (typeof value === 'string' && /[$_]/.test(value))) {
    throw graphErrors.invalidValue('onPremisesImmutableId', 'User');
  }
  if (value === user.onPremisesImmutableId) return value;
  // Setting or clearing it while the UPN is on a federated domain is refused (docs/matching-facts.md §2.11):
  // the field workaround is to move the UPN to the initial domain first.
  if (isFederatedUpn(state, user.userPrincipalName)) throw graphErrors.federatedImmutableId();
  if (value !== null) {
    const index = tenantIndex(state);
    const holder = index.immutableIdHolder(value, user.id);
    // UNVERIFIED whether a recycle-bin user blocks the value; the field reports purge it first, so
    // the lab assumes it blocks (docs/matching-facts.md §3).
    const deletedHolder = index.deletedImmutableIdHolder(value);
    const other = holder ?? deletedHolder;
    if (other) throw graphErrors.conflict('onPremisesImmutableId', other.id);
  }
  return value;
}

export function patchUser(state: LabState, user: ScenarioCloudUser, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw graphErrors.badRequest('Empty Payload. JSON content expected.');
  }
  const changes = body as Record<string, unknown>;
  for (const key of Object.keys(changes)) {
    if (READ_ONLY.has(key)) throw graphErrors.readOnly(key);
    if (!WRITABLE.has(key)) {
      throw graphErrors.badRequest(
        `Property '${key}' does not exist on type 'microsoft.graph.user' (or the lab does not simulate writing it).`,
      );
    }
  }
  if (user.onPremisesSyncEnabled === true && Object.keys(changes).some((k) => MASTERED_ON_PREMISES.has(k))) {
    throw graphErrors.syncedObject();
  }
  const next: Partial<ScenarioCloudUser> = {};
  if ('onPremisesImmutableId' in changes) {
    next.onPremisesImmutableId = checkNewImmutableId(state, user, changes['onPremisesImmutableId']);
  }
  if ('userPrincipalName' in changes && changes['userPrincipalName'] !== user.userPrincipalName) {
    // UNVERIFIED: MSOnline and AzureAD required a new password when a UPN moved from a federated
    // to a managed domain; whether Graph's PATCH does is not confirmed, so the lab does not.
    next.userPrincipalName = checkNewUpn(state, changes['userPrincipalName'], user.id);
  }
  if ('displayName' in changes) {
    if (typeof changes['displayName'] !== 'string' || changes['displayName'] === '') {
      throw graphErrors.invalidValue('displayName', 'User');
    }
    next.displayName = changes['displayName'];
  }
  if ('mailNickname' in changes) {
    if (typeof changes['mailNickname'] !== 'string' || changes['mailNickname'] === '') {
      throw graphErrors.invalidValue('mailNickname', 'User');
    }
    next.mailNickname = changes['mailNickname'];
  }
  Object.assign(user, next);
}
