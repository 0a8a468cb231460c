// The Tenant port over Microsoft Graph: reads for a diagnosis, re-reads for the stale-plan guard,
// and the four writes a plan makes. Every failure leaves as a UserFacingError.
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CloudUser, CloudView, OnPremObject } from '../../core/snapshot.js';
import type { Tenant } from '../../ports.js';
import type { BatchOptions } from './batch.js';
import { fromClientError, type FailureContext } from './errors.js';
import { DELETED_USER_SELECT, toCloudUser, USER_SELECT } from './mapping.js';
import { quote, withQuery } from './odata.js';
import { readWithRetry } from './read-retry.js';
import { readCloudView } from './tenant-reader.js';

export interface GraphTenantOptions {
  client: Client;
  /** Tenant id or domain, for the journal. */
  tenantLabel: string;
  /** Throttling inside $batch: attempts and the sleep used between them (tests inject it). */
  batch?: BatchOptions;
}

export class GraphTenant implements Tenant {
  readonly tenantLabel: string;
  private readonly client: Client;
  private readonly batch: BatchOptions;

  constructor(options: GraphTenantOptions) {
    this.client = options.client;
    this.tenantLabel = options.tenantLabel;
    this.batch = options.batch ?? {};
  }

  readFor(user: OnPremObject, expectedImmutableId: string | null): Promise<CloudView> {
    return readCloudView(this.client, user, expectedImmutableId, this.batch);
  }

  async getUser(id: string): Promise<CloudUser | null> {
    try {
      const raw = (await readWithRetry(() =>
        this.client.api(withQuery(`/users/${encodeURIComponent(id)}`, { $select: USER_SELECT })).get(),
      )) as Record<string, unknown>;
      return toCloudUser(raw);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw fromClientError(error, { operation: 'read-users', subject: id });
    }
  }

  async getDeletedUser(id: string): Promise<CloudUser | null> {
    // The typed collection with an id filter: $select then means user properties.
    const url = withQuery('/directory/deletedItems/microsoft.graph.user', {
      $filter: `id eq ${quote(id)}`,
      $select: DELETED_USER_SELECT,
    });
    try {
      const body = (await readWithRetry(() => this.client.api(url).get())) as {
        value?: Record<string, unknown>[];
      };
      const raw = body.value?.[0];
      return raw ? toCloudUser(raw, true) : null;
    } catch (error) {
      throw fromClientError(error, { operation: 'read-deleted-users', subject: id });
    }
  }

  async setImmutableId(userId: string, immutableId: string | null): Promise<void> {
    // Clearing is `null`: Graph refuses an empty string (docs/matching-facts.md §3).
    const value = immutableId === '' ? null : immutableId;
    await this.write(
      () => this.client.api(`/users/${encodeURIComponent(userId)}`).patch({ onPremisesImmutableId: value }),
      {
        operation: 'write-user',
        subject: userId,
        property: 'onPremisesImmutableId',
        value,
      },
    );
  }

  async setUserPrincipalName(userId: string, upn: string): Promise<void> {
    await this.write(
      () => this.client.api(`/users/${encodeURIComponent(userId)}`).patch({ userPrincipalName: upn }),
      {
        operation: 'write-user',
        subject: userId,
        property: 'userPrincipalName',
        value: upn,
      },
    );
  }

  async purgeDeletedUser(userId: string): Promise<void> {
    await this.write(
      () => this.client.api(`/directory/deletedItems/${encodeURIComponent(userId)}`).delete(),
      {
        operation: 'purge-deleted-user',
        subject: userId,
      },
    );
  }

  async restoreDeletedUser(userId: string): Promise<void> {
    await this.write(
      () => this.client.api(`/directory/deletedItems/${encodeURIComponent(userId)}/restore`).post({}),
      {
        operation: 'restore-deleted-user',
        subject: userId,
      },
    );
  }

  private async write(send: () => Promise<unknown>, ctx: FailureContext): Promise<void> {
    try {
      await send();
    } catch (error) {
      throw fromClientError(error, ctx);
    }
  }
}
