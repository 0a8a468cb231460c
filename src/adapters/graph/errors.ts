// Graph failures as sentences a technician can act on: which permission is missing, which object
// already holds a value, why a synced object cannot be changed here (docs/matching-facts.md §3).
import { UserFacingError } from '../../core/errors.js';

/** What the adapter was doing, which decides the permission a 403 means. */
export type GraphOperation =
  | 'read-users'
  | 'read-groups'
  | 'read-contacts'
  | 'read-deleted-users'
  | 'read-domains'
  | 'read-sync-features'
  | 'read-roles'
  | 'read-memberships'
  | 'write-user'
  | 'purge-deleted-user'
  | 'restore-deleted-user';

/** The least-privileged permission each operation needs. */
export const PERMISSION: Record<GraphOperation, string> = {
  'read-users': 'User.Read.All',
  'read-groups': 'Group.Read.All',
  'read-contacts': 'OrgContact.Read.All',
  'read-deleted-users': 'User.Read.All',
  'read-domains': 'Domain.Read.All',
  'read-sync-features': 'OnPremDirectorySynchronization.Read.All',
  'read-roles': 'RoleManagement.Read.Directory',
  // https://learn.microsoft.com/graph/api/user-list-transitivememberof (another user's memberships).
  'read-memberships': 'User.Read.All',
  'write-user': 'User.ReadWrite.All',
  'purge-deleted-user': 'User.DeleteRestore.All',
  'restore-deleted-user': 'User.DeleteRestore.All',
};

const WHAT: Record<GraphOperation, string> = {
  'read-users': 'read users',
  'read-groups': 'read groups',
  'read-contacts': 'read organisational contacts',
  'read-deleted-users': 'read the recycle bin',
  'read-domains': "read the tenant's domains",
  'read-sync-features': "read the tenant's directory synchronization settings",
  'read-roles': 'read directory role assignments',
  'read-memberships': "read the user's group memberships",
  'write-user': 'change the user',
  'purge-deleted-user': 'permanently delete the user from the recycle bin',
  'restore-deleted-user': 'restore the user from the recycle bin',
};

/** The `error` object of a Graph error body. */
export interface GraphErrorPayload {
  code?: string;
  message?: string;
  details?: { code?: string; message?: string; target?: string }[];
}

export interface FailureContext {
  operation: GraphOperation;
  /** The object concerned (id or UPN), for messages. */
  subject?: string;
  /** The property a write changed, and its new value. */
  property?: string;
  value?: string | null;
}

const SYNCED_REFUSAL = /on-premises mastered/i;

