// Builds the Microsoft Graph client with its production middleware chain (auth → retry → redirect
// → fetch). The auth middleware only sends the token to https:// hosts it knows, so the host of
// `baseUrl` is always listed in customHosts; a private CA (the lab's) goes into an undici
// dispatcher, because NODE_EXTRA_CA_CERTS is only read at process start (stack notes).
import { Client, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';

/** What @azure/identity's credentials provide (structural, so this adapter does not import it). */
export interface TokenCredentialLike {
  getToken(scopes: string | string[]): Promise<{ token: string } | null>;
}

export interface GraphClientOptions {
  /** Default `https://graph.microsoft.com/`; the lab passes its simulator's URL. */
  baseUrl?: string;
  /** A credential (client secret, certificate, device code…); or `getAccessToken`. */
  credential?: TokenCredentialLike;
  getAccessToken?: () => Promise<string>;
  /** Default `https://graph.microsoft.com/.default`. */
  scopes?: string[];
  /** A CA certificate (PEM) to trust in addition to the system's: the lab's per-run CA. */
  ca?: string;
  /**
   * Longest wait for a response's headers, and between chunks of its body; past it the request
   * fails (a read is asked once more, a write is read back) instead of hanging. Default 60 s.
   */
  timeoutMs?: number;
}

export interface GraphConnection {
  client: Client;
  /** The base URL the client talks to (for messages). */
  baseUrl: string;
  /** Closes the TLS connections this client opened. */
  close(): Promise<void>;
}

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/';
export const DEFAULT_TIMEOUT_MS = 60_000;

export function createGraphClient(options: GraphClientOptions): GraphConnection {
  const baseUrl = options.baseUrl ?? GRAPH_BASE_URL;
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') {
    // Over http:// the Graph client silently drops the token (stack notes): refuse instead.
    throw new Error(`Microsoft Graph must be reached over https:// (got ${baseUrl}).`);
  }
  const scopes = options.scopes ?? ['https://graph.microsoft.com/.default'];
  const authProvider: AuthenticationProvider = {
    async getAccessToken() {
      if (options.getAccessToken) return options.getAccessToken();
      if (!options.credential)
        throw new Error('No credential or token provider was given for Microsoft Graph.');
      const token = await options.credential.getToken(scopes);
      if (!token) throw new Error('The sign-in returned no access token for Microsoft Graph.');
      return token.token;
    },
  };
  // A Graph answer (even a $batch of 20) takes seconds; Node's own limit is 300 s.
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agent = new Agent({
    ...(options.ca ? { connect: { ca: options.ca } } : {}),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const client = Client.initWithMiddleware({
    authProvider,
    baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([url.hostname]),
    // `dispatcher` is undici's extension of RequestInit (Node's fetch is undici).
    fetchOptions: { dispatcher: agent } as RequestInit,
  });
  return {
    client,
    baseUrl,
    async close() {
      await agent.close();
    },
  };
}
