// A Microsoft Graph session for a profile's tenant settings: the sign-in its method asks for and
// the Graph client on that sign-in; the account record (who signed in, no token) beside the config.
import { dirname } from 'node:path';
import {
  authRecordPath,
  createSignIn,
  graphAuthProvider,
  loadAuthRecord,
  saveAuthRecord,
  type DeviceCodePrompt,
  type SignIn,
} from '../auth/index.js';
import type { TenantSettings } from '../config/index.js';
import type { SecretSources } from '../secrets/index.js';
import { createGraphClient, GRAPH_BASE_URL, type GraphConnection } from './client.js';

export interface GraphSession {
  signIn: SignIn;
  connection: GraphConnection;
  /** Who signed in last time, if recorded (not a secret). */
  recordPath: string;
}

export interface GraphSessionOptions {
  readOnly: boolean;
  sources: SecretSources;
  configPath: string;
  profile: string | null;
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  onNotice?: (text: string) => void;
}

/** Signs in (interactively where the method is) and builds the Graph client on that sign-in. */
export async function openGraphSession(
  tenant: TenantSettings,
  options: GraphSessionOptions,
): Promise<GraphSession> {
  const recordPath = authRecordPath(dirname(options.configPath), options.profile);
  const record = await loadAuthRecord(recordPath);
  const signIn = await createSignIn({
    tenant,
    readOnly: options.readOnly,
    secrets: options.sources,
    ...(record && record.clientId === tenant.clientId ? { authenticationRecord: record } : {}),
    ...(options.onDeviceCode ? { onDeviceCode: options.onDeviceCode } : {}),
    ...(options.onNotice ? { onNotice: options.onNotice } : {}),
  });
  const provider = graphAuthProvider(signIn.credential, signIn.scopes);
  const connection = createGraphClient({
    baseUrl: tenant.graphEndpoint ?? GRAPH_BASE_URL,
    getAccessToken: () => provider.getAccessToken(),
  });
  return { signIn, connection, recordPath };
}

/** Signs a person in now (device code or browser) and keeps who it was for the next run. */
export async function signInNow(session: GraphSession): Promise<void> {
  const record = await session.signIn.authenticate();
  if (record) await saveAuthRecord(session.recordPath, record);
}
