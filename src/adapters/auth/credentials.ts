// The Microsoft Graph sign-in for a profile, as an @azure/identity TokenCredential:
// - device-code (a person at a terminal: the default; the code and URL go to a callback so the
//   UI can show them clearly), browser (where a browser can open), azure-cli (whoever ran az login),
// - client-secret and client-certificate (unattended: an app registration with application
//   permissions).
// Tokens stay in memory (MSAL's cache inside the credential, one credential per run). Persisting
// the token cache safely needs the OS keychain (@azure/identity-cache-persistence), which is not a
// dependency; writing refresh tokens to a plain file would break the rule that no token ever
// reaches the disk. What is kept is the AuthenticationRecord (who signed in: no secret).
import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DeviceCodeCredential,
  InteractiveBrowserCredential,
  type AuthenticationRecord,
  type GetTokenOptions,
  type TokenCredential,
} from '@azure/identity';
import { existsSync } from 'node:fs';
import type { Agent } from 'node:https';
import { delimiter, join } from 'node:path';
import { UserFacingError } from '../../core/errors.js';
import { isMicrosoftAuthority } from '../config/resolve-settings.js';
import type { SignInMethod } from '../config/schema.js';
import type { TenantSettings } from '../config/settings-types.js';
import { resolveSecret, type SecretSources } from '../secrets/resolve.js';
import { scopesFor } from './permissions.js';
import { explainSignInError } from './sign-in-errors.js';

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** Entra ID's own sentence ("To sign in, use a web browser to open …"). */
  message: string;
}

export interface SignInOptions {
  tenant: TenantSettings;
  readOnly: boolean;
  secrets: SecretSources;
  /** Device code: show the code and URL (the UI draws it; the default prints to stderr). */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  /** Sentences about how the sign-in goes (e.g. no browser here, device code instead). */
  onNotice?: (text: string) => void;
  /** Who signed in last time (from the config folder), so the account is pre-selected. */
  authenticationRecord?: AuthenticationRecord;
  /** https:// only; default the tenant setting's (sovereign clouds, a private test authority). */
  authorityHost?: string;
  /** Default: skipped for an authority that is not one of Microsoft's clouds. */
  disableInstanceDiscovery?: boolean;
  /** Tests: an https.Agent trusting the local authority's CA. */
  agent?: Agent;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

export interface SignIn {
  credential: TokenCredential;
  /** The method actually used (browser falls back to device code where no browser can open). */
  method: SignInMethod;
  /** A person (delegated permissions) rather than an app. */
  delegated: boolean;
  scopes: string[];
  /** Signs in now (interactive methods) and returns who signed in, for the next run. */
  authenticate(): Promise<AuthenticationRecord | undefined>;
}

export async function createSignIn(options: SignInOptions): Promise<SignIn> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const { tenant } = options;
  const host = options.authorityHost ?? tenant.authorityHost;
  if (host && !host.startsWith('https://')) {
    throw new UserFacingError(
      `The sign-in authority must be https:// (got ${host}).`,
      'SIGN_IN_INSECURE',
      'syncmatch never signs in to Microsoft without TLS.',
    );
  }
  const authorityHost = options.authorityHost ?? tenant.authorityHost ?? undefined;
  // Instance discovery asks login.microsoftonline.com about the authority: only meaningful for
  // Microsoft's own clouds, and a private authority (a test's) would fail it.
  const disableInstanceDiscovery =
    options.disableInstanceDiscovery ?? !isMicrosoftAuthority(authorityHost ?? null);
  const common = {
    ...(authorityHost ? { authorityHost } : {}),
    ...(disableInstanceDiscovery ? { disableInstanceDiscovery: true } : {}),
    ...(options.agent ? { agent: options.agent } : {}),
  };
  let method = tenant.signIn;
  if (method === 'browser') {
    const browser = browserAvailable(env, platform);
    if (!browser.available) {
      options.onNotice?.(`${browser.reason} Signing in with a device code instead.`);
      method = 'device-code';
    }
  }
  const delegated = method === 'device-code' || method === 'browser' || method === 'azure-cli';
  // The Azure CLI hands out tokens for its own app and takes one scope: .default.
  const scopes = scopesFor({ readOnly: options.readOnly, delegated: delegated && method !== 'azure-cli' });
  const credential = await build(method, tenant, options, common, env, platform);
  const guarded = guard(credential);
  return {
    credential: guarded,
    method,
    delegated,
    scopes,
    async authenticate() {
      const interactive = credential as Partial<DeviceCodeCredential>;
      if (typeof interactive.authenticate !== 'function') return undefined;
      try {
        return await interactive.authenticate(scopes);
      } catch (error) {
        throw explainSignInError(error);
      }
    },
  };
}