/** Maps one Graph answer (status + error payload) to a UserFacingError. */
export function graphFailure(
  status: number,
  payload: GraphErrorPayload,
  ctx: FailureContext,
): UserFacingError {
  const graphCode = payload.code ?? '';
  const graphMessage = payload.message ?? '';
  const said = graphMessage ? ` Graph said: "${graphMessage}"` : '';
  const subject = ctx.subject ? ` ${ctx.subject}` : '';
  if (status === 401) {
    return new UserFacingError(
      `Microsoft Graph did not accept the sign-in (${graphCode || '401'}).${said}`,
      'GRAPH_UNAUTHORIZED',
      'Sign in again; check the tenant id, client id and secret or certificate in the settings.',
    );
  }
  if (status === 403) {
    const permission = PERMISSION[ctx.operation];
    return new UserFacingError(
      `The sign-in may not ${WHAT[ctx.operation]}: Microsoft Graph answered 403 (${graphCode || 'Forbidden'}).`,
      'GRAPH_FORBIDDEN',
      `Grant the ${permission} permission (with admin consent) to the app, or sign in with an account that has it.` +
        (ctx.operation === 'write-user'
          ? ' Some tenants also need Directory.AccessAsUser.All to change onPremisesImmutableId.'
          : '') +
        (ctx.operation === 'purge-deleted-user' || ctx.operation === 'restore-deleted-user'
          ? // https://learn.microsoft.com/graph/api/directory-deleteditems-delete and …-restore.
            ' If the user held a privileged admin role, a person signing in also needs the delegated ' +
            'Directory.AccessAsUser.All permission (syncmatch does not ask for it unless you add it to the app) ' +
            'and a higher privileged admin role (Microsoft\'s "Who can perform sensitive actions"); for an app ' +
            'sign-in, see the deletedItems delete and restore pages.'
          : ''),
    );
  }
  if (status === 404) {
    return new UserFacingError(
      `The object${subject} no longer exists in the tenant (${graphCode || '404'}).`,
      'GRAPH_NOT_FOUND',
      'It may have been deleted or purged since the diagnosis: run the diagnosis again.',
    );
  }
  if (status === 429 || status === 503 || status === 504) {
    return new UserFacingError(
      `Microsoft Graph kept answering ${status} (${graphCode || 'throttled'}) after several retries.`,
      status === 429 ? 'GRAPH_THROTTLED' : 'GRAPH_UNAVAILABLE',
      'Wait a minute and try again; other tools using the same app registration share its limits.',
    );
  }
  const conflict = payload.details?.find((d) => d.code === 'ObjectConflict');
  if (status === 400 && (conflict || /same value for property/i.test(graphMessage))) {
    const property = conflict?.target ?? ctx.property ?? 'a property';
    const holder = payload.details?.find((d) => d.code === 'ConflictingObjects')?.target;
    const holderText = holder ? ` It is held by ${holder.replace(/^User_/, 'user ')}.` : '';
    const value = ctx.value ? ` '${ctx.value}'` : '';
    return new UserFacingError(
      `Another object in the tenant already has ${property}${value}, so Graph refused the change.${holderText}`,
      'GRAPH_DUPLICATE_VALUE',
      holder
        ? 'Find that object (it may be in the recycle bin), clear or purge it, then run the diagnosis again.'
        : 'Find the object holding the value (users, or the recycle bin), then run the diagnosis again.',
    );
  }
  if (status === 400 && SYNCED_REFUSAL.test(graphMessage)) {
    return new UserFacingError(
      `The user${subject} is synchronized from on-premises AD, so Microsoft Graph refuses to change it.${said}`,
      'GRAPH_SYNCED_OBJECT',
      'Change it in AD instead, or move the AD object out of sync scope, run a sync, and act on the soft-deleted copy.',
    );
  }
  if (status === 400 && /domain portion of the userPrincipalName/i.test(graphMessage)) {
    return new UserFacingError(
      `The new UPN's domain is not a verified domain of the tenant.${said}`,
      'GRAPH_UNVERIFIED_DOMAIN',
      'Use the initial *.onmicrosoft.com domain or another verified domain.',
    );
  }
  if (status === 400 && ctx.property === 'onPremisesImmutableId') {
    // Graph's text for the federated refusal is UNVERIFIED (docs/matching-facts.md §3): recognise MSOnline's
    // wording, and otherwise still name the likely cause.
    const federated = /federat/i.test(graphMessage);
    return new UserFacingError(
      federated
        ? `Graph refused to change the immutableId because the user's UPN is on a federated domain.${said}`
        : `Graph refused to change the immutableId of${subject || ' the user'}.${said}`,
      federated ? 'GRAPH_FEDERATED_DOMAIN' : 'GRAPH_BAD_REQUEST',
      federated
        ? 'Move the UPN to the initial *.onmicrosoft.com domain first; the next sync moves it back.'
        : "If the user's UPN is on a federated domain, move it to the initial domain first.",
    );
  }
  return new UserFacingError(
    `Microsoft Graph answered ${status} (${graphCode || 'error'}) when trying to ${WHAT[ctx.operation]}.${said}`,
    status >= 500 ? 'GRAPH_UNAVAILABLE' : 'GRAPH_ERROR',
    status >= 500
      ? 'Try again in a moment.'
      : 'Check the value and try again; run the diagnosis again if the tenant changed.',
  );
}

/** Maps what the Graph client threw (GraphError, a sign-in failure, a network error). */
export function fromClientError(error: unknown, ctx: FailureContext): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const e = error as { statusCode?: number; code?: string | null; message?: string; body?: unknown };
  const status = typeof e.statusCode === 'number' ? e.statusCode : -1;
  if (status > 0) {
    let payload: GraphErrorPayload = { code: e.code ?? undefined, message: e.message };
    if (typeof e.body === 'string') {
      try {
        payload = { ...payload, ...(JSON.parse(e.body) as GraphErrorPayload) };
      } catch {
        // not JSON: keep code and message
      }
    }
    return graphFailure(status, payload, ctx);
  }
  const message = e.message ?? String(error);
  if (/credential|authenticat|token|AADSTS/i.test(`${e.code ?? ''} ${message}`)) {
    return new UserFacingError(
      `Signing in to Microsoft Graph failed: ${message}`,
      'GRAPH_SIGN_IN_FAILED',
      'Check the tenant id, client id and secret or certificate, or sign in again.',
    );
  }
  // fetch says only "fetch failed" (the Graph client drops its cause): a refused connection, a
  // TLS failure or a request past its timeout all look the same here.
  const what = /^fetch failed$/i.test(message)
    ? `Microsoft Graph could not be reached, or did not answer in time (${message}).`
    : `Microsoft Graph could not be reached: ${message}`;
  return new UserFacingError(
    what,
    'GRAPH_UNREACHABLE',
    'Check the network, any proxy, and (for the lab or a TLS-inspecting proxy) the CA certificate.',
  );
}
