// Sign-in failures as sentences with the next thing to try. Entra ID answers with AADSTS codes; the
// common ones a technician meets on site are named here. Every text passes the redactor first:
// MSAL messages can quote request details.
import { UserFacingError } from '../../core/errors.js';
import { secretRedactor } from '../secrets/redactor.js';

const KNOWN: { pattern: RegExp; message: string; hint: string; code: string }[] = [
  {
    pattern: /AADSTS7000215|AADSTS7000222|invalid_client.*secret/i,
    code: 'SIGN_IN_BAD_SECRET',
    message: 'Entra ID refused the client secret: it is wrong or has expired.',
    hint: 'Create a new client secret for the app registration and give it again (the value, not its id).',
  },
  {
    pattern: /AADSTS700016/i,
    code: 'SIGN_IN_UNKNOWN_APP',
    message: 'The application (client) id is not known in this tenant.',
    hint: 'Check the client id and the tenant: the app registration must live in (or be consented to) this tenant.',
  },
  {
    pattern: /AADSTS90002|AADSTS900023|tenant.*not found/i,
    code: 'SIGN_IN_UNKNOWN_TENANT',
    message: 'Entra ID does not know this tenant id or domain.',
    hint: 'Use the tenant id (a GUID) or a verified domain such as contoso.onmicrosoft.com.',
  },
  {
    pattern: /AADSTS65001|AADSTS90094|AADSTS90008|consent_required/i,
    code: 'SIGN_IN_CONSENT',
    message: 'The permissions syncmatch asks for have not been consented to in this tenant.',
    hint: 'An administrator must grant admin consent for the app (Entra admin center > App registrations > API permissions).',
  },
  {
    pattern: /AADSTS7000218|AADSTS700025|public client/i,
    code: 'SIGN_IN_PUBLIC_CLIENT',
    message: 'This app registration does not allow device code or browser sign-in.',
    hint: 'In the app registration, Authentication > "Allow public client flows": Yes (and add http://localhost as a redirect URI for browser sign-in).',
  },
  {
    pattern: /AADSTS700027|AADSTS700024|AADSTS50012|client_assertion|AADSTS700023/i,
    code: 'SIGN_IN_BAD_CERTIFICATE',
    message:
      'Entra ID refused the client certificate (not uploaded to the app registration, expired, or the clock is off).',
    hint: "Upload the certificate's public part to the app registration and check this computer's clock.",
  },
  {
    pattern: /AADSTS70020|expired_token|code_expired|authorization_pending.*expired/i,
    code: 'SIGN_IN_CODE_EXPIRED',
    message: 'The sign-in code expired before it was used.',
    hint: 'Run the command again and enter the new code within 15 minutes.',
  },
  {
    pattern: /AADSTS50105|AADSTS50020|AADSTS53003|conditional access/i,
    code: 'SIGN_IN_BLOCKED',
    message: 'The account is not allowed to sign in to this app (assignment or Conditional Access).',
    hint: 'Ask an administrator to assign you to the app or to review the Conditional Access policy.',
  },
  {
    pattern: /az login|Azure CLI not (installed|found)|'az' is not recognized|az: not found/i,
    code: 'SIGN_IN_AZURE_CLI',
    message: 'The Azure CLI is not signed in (or not installed).',
    hint: 'Run az login --allow-no-subscriptions --tenant <tenant>, then try again.',
  },
  {
    pattern: /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network_error|socket hang up/i,
    code: 'SIGN_IN_NETWORK',
    message: 'The Microsoft sign-in service could not be reached.',
    hint: 'Check the network and any proxy (HTTPS_PROXY) between this computer and login.microsoftonline.com.',
  },
  {
    pattern: /self[- ]signed|unable to verify|certificate has expired|UNABLE_TO_GET_ISSUER|CERT_/i,
    code: 'SIGN_IN_TLS',
    message: "The sign-in service's TLS certificate could not be verified (a TLS-inspecting proxy?).",
    hint: "Give this computer's proxy CA to Node with NODE_EXTRA_CA_CERTS; syncmatch never turns certificate checks off for Microsoft.",
  },
];

/** A UserFacingError for a failed sign-in (already one: unchanged). */
export function explainSignInError(error: unknown): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const text = secretRedactor.redact(raw);
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  for (const known of KNOWN) {
    if (known.pattern.test(raw)) {
      const failure = new UserFacingError(
        `${known.message}${aadsts ? ` (${aadsts})` : ''}`,
        known.code,
        known.hint,
      );
      failure.cause = text;
      return failure;
    }
  }
  const failure = new UserFacingError(
    `Sign-in to Microsoft Entra ID failed: ${firstLine(text)}`,
    'SIGN_IN_FAILED',
    'Check the tenant, the client id and the sign-in method (syncmatch setup --check).',
  );
  failure.cause = text;
  return failure;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