async function build(
  method: SignInMethod,
  tenant: TenantSettings,
  options: SignInOptions,
  common: Record<string, unknown>,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): Promise<TokenCredential> {
  const clientId = tenant.clientId ?? '';
  switch (method) {
    case 'device-code':
      return new DeviceCodeCredential({
        ...common,
        tenantId: tenant.tenant,
        clientId,
        userPromptCallback: (info) => (options.onDeviceCode ?? printDeviceCode)(info),
        ...(options.authenticationRecord ? { authenticationRecord: options.authenticationRecord } : {}),
      });
    case 'browser':
      return new InteractiveBrowserCredential({
        ...common,
        tenantId: tenant.tenant,
        clientId,
        redirectUri: 'http://localhost',
        ...(options.authenticationRecord
          ? {
              authenticationRecord: options.authenticationRecord,
              loginHint: options.authenticationRecord.username,
            }
          : {}),
      });
    case 'client-secret': {
      const secret = await resolveSecret(
        tenant.clientSecret ?? { kind: 'env', name: 'SYNCMATCH_CLIENT_SECRET' },
        'The client secret',
        'tenant.clientSecretFrom',
        options.secrets,
      );
      return new ClientSecretCredential(tenant.tenant, clientId, secret, common);
    }
    case 'client-certificate': {
      const certificatePassword = tenant.certificatePassword
        ? await resolveSecret(
            tenant.certificatePassword,
            "The client certificate key's password",
            'tenant.certificatePasswordFrom',
            options.secrets,
          )
        : undefined;
      return new ClientCertificateCredential(
        tenant.tenant,
        clientId,
        {
          certificatePath: tenant.certificateFile ?? '',
          ...(certificatePassword ? { certificatePassword } : {}),
        },
        common,
      );
    }
    case 'azure-cli':
      if (!findOnPath(platform === 'win32' ? ['az.cmd', 'az.exe'] : ['az'], env)) {
        throw new UserFacingError(
          'Sign-in through the Azure CLI was chosen, but az is not installed (not on PATH).',
          'SIGN_IN_AZURE_CLI',
          'Install the Azure CLI and run az login --allow-no-subscriptions, or choose device-code sign-in (syncmatch setup).',
        );
      }
      return new AzureCliCredential({ tenantId: tenant.tenant });
  }
}

/** Failures leave as sentences (and without secrets), whoever asks for the token. */
function guard(credential: TokenCredential): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions) {
      try {
        return await credential.getToken(scopes, options);
      } catch (error) {
        throw explainSignInError(error);
      }
    },
  };
}

function printDeviceCode(prompt: DeviceCodePrompt): void {
  process.stderr.write(
    `\nTo sign in, open ${prompt.verificationUri} and enter the code ${prompt.userCode}\n\n`,
  );
}

/** Whether a browser can open for this user here. */
export function browserAvailable(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): { available: boolean; reason?: string } {
  if (env.SSH_CONNECTION || env.SSH_TTY) {
    return {
      available: false,
      reason: 'This is an ssh session: a browser would open on the other computer, not here.',
    };
  }
  if (platform === 'win32' || platform === 'darwin') return { available: true };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { available: true };
  return { available: false, reason: 'There is no graphical desktop here (DISPLAY is not set).' };
}

function findOnPath(names: string[], env: Record<string, string | undefined>): string | null {
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}
