// Turns what ldapts and Node's sockets throw into sentences a technician can act on: what happened,
// at which server, and what to check. The password never appears in any of them.
import {
  AdminLimitExceededError,
  BusyError,
  ConfidentialityRequiredError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  NoSuchObjectError,
  OperationsError,
  ResultCodeError,
  SizeLimitExceededError,
  StrongAuthRequiredError,
  TimeLimitExceededError,
  UnavailableError,
  UnwillingToPerformError,
} from 'ldapts';
import { UserFacingError } from '../../core/errors.js';

/** Where the failure happened: decides which advice fits. */
export interface LdapErrorContext {
  url: string;
  phase: 'connect' | 'starttls' | 'bind' | 'search';
  bindDn?: string;
  caFile?: string;
  baseDn?: string;
}

// AD puts a Win32 code in the bind error text ("…AcceptSecurityContext error, data 52e, v1db1").
const BIND_DATA: Record<string, { code: string; message: string; hint: string }> = {
  '525': {
    code: 'LDAP_BIND_USER_NOT_FOUND',
    message: 'the bind account does not exist',
    hint: 'Check the bind identity: a UPN (svc@contoso.com), DOMAIN\\user, or the full DN.',
  },
  '52e': {
    code: 'LDAP_BAD_CREDENTIALS',
    message: 'the user name or password is wrong',
    hint: 'Check the bind identity (UPN, DOMAIN\\user or DN) and its password. AD answers the same when the account does not exist.',
  },
  '530': {
    code: 'LDAP_ACCOUNT_RESTRICTED',
    message: 'the account may not log on at this time (logon hours)',
    hint: "Check the account's logon hours in AD.",
  },
  '531': {
    code: 'LDAP_ACCOUNT_RESTRICTED',
    message: 'the account may not log on from this computer (logon workstations)',
    hint: 'Check the account\'s "Log On To" workstations in AD.',
  },
  '532': {
    code: 'LDAP_PASSWORD_EXPIRED',
    message: "the account's password has expired",
    hint: 'Set a new password for the bind account (service accounts often use "password never expires").',
  },
  '533': {
    code: 'LDAP_ACCOUNT_DISABLED',
    message: 'the account is disabled',
    hint: 'Enable the bind account in AD, or use another one.',
  },
  '568': {
    code: 'LDAP_ACCOUNT_RESTRICTED',
    message: 'the account has too many group memberships (token too large)',
    hint: 'Use a bind account with fewer group memberships.',
  },
  '701': {
    code: 'LDAP_ACCOUNT_EXPIRED',
    message: 'the account has expired',
    hint: "Extend the bind account's expiry date in AD.",
  },
  '773': {
    code: 'LDAP_PASSWORD_MUST_CHANGE',
    message: 'the password must be changed before first use',
    hint: 'Log on once with the bind account and change its password, or clear "User must change password at next logon".',
  },
  '775': {
    code: 'LDAP_ACCOUNT_LOCKED',
    message: 'the account is locked out (too many wrong passwords)',
    hint: 'Unlock the bind account in AD (and find what keeps sending a wrong password).',
  },
};

function bindDataCode(text: string): string | null {
  const m = /\bdata ([0-9a-f]{3,8})\b/i.exec(text);
  return m ? m[1]!.toLowerCase() : null;
}

/** The message of an LDAP result without ldapts's " Code: 0x31" suffix. */
function serverText(e: Error): string {
  return e.message.replace(/(\s*Code: 0x[0-9a-f]+)+$/i, '').trim();
}

/** Maps any failure of an LDAP operation to a UserFacingError (already mapped ones pass through). */
export function toLdapUserFacingError(error: unknown, ctx: LdapErrorContext): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const e = error instanceof Error ? error : new Error(String(error));
  const where = ctx.url;
  const said = serverText(e);

  if (e instanceof InvalidCredentialsError) {
    const data = bindDataCode(e.message);
    const known = data ? BIND_DATA[data] : undefined;
    const who = ctx.bindDn ? ` as "${ctx.bindDn}"` : '';
    if (known) {
      return new UserFacingError(
        `Signing in to ${where}${who} failed: ${known.message}.`,
        known.code,
        known.hint,
      );
    }
    return new UserFacingError(
      `Signing in to ${where}${who} failed: the server refused the credentials (${said}).`,
      'LDAP_BAD_CREDENTIALS',
      'Check the bind identity (UPN, DOMAIN\\user or DN) and its password.',
    );
  }
  if (e instanceof StrongAuthRequiredError || e instanceof ConfidentialityRequiredError) {
    return new UserFacingError(
      `${where} requires an encrypted connection before a password may be sent (the server said: "${said}").`,
      'LDAP_ENCRYPTION_REQUIRED',
      'Use ldaps://<dc>:636, or ldap://<dc>:389 with StartTLS.',
    );
  }
  if (e instanceof SizeLimitExceededError || e instanceof AdminLimitExceededError) {
    return new UserFacingError(
      `${where} stopped the search at its size limit (${said}).`,
      'LDAP_SIZE_LIMIT',
      'Narrow the identity (a UPN or objectGUID instead of a partial value), or raise MaxPageSize/MaxResultSetSize on the DC.',
    );
  }
  if (e instanceof TimeLimitExceededError) {
    return new UserFacingError(
      `${where} stopped the search at its time limit.`,
      'LDAP_TIMEOUT',
      'Try again; if it persists, the DC may be overloaded or the base DN too broad.',
    );
  }
  if (e instanceof InsufficientAccessError) {
    return new UserFacingError(
      `The bind account may not read what is needed at ${where} (${said}).`,
      'LDAP_ACCESS_DENIED',
      'Give the bind account read access to users, groups and contacts (Authenticated Users normally has it), including mS-DS-ConsistencyGuid and proxyAddresses.',
    );
  }
  if (e instanceof OperationsError && /00002020|without authentication/i.test(e.message)) {
    return new UserFacingError(
      `${where} refused the search because the connection is not signed in (${said}).`,
      'LDAP_NOT_AUTHENTICATED',
      'Give a bind identity and password; anonymous reads are off in AD.',
    );
  }
  if (e instanceof NoSuchObjectError) {
    const base = ctx.baseDn ? `"${ctx.baseDn}"` : 'The base DN';
    return new UserFacingError(
      `${base} does not exist at ${where}.`,
      'LDAP_BASE_DN_NOT_FOUND',
      'Check the base DN (e.g. DC=contoso,DC=com), or leave it empty to read it from the rootDSE.',
    );
  }
  if (e instanceof InvalidDNSyntaxError) {
    return new UserFacingError(
      `${where} says a DN is malformed (${said}).`,
      'LDAP_INVALID_DN',
      'Check the base DN and the bind DN: each part is NAME=value, separated by commas.',
    );
  }
  if (e instanceof BusyError || e instanceof UnavailableError || e instanceof UnwillingToPerformError) {
    return new UserFacingError(
      `${where} is not taking requests right now (${said}).`,
      'LDAP_UNAVAILABLE',
      'Try again in a moment, or point to another domain controller.',
    );
  }
  if (e instanceof ResultCodeError && ctx.phase === 'starttls') {
    return new UserFacingError(
      `${where} refused StartTLS (${said}).`,
      'LDAP_STARTTLS_REFUSED',
      'The DC needs a server certificate for StartTLS and LDAPS (e.g. from an enterprise CA); or use ldaps://<dc>:636.',
    );
  }
  if (e instanceof ResultCodeError) {
    return new UserFacingError(
      `${where} answered with an LDAP error (code ${e.code}): ${said}.`,
      'LDAP_ERROR',
    );
  }
  return networkError(e, ctx);
}

