// The one AD write (issue 21): mS-DS-ConsistencyGuid on a user, as its 16 bytes (the attribute is
// an octet string, syntax 2.5.5.10: https://learn.microsoft.com/en-us/windows/win32/adschema/a-ms-ds-consistencyguid),
// or removed. A replace with no values removes the attribute whether or not it is set (RFC 4511
// §4.6: "replace: … A replace with no value will delete the entire attribute if it exists, and it
// is ignored if the attribute does not exist"), so clearing twice is not an error.
// UNVERIFIED against Windows AD: the exact refusal a connector account without the permission
// gets (Samba answers insufficientAccessRights, code 50, as AD documents for a missing write right).
import { Attribute, Change, InsufficientAccessError, NoSuchObjectError } from 'ldapts';
import { UserFacingError } from '../../core/errors.js';
import { guidToBytes } from '../../core/identifiers.js';
import { toLdapUserFacingError } from './errors.js';

export const CONSISTENCY_GUID = 'mS-DS-ConsistencyGuid';

/** The modify change that sets the GUID's bytes (null: removes the attribute). */
export function consistencyGuidChange(value: string | null): Change {
  return new Change({
    operation: 'replace',
    modification: new Attribute({
      type: CONSISTENCY_GUID,
      values: value === null ? [] : [Buffer.from(guidToBytes(value))],
    }),
  });
}

/** What the DC said to the modify, as a sentence a technician can act on. */
export function toLdapWriteError(
  e: unknown,
  ctx: { url: string; dn: string; bindDn: string },
): UserFacingError {
  if (e instanceof InsufficientAccessError) {
    return new UserFacingError(
      `${ctx.url} refused to change ${CONSISTENCY_GUID} on ${ctx.dn}: the account ${ctx.bindDn} may not write it.`,
      'LDAP_WRITE_DENIED',
      `Grant that account "Write ${CONSISTENCY_GUID}" on the users (the Entra Connect AD DS connector account holds that permission), or set it by hand: Set-ADUser -Identity '<objectGUID>' -Replace @{'${CONSISTENCY_GUID}'=([guid]'<value>').ToByteArray()}.`,
    );
  }
  if (e instanceof NoSuchObjectError) {
    return new UserFacingError(
      `${ctx.dn} no longer exists at ${ctx.url}.`,
      'AD_OBJECT_NOT_FOUND',
      'Diagnose the user again: it may have been deleted or moved.',
    );
  }
  return toLdapUserFacingError(e, { url: ctx.url, phase: 'search', baseDn: ctx.dn });
}
