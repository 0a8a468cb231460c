// The lab's AD over several forests (issue 21): one in-memory AD (in-memory-ad.ts) per domain,
// searched together the way the LDAP adapter searches a forest's Global Catalog and then reads the
// object from its own domain: identity and related searches run in every domain of every forest,
// so a UPN held in a child domain, or a mail held in another forest, is found like a local one
// (UPNs, proxy addresses and source anchors must be unique across everything one Connect server
// syncs: https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/plan-connect-topologies#multiple-forests-single-microsoft-entra-tenant).
// Every object carries its forest and domain. The one AD write, mS-DS-ConsistencyGuid, goes to the
// object in whichever forest holds it (OnPremWriter).
import { UserFacingError } from '../core/errors.js';
import { bytesToGuid, guidToBytes, isGuidString } from '../core/identifiers.js';
import type { IdentityQuery } from '../core/identity-input.js';
import type { OnPremObject } from '../core/snapshot.js';
import type { OnPremDirectory, OnPremWriter } from '../ports.js';
import { dnsDomainOfDn } from '../core/dn-domain.js';
import { InMemoryDirectory, type InMemoryDirectoryOptions } from './in-memory-ad.js';
import { applyLabActions } from './lab-actions.js';
import { labForests, locateDn, type LabForest } from './lab-forests.js';
import type { LabState } from './lab-state.js';

interface DomainPart {
  forest: string;
  domain: string;
  directory: InMemoryDirectory;
}

const CONSISTENCY_GUID = 'mS-DS-ConsistencyGuid';

/**
 * One domain's view of the lab state: the same live state (sync settings, tenant), with only the
 * objects whose DN lies in that domain. `objects` is read afresh on every search, so a move, a
 * write or the sync engine's write-back shows on the next read.
 */
function domainView(state: LabState, domain: string): LabState {
  const ad = {
    domain,
    get objects() {
      return state.ad.objects.filter((o) => dnsDomainOfDn(o.dn) === domain);
    },
  };
  return Object.create(state, { ad: { value: ad, enumerable: true } }) as LabState;
}

export class InMemoryForests implements OnPremDirectory, OnPremWriter {
  private readonly parts: DomainPart[];
  private readonly forests: LabForest[];

  constructor(
    private readonly state: LabState,
    options: InMemoryDirectoryOptions = {},
  ) {
    this.forests = labForests(state.ad);
    if (!state.ad.forests) {
      // One forest, one domain (every scenario before issue 21): the state itself, so the in-memory
      // AD's own search over it stays as fast as it is.
      const name = this.forests[0]!.name;
      this.parts = [{ forest: name, domain: name, directory: new InMemoryDirectory(state, options) }];
    } else {
      this.parts = this.forests.flatMap((f) =>
        f.domains.map((domain) => ({
          forest: f.name,
          domain,
          directory: new InMemoryDirectory(domainView(state, domain), options),
        })),
      );
    }
  }

  /** Sets forest and domain from the object's DN (the single-forest part holds any DN). */
  private placed(part: DomainPart, objects: OnPremObject[]): OnPremObject[] {
    return objects.map((o) => {
      const at = locateDn(this.forests, o.dn) ?? { forest: part.forest, domain: part.domain };
      return { ...o, forest: at.forest, domain: at.domain };
    });
  }

  private async everywhere(ask: (d: InMemoryDirectory) => Promise<OnPremObject[]>): Promise<OnPremObject[]> {
    const lists = await Promise.all(this.parts.map(async (p) => this.placed(p, await ask(p.directory))));
    return lists.flat();
  }

  async findUser(query: IdentityQuery): Promise<OnPremObject[]> {
    return this.everywhere((d) => d.findUser(query));
  }

  async findRelated(user: OnPremObject): Promise<OnPremObject[]> {
    return this.everywhere((d) => d.findRelated(user));
  }

  async readByGuid(guid: string): Promise<OnPremObject | null> {
    return (
      (await this.everywhere(async (d) => [await d.readByGuid(guid)].filter((o) => o !== null)))[0] ?? null
    );
  }

  /**
   * The lab's AD write: mS-DS-ConsistencyGuid on the user with this objectGUID, in any forest
   * (stored as a GUID string; null clears it). Refuses what a DC would: no such object, not a user,
   * not a GUID.
   */
  async setConsistencyGuid(objectGuid: string, value: string | null): Promise<void> {
    if (value !== null && !isGuidString(value)) {
      throw new UserFacingError(`"${value}" is not a GUID.`, 'AD_VALUE_INVALID');
    }
    const target = await this.readByGuid(objectGuid);
    if (!target) {
      throw new UserFacingError(
        `No object with objectGUID ${objectGuid} is in any forest of the lab.`,
        'AD_OBJECT_NOT_FOUND',
        'Diagnose the user again: it may have been deleted.',
      );
    }
    if (target.objectClass !== 'user') {
      throw new UserFacingError(`${target.dn} is a ${target.objectClass}, not a user.`, 'AD_WRITE_REFUSED');
    }
    const canonical = value === null ? null : bytesToGuid(guidToBytes(value));
    applyLabActions(this.state, [
      {
        kind: 'setAdAttribute',
        objectGuid: target.objectGuid,
        attribute: CONSISTENCY_GUID,
        value: canonical,
      },
    ]);
  }

  async close(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.directory.close()));
  }
}
