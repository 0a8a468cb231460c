// Shared by the simulator and Graph adapter tests: a small inline tenant, a running simulator, and
// the real Graph client (auth, retry middleware) pointed at it over HTTPS.
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/adapters/graph/client.js';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { scenarioSchema, type Scenario } from '../../src/lab/scenario-schema.js';
import {
  startGraphSimulator,
  type GraphSimulator,
  type GraphSimulatorOptions,
} from '../../src/lab/graph-simulator/server.js';

type TenantInput = Partial<Record<'users' | 'groups' | 'contacts' | 'deletedUsers', unknown[]>> & {
  features?: unknown;
  domains?: unknown[];
  /** The tenant profile (issue 19): licence tier, granted permissions, sync never configured. */
  license?: 'free' | 'p1' | 'p2';
  grantedPermissions?: string[];
  directorySyncConfigured?: boolean;
};

/** A valid scenario (checked with the real schema) around the given tenant objects. */
export function labScenario(tenant: TenantInput, ad: unknown[] = []): Scenario {
  return scenarioSchema.parse({
    name: 'graph-test',
    description: 'Graph simulator test tenant.',
    identity: 'jdoe',
    ad: { domain: 'contoso.com', objects: ad },
    tenant: {
      initialDomain: 'contoso.onmicrosoft.com',
      domains: tenant.domains ?? [
        { id: 'contoso.com', isVerified: true, authenticationType: 'Managed', isDefault: true },
        { id: 'fabrikam.com', isVerified: true, authenticationType: 'Federated' },
        { id: 'pending.example', isVerified: false, authenticationType: 'Managed' },
      ],
      features: tenant.features ?? {},
      users: tenant.users ?? [],
      groups: tenant.groups ?? [],
      contacts: tenant.contacts ?? [],
      deletedUsers: tenant.deletedUsers ?? [],
      ...(tenant.license ? { license: tenant.license } : {}),
      ...(tenant.grantedPermissions ? { grantedPermissions: tenant.grantedPermissions } : {}),
      ...(tenant.directorySyncConfigured !== undefined
        ? { directorySyncConfigured: tenant.directorySyncConfigured }
        : {}),
    },
  });
}

export interface Lab {
  state: LabState;
  sim: GraphSimulator;
  client: Client;
  close(): Promise<void>;
}

export async function startLab(scenario: Scenario, options: GraphSimulatorOptions = {}): Promise<Lab> {
  const state = createLabState(scenario);
  const sim = await startGraphSimulator(state, options);
  const connection = createGraphClient({
    baseUrl: sim.baseUrl,
    ca: sim.ca,
    getAccessToken: async () => sim.token,
  });
  return {
    state,
    sim,
    client: connection.client,
    async close() {
      await connection.close();
      await sim.close();
    },
  };
}

/** The `error` object of a Graph error body (the client keeps it, as JSON, in GraphError.body). */
export interface GraphErrorJson {
  code: string;
  message: string;
  details?: { code: string; message?: string; target?: string }[];
  innerError: Record<string, string>;
}

/** What a Graph client call threw, for asserting on status and body. */
export async function graphErrorOf(
  p: Promise<unknown>,
): Promise<{ statusCode: number; code: string; message: string; body: GraphErrorJson }> {
  try {
    await p;
  } catch (e) {
    const err = e as { statusCode: number; code: string; message: string; body: string };
    return { statusCode: err.statusCode, code: err.code, message: err.message, body: JSON.parse(err.body) };
  }
  throw new Error('expected the Graph call to fail');
}

export const JOHN = {
  id: '0f9a3c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  userPrincipalName: 'john.doe@contoso.com',
  displayName: 'John Doe',
  mail: 'john.doe@contoso.com',
  mailNickname: 'jdoe',
  proxyAddresses: ['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com'],
  onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==',
};

export const SYNCED = {
  id: '11111111-2222-4333-8444-555555555555',
  userPrincipalName: 'synced.user@contoso.com',
  displayName: 'Synced User',
  mail: 'synced.user@contoso.com',
  mailNickname: 'suser',
  proxyAddresses: ['SMTP:synced.user@contoso.com'],
  onPremisesImmutableId: 'yYuRNW0Z6kCXeYidebdT8A==',
  onPremisesSyncEnabled: true,
  onPremisesLastSyncDateTime: '2026-10-01T10:00:00Z',
};

export const OBRIEN = {
  id: '22222222-3333-4444-8555-666666666666',
  userPrincipalName: "o'brien@contoso.com",
  displayName: "Pat O'Brien",
  mail: "o'brien@contoso.com",
  proxyAddresses: ["SMTP:o'brien@contoso.com"],
};

export const FED = {
  id: '33333333-4444-4555-8666-777777777777',
  userPrincipalName: 'fed.user@fabrikam.com',
  displayName: 'Federated User',
  onPremisesImmutableId: '1wfM9xV8fUSHbcAbDlqeOA==',
};

export const DELETED = {
  id: '20616a37-f96a-4b18-adc4-824e64b59f0b',
  userPrincipalName: 'megan.bowen@contoso.com',
  displayName: 'Megan Bowen',
  mail: 'megan.bowen@contoso.com',
  proxyAddresses: ['SMTP:megan.bowen@contoso.com'],
  onPremisesImmutableId: '3PNdoRZES0GLfV+9y1dDwQ==',
  onPremisesSyncEnabled: true,
  deletedDateTime: '2026-11-01T10:00:00Z',
};
