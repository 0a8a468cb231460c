// The scan's bulk reads over the lab: the whole in-memory AD a page at a time (as the LDAP paged
// search hands it over), and — for benchmarks at sizes where HTTPS paging only measures the
// simulator — the whole tenant straight from the lab state, shaped exactly as the Graph adapter
// maps the simulator's answers (the lab's `scan` goes through the simulator and the real adapter).
import { setTimeout as sleep } from 'node:timers/promises';
import type { CloudUser, CloudView, OnPremObject, RoleGrant, TenantDomain } from '../core/snapshot.js';
import type { BulkPage, OnPremBulkReader, TenantBulkReader } from '../ports.js';
import { domains } from './graph-simulator/representations.js';
import { groupRolesOf } from './group-roles.js';
import { toOnPremObject } from './in-memory-ad.js';
import { labForests, locateDn } from './lab-forests.js';
import type { LabState } from './lab-state.js';
import type { ScenarioCloudUser, ScenarioDeletedUser, ScenarioRecipient } from './scenario-schema.js';
import { originalUpn } from './sync-engine/tenant-objects.js';

type Anchor = Parameters<typeof toOnPremObject>[1];

function anchorOf(sourceAnchor: string): Anchor {
  const a = sourceAnchor.trim().toLowerCase();
  if (a === '' || a === 'ms-ds-consistencyguid') return { kind: 'consistencyGuid' };
  if (a === 'objectguid') return { kind: 'objectGuid' };
  return { kind: 'custom', attribute: sourceAnchor.trim() };
}

export interface LabBulkOptions {
  /** Objects per page (the LDAP adapter's default is 500). */
  pageSize?: number;
  /** Added per page, as one LDAP round trip would be. */
  latencyMs?: number;
}

/** Every user, group and contact of the lab's AD, in directory order, page by page. */
export class LabDirectoryBulkReader implements OnPremBulkReader {
  constructor(
    private readonly state: LabState,
    private readonly options: LabBulkOptions = {},
  ) {}

  async readAll(onPage: (page: BulkPage) => void = () => {}, signal?: AbortSignal): Promise<OnPremObject[]> {
    const size = this.options.pageSize ?? 500;
    const anchor = anchorOf(this.state.sync.sourceAnchor);
    const all = this.state.ad.objects;
    // Every forest and domain of the lab (issue 21), each object with its forest and domain.
    const forests = labForests(this.state.ad);
    const placed = (o: OnPremObject): OnPremObject => {
      const at = locateDn(forests, o.dn);
      return at ? { ...o, forest: at.forest, domain: at.domain } : o;
    };
    const out: OnPremObject[] = [];
    for (let i = 0; i < all.length; i += size) {
      signal?.throwIfAborted();
      if (this.options.latencyMs) await sleep(this.options.latencyMs);
      const page = all.slice(i, i + size).map((o) => placed(toOnPremObject(o, anchor)));
      out.push(...page);
      onPage({ source: 'ad', objects: page.length });
    }
    return out;
  }
}

function cloudUser(u: ScenarioCloudUser): CloudUser {
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    mail: u.mail,
    mailNickname: u.mailNickname,
    proxyAddresses: [...u.proxyAddresses],
    onPremisesImmutableId: u.onPremisesImmutableId,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled,
    onPremisesLastSyncDateTime: u.onPremisesLastSyncDateTime,
    onPremisesProvisioningErrors: u.onPremisesProvisioningErrors.map((e) => ({ ...e })),
  };
}

function deletedUser(u: ScenarioDeletedUser): CloudUser {
  return {
    ...cloudUser(u),
    userPrincipalName: originalUpn(u),
    deletedDateTime: u.deletedDateTime,
    // As Graph returns them with $select (the scan reads what the one-user read reads).
    createdDateTime: u.createdDateTime ?? null,
    assignedLicenseSkuIds: (u.assignedLicenses ?? []).map((l) => l.skuId),
  };
}

function recipient(r: ScenarioRecipient, kind: 'group' | 'contact') {
  return {
    kind,
    id: r.id,
    displayName: r.displayName,
    mail: r.mail,
    mailNickname: r.mailNickname,
    proxyAddresses: [...r.proxyAddresses],
    onPremisesSyncEnabled: r.onPremisesSyncEnabled,
    onPremisesProvisioningErrors: r.onPremisesProvisioningErrors.map((e) => ({ ...e })),
  };
}

/** The whole lab tenant without HTTP (benchmarks); the same CloudView the Graph bulk reader builds. */
export class LabTenantBulkReader implements TenantBulkReader {
  constructor(private readonly state: LabState) {}

  async readAll(onPage: (page: BulkPage) => void = () => {}, signal?: AbortSignal): Promise<CloudView> {
    signal?.throwIfAborted();
    const t = this.state.tenant;
    const users = t.users.map(cloudUser);
    onPage({ source: 'users', objects: users.length });
    const roles: Record<string, string[]> = {};
    const roleGrants: Record<string, RoleGrant[]> = {};
    for (const u of t.users) {
      const grants: RoleGrant[] = [
        ...u.directoryRoles.map((role) => ({ role, kind: 'active' as const, viaGroup: null })),
        ...u.eligibleDirectoryRoles.map((role) => ({ role, kind: 'eligible' as const, viaGroup: null })),
        ...groupRolesOf(this.state, u.id).map(({ role, group }) => ({
          role,
          kind: 'active' as const,
          viaGroup: { id: group.id, displayName: group.displayName },
        })),
      ];
      if (grants.length === 0) continue;
      roles[u.id] = [...new Set(grants.map((g) => g.role))];
      roleGrants[u.id] = grants;
    }
    const domainList: TenantDomain[] = domains(this.state).map((d) => ({
      id: String(d['id']),
      isVerified: d['isVerified'] === true,
      isInitial: d['isInitial'] === true,
      isDefault: d['isDefault'] === true,
      authenticationType: d['authenticationType'] === 'Federated' ? 'Federated' : 'Managed',
    }));
    const f = t.features;
    return {
      users,
      groups: t.groups.map((g) => recipient(g, 'group')),
      contacts: t.contacts.map((c) => recipient(c, 'contact')),
      deletedUsers: t.deletedUsers.map(deletedUser),
      domains: domainList,
      features:
        f === 'forbidden'
          ? null
          : {
              blockSoftMatchEnabled: f.blockSoftMatchEnabled,
              blockCloudObjectTakeoverThroughHardMatchEnabled:
                f.blockCloudObjectTakeoverThroughHardMatchEnabled,
              softMatchOnUpnEnabled: f.softMatchOnUpnEnabled,
              quarantineUponUpnConflictEnabled: f.quarantineUponUpnConflictEnabled,
              quarantineUponProxyAddressesConflictEnabled: f.quarantineUponProxyAddressesConflictEnabled,
            },
      roles,
      roleGrants,
      skipped: [],
      ...(t.directorySyncConfigured === false ? { syncConfigured: false } : {}),
    };
  }
}
