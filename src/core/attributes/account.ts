// sAMAccountName and displayName (Microsoft 365, "Prepare for directory synchronization").
import { describeChar, firstRejected, type AttributeProblem, type AttributeOutcome } from './problem.js';
import { SOURCES } from './sources.js';

export const SAM_MAX = 20;
/**
 * The preparation page's list `[ \ " | , / : < > + = ; ? * ']`; IdFix reads the brackets as
 * characters too (Active Directory refuses them in a sAMAccountName as well).
 */
const SAM_DENIED = new Set(['[', ']', '\\', '"', '|', ',', '/', ':', '<', '>', '+', '=', ';', '?', '*', "'"]);
export const DISPLAY_NAME_MAX = 256;

/**
 * "If a user has an invalid sAMAccountName attribute but has a valid userPrincipalName attribute,
 * the user account is created in Microsoft 365": a warning, outcome `fine`. Without a UPN, Connect
 * exports `<sAMAccountName>@<AD domain>` as the UPN, so a bad value there ends as a computed UPN
 * (`placeholder`).
 */
export function checkSamAccountName(sam: string, upnPresent: boolean): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  const outcome: AttributeOutcome = upnPresent ? 'fine' : 'placeholder';
  const length = [...sam].length;
  if (length > SAM_MAX)
    out.push({
      attribute: 'sAMAccountName',
      value: sam,
      rule: 'length',
      reason: `is ${length} characters; at most ${SAM_MAX}`,
      outcome,
      source: SOURCES.prepareDirSync,
    });
  const bad = firstRejected(sam, (c) => !SAM_DENIED.has(c));
  if (bad)
    out.push({
      attribute: 'sAMAccountName',
      value: sam,
      rule: 'character',
      reason: `contains ${describeChar(bad)}`,
      outcome,
      source: SOURCES.prepareDirSync,
    });
  return out;
}

/**
 * displayName: at most 256 characters (preparation page; Graph's user resource too), and not
 * blank when present. Any Unicode character is allowed: the documents name none, and names with
 * letters beyond ASCII are everyday data. UNVERIFIED outcomes: an over-long name fails the export
 * (the service refuses it as Graph does); a blank one is not exported (the lab's reading).
 */
export function checkDisplayName(name: string): AttributeProblem[] {
  const length = [...name].length;
  if (length <= DISPLAY_NAME_MAX) return [];
  return [
    {
      attribute: 'displayName',
      value: name,
      rule: 'length',
      reason: `is ${length} characters; at most ${DISPLAY_NAME_MAX}`,
      outcome: 'blocked',
      source: SOURCES.prepareDirSync,
    },
  ];
}