function networkError(e: Error, ctx: LdapErrorContext): UserFacingError {
  const where = ctx.url;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return new UserFacingError(
        `Nothing accepts connections at ${where} (connection refused).`,
        'LDAP_UNREACHABLE',
        'Check the server name and port (636 for ldaps://, 389 for ldap:// + StartTLS), that it is a domain controller, and that no firewall blocks it.',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserFacingError(
        `The name in ${where} does not resolve (DNS).`,
        'LDAP_UNREACHABLE',
        'Check the server name, or that this computer uses the domain DNS servers.',
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new UserFacingError(
        `${where} cannot be reached from this computer (${code}).`,
        'LDAP_UNREACHABLE',
        'Check the network path (VPN, firewall) to the domain controller.',
      );
    case 'ECONNRESET':
    case 'EPIPE':
      return new UserFacingError(
        `${where} closed the connection during the ${ctx.phase === 'connect' ? 'handshake' : ctx.phase}.`,
        'LDAP_CONNECTION_CLOSED',
        ctx.url.startsWith('ldaps:')
          ? 'Check that the port speaks LDAPS (636); port 389 needs ldap:// with StartTLS. The DC also needs a certificate for LDAPS.'
          : 'Check the port and that the DC has a certificate (StartTLS needs one too).',
      );
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return new UserFacingError(
        `The TLS handshake with ${where} failed (${e.message}).`,
        'LDAP_TLS_FAILED',
        'Check that the port speaks TLS: ldaps:// uses 636; for port 389 use ldap:// with StartTLS.',
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new UserFacingError(
        `The certificate of ${where} is not issued for that name or address (${e.message}).`,
        'LDAP_TLS_HOSTNAME',
        "Connect by a name the certificate lists (usually the DC's full DNS name), or reissue the certificate with that name.",
      );
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_SIGNATURE_FAILURE':
      return new UserFacingError(
        `The certificate of ${where} is not trusted (${e.message}).`,
        'LDAP_TLS_UNTRUSTED',
        ctx.caFile
          ? `Check that ${ctx.caFile} holds the CA that issued the DC's certificate (PEM, root and intermediates).`
          : "Give the CA file that issued the DC's certificate (export the enterprise root CA as Base-64 .cer).",
      );
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return new UserFacingError(
        `The certificate of ${where} is not valid now (${e.message}).`,
        'LDAP_TLS_EXPIRED',
        "Renew the DC's certificate, and check this computer's clock.",
      );
  }
  if (e.message === 'Connection timeout' || /Operation timed out/.test(e.message)) {
    const what = e.message === 'Connection timeout' ? 'connecting to' : 'waiting for an answer from';
    return new UserFacingError(
      `Timed out ${what} ${where}.`,
      'LDAP_TIMEOUT',
      'Check that the server is reachable from here (firewall, VPN) and answers on that port; the timeouts are configurable.',
    );
  }
  if (/Connection closed before message response/.test(e.message)) {
    return new UserFacingError(
      `${where} closed the connection before answering.`,
      'LDAP_CONNECTION_CLOSED',
      'Check that the port speaks the protocol of the URL (ldaps:// on 636, ldap:// on 389) and try again.',
    );
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /certificate/i.test(e.message)) {
    return new UserFacingError(
      `The TLS connection to ${where} failed (${e.message}).`,
      'LDAP_TLS_FAILED',
      "Check the CA file and that the DC's certificate lists the name you connect to.",
    );
  }
  return new UserFacingError(
    `The LDAP ${ctx.phase} with ${where} failed: ${e.message}`,
    'LDAP_ERROR',
    'Check the server URL, port and network path.',
  );
}
