// What a technician typed as "the identity": decide which form it is before any search, so that
// no value is ever interpreted two ways and bad input is refused with a reason (issue 4, issue 8).
import { hasUnsafeCharacters } from './display-text.js';
import { UsageError } from './errors.js';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToGuid,
  guidToBytes,
  IdentifierError,
  isGuidString,
  parseByteList,
  preview,
} from './identifiers.js';

export type IdentityQuery =
  | { kind: 'objectGuid'; input: string; guid: string; bytes: Uint8Array }
  | { kind: 'immutableId'; input: string; immutableId: string; bytes: Uint8Array }
  | { kind: 'dn'; input: string; dn: string }
  /** Contains @: matched against userPrincipalName, mail and SMTP proxy addresses. */
  | { kind: 'address'; input: string; address: string }
  | { kind: 'sAMAccountName'; input: string; sam: string };

export const MAX_IDENTITY_LENGTH = 1024;

/** Classifies an identity; throws UsageError with the reason when it cannot be one. */
export function parseIdentity(raw: string): IdentityQuery {
  const input = raw.trim();
  if (input.length === 0) {
    throw new UsageError(
      'The identity is empty.',
      'Give a sAMAccountName, UPN, mail address, DN, objectGUID or immutableId.',
    );
  }
  if (input.length > MAX_IDENTITY_LENGTH) {
    throw new UsageError(
      `The identity is ${input.length} characters long; no AD identifier is longer than ${MAX_IDENTITY_LENGTH}.`,
    );
  }
  // C0/C1 controls, direction overrides and zero-width characters (pasted from chat and mail
  // clients) make a value look like another: the one list the terminal escaping uses.
  if (hasUnsafeCharacters(input) || input.includes('\n')) {
    throw new UsageError(
      `The identity "${preview(input)}" contains control or text-direction characters; retype it instead of pasting.`,
    );
  }
  if (isGuidString(input)) {
    const bytes = guidToBytes(input);
    return { kind: 'objectGuid', input, guid: bytesToGuid(bytes), bytes };
  }
  if (/^[A-Za-z0-9+/]{22}==$/.test(input)) {
    return { kind: 'immutableId', input, immutableId: input, bytes: immutableIdBytes(input) };
  }
  // Without its padding: 22 base64 characters cannot be a sAMAccountName (20 at most:
  // https://learn.microsoft.com/en-us/windows/win32/adschema/a-samaccountname), so no guess.
  if (/^[A-Za-z0-9+/]{22}$/.test(input)) {
    const immutableId = `${input}==`;
    return { kind: 'immutableId', input, immutableId, bytes: immutableIdBytes(immutableId) };
  }
  // 32 hex digits are a GUID without dashes or the stored bytes: two different users. Refused.
  if (/^[0-9a-fA-F]{32}$/.test(input)) {
    throw new UsageError(
      `"${input}" (32 hex digits) can be read two ways: a GUID without its dashes, or the objectGUID's bytes in stored order.`,
      `Write the GUID with its dashes, or see both readings with: syncmatch convert ${input}`,
    );
  }
  // The 16 bytes as ADUC shows them (AA F7 BA …) or as PowerShell prints a byte[] ({170, 247, …}).
  const list = parseByteList(input);
  if (list) {
    const immutableId = bytesToBase64(list.bytes);
    return { kind: 'immutableId', input, immutableId, bytes: list.bytes };
  }
  if (/^[A-Za-z0-9+/_\s-]+={1,2}$/.test(input)) {
    // Padded base64 that is not an immutableId (URL-safe alphabet, whitespace, wrong length): say
    // what is wrong with it; a trailing = is never part of a sAMAccountName.
    immutableIdBytes(input);
    throw new UsageError(
      `"${preview(input)}" is not an immutableId: that is base64 of 16 bytes, 24 characters ending in ==.`,
      'Copy the immutableId again (Graph: onPremisesImmutableId), or give the objectGUID.',
    );
  }
  if (/^(CN|OU|DC|UID)=/i.test(input) && input.includes('=')) {
    return { kind: 'dn', input, dn: input };
  }
  if (input.includes('@')) {
    const address = input.replace(/^smtp:/i, '');
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
      throw new UsageError(`"${preview(input)}" is not an address: it needs exactly one @ and no spaces.`);
    }
    return { kind: 'address', input, address };
  }
  if (/[\s"/\\[\]:;|=,+*?<>]/.test(input)) {
    throw new UsageError(
      `"${preview(input)}" is not a sAMAccountName (it may not contain spaces or " / \\ [ ] : ; | = , + * ? < >).`,
      'Give a UPN, mail address, DN, objectGUID or immutableId instead.',
    );
  }
  return { kind: 'sAMAccountName', input, sam: input };
}

/** A bad immutableId is bad input (exit 2), not a failure of the program. */
function immutableIdBytes(input: string): Uint8Array {
  try {
    return base64ToBytes(input);
  } catch (e) {
    if (e instanceof IdentifierError)
      throw new UsageError(e.message, 'Copy the immutableId again (Graph: onPremisesImmutableId).');
    throw e;
  }
}
