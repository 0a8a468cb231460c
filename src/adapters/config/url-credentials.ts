// User info in a server address (ldaps://svc:secret@dc01, user@sync01) is refused wherever an
// address is given: setup's flags and wizard, the config file when it is loaded, and SYNCMATCH_*
// variables (issue 14). A password there would be stored in config.json and printed with the
// address; syncmatch keeps accounts and passwords apart: the account in its own setting, the
// password only as a reference (env:NAME, file:/path or prompt). The password part, when one was
// typed, is registered with the redactor at once, so no later message can show it.
import { secretRedactor } from '../secrets/redactor.js';

/** Which setting the address was for: decides where the account and the password go instead. */
export type AddressKind = 'ad' | 'https' | 'ssh' | 'winrm';

const WHERE_INSTEAD: Record<AddressKind, string> = {
  ad:
    'give the account with --bind (SYNCMATCH_AD_BIND) and say where its password comes from with ' +
    '--bind-password-from env:NAME, file:/path or prompt (or set SYNCMATCH_LDAP_PASSWORD)',
  https:
    'sign-in details never go in an address: the client secret comes from --client-secret-from ' +
    'env:NAME, file:/path or prompt (or SYNCMATCH_CLIENT_SECRET)',
  ssh:
    'give the user with --ssh-user (SYNCMATCH_SSH_USER) and a key (--ssh-key) or say where the ' +
    'password comes from with --ssh-password-from env:NAME, file:/path or prompt (or SYNCMATCH_SSH_PASSWORD)',
  winrm: 'WinRM signs in as the account running syncmatch: give the server name alone',
};

/** The user-info part of `value` ("svc:secret"), or null when it has none. */
export function userInfoOf(value: string): string | null {
  const text = value.trim();
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(text);
  const authority = scheme ? scheme[1]! : text.split(/[/?#]/)[0]!;
  const at = authority.lastIndexOf('@');
  return at < 0 ? null : authority.slice(0, at);
}

/** Whether `value` carries user info; the password part (after the first ':') is registered as a secret. */
export function hasUserInfo(value: string): boolean {
  const info = userInfoOf(value);
  if (info === null) return false;
  const colon = info.indexOf(':');
  if (colon >= 0) {
    const password = info.slice(colon + 1);
    secretRedactor.add(password);
    try {
      secretRedactor.add(decodeURIComponent(password));
    } catch {
      // not percent-encoded: the raw text is registered already
    }
  }
  return true;
}

/** The sentence's tail (after the setting's name): what was wrong and where each part goes. */
export function userInfoMessage(kind: AddressKind): string {
  return (
    'must not hold a user name or password (the part before "@"): syncmatch never stores a password ' +
    `in the config or passes it in an address; ${WHERE_INSTEAD[kind]}`
  );
}
