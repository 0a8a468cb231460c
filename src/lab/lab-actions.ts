// "Do it in the lab" (issue 13, point 9): a MANUAL step's change, carried out on the lab's own AD or
// tenant so a trainee can walk every shipped scenario to a verified end. Real runs never offer it:
// only the lab environment provides this function.
import type { LabAction } from '../core/plan-types.js';
import { bytesToGuid, guidToBytes } from '../core/identifiers.js';
import { addressKey, parseProxyAddress } from '../core/proxy-addresses.js';
import { transitiveGroupsOf } from './group-roles.js';
import type { LabState } from './lab-state.js';
import { labStateChanged } from './lab-state-changes.js';
import { runDeltaSync } from './sync-engine/cycle.js';
import { sameRecipient } from './sync-engine/recipients.js';

const canonical = (g: string) => bytesToGuid(guidToBytes(g));

/** Applies each action; returns one sentence per change made. Throws when an object is gone. */
export function applyLabActions(state: LabState, actions: readonly LabAction[]): string[] {
  try {
    return applyEach(state, actions);
  } finally {
    labStateChanged(state); // the lab's read indexes (lab-state-changes.ts)
  }
}

function applyEach(state: LabState, actions: readonly LabAction[]): string[] {
  const out: string[] = [];
  for (const a of actions) {
    switch (a.kind) {
      case 'setAdAttribute': {
        const obj = state.ad.objects.find((o) => canonical(o.objectGUID) === canonical(a.objectGuid));
        if (!obj) throw new Error(`The lab's AD has no object ${a.objectGuid}.`);
        const key = Object.keys(obj.attributes).find((k) => k.toLowerCase() === a.attribute.toLowerCase());
        if (a.value === null) {
          if (key !== undefined) delete obj.attributes[key];
          out.push(`Cleared ${a.attribute} of ${obj.dn}.`);
        } else {
          obj.attributes[key ?? a.attribute] = a.value;
          out.push(`Set ${a.attribute} of ${obj.dn} to ${a.value}.`);
        }
        break;
      }
      case 'removeCloudRoles': {
        const user = state.tenant.users.find((u) => u.id === a.userId);
        if (!user) throw new Error(`The lab tenant has no user ${a.userId}.`);
        const roles = [...user.directoryRoles, ...user.eligibleDirectoryRoles];
        user.directoryRoles = [];
        user.eligibleDirectoryRoles = [];
        out.push(
          roles.length > 0
            ? `Removed the roles ${roles.join(', ')} from ${user.userPrincipalName} (give them back after the match).`
            : `${user.userPrincipalName} holds no role directly.`,
        );
        break;
      }
      case 'removeFromGroup': {
        const group = state.tenant.groups.find((g) => g.id === a.groupId);
        if (!group) throw new Error(`The lab tenant has no group ${a.groupId}.`);
        // The direct memberships that lead to the group: the group itself, or a group nested in it.
        const via = state.tenant.groups.filter(
          (g) =>
            (g.members ?? []).some((m) => m.toLowerCase() === a.memberId.toLowerCase()) &&
            (g.id === group.id || transitiveGroupsOf(state, g.id).some((p) => p.id === group.id)),
        );
        for (const g of via)
          g.members = (g.members ?? []).filter((m) => m.toLowerCase() !== a.memberId.toLowerCase());
        out.push(
          `Removed ${a.memberId} from ${via.map((g) => `"${g.displayName ?? g.id}"`).join(', ') || 'no group'} (add it back after the match).`,
        );
        break;
      }
      case 'removeSyncedSourceValues': {
        const obj = syncedSource(state, a.cloudObjectId);
        if (!obj) throw new Error(`The lab's sync engine has no AD object joined to ${a.cloudObjectId}.`);
        out.push(
          ...applyLabActions(state, [
            { kind: 'removeAdValues', objectGuid: obj.objectGUID, values: a.values },
          ]),
        );
        break;
      }
      case 'runSyncCycle': {
        const r = runDeltaSync(state);
        out.push(
          `Ran a delta sync cycle in the lab (run ${r.run}: ${r.adds} added, ${r.updates} updated, ${r.deletes} deleted, ${r.errors} export error(s)).`,
        );
        break;
      }
      case 'removeCloudAddresses': {
        const r = [...state.tenant.groups, ...state.tenant.contacts].find((x) => x.id === a.objectId);
        if (!r) throw new Error(`The lab tenant has no group or contact ${a.objectId}.`);
        const gone = new Set(a.addresses.map(addressKey));
        r.proxyAddresses = r.proxyAddresses.filter((p) => {
          const parsed = parseProxyAddress(p);
          return !(parsed.isSmtp && gone.has(addressKey(parsed.address)));
        });
        if (r.mail && gone.has(addressKey(r.mail))) r.mail = null;
        out.push(`Removed ${a.addresses.join(', ')} from ${r.displayName ?? r.id}.`);
        break;
      }
      case 'removeAdValues': {
        const obj = state.ad.objects.find((o) => canonical(o.objectGUID) === canonical(a.objectGuid));
        if (!obj) throw new Error(`The lab's AD has no object ${a.objectGuid}.`);
        const gone = new Set(a.values.map(addressKey));
        const attrs = obj.attributes;
        const was = JSON.stringify(attrs);
        for (const k of ['userPrincipalName', 'mail', 'mailNickname'] as const) {
          const v = attrs[k];
          if (typeof v === 'string' && gone.has(addressKey(v))) delete attrs[k];
        }
        if (Array.isArray(attrs.proxyAddresses)) {
          attrs.proxyAddresses = attrs.proxyAddresses.filter((p) => {
            const parsed = parseProxyAddress(p);
            return !(parsed.isSmtp && gone.has(addressKey(parsed.address)));
          });
        }
        out.push(
          JSON.stringify(attrs) === was
            ? `${obj.dn} no longer holds ${a.values.join(', ')} in AD.`
            : `Removed ${a.values.join(', ')} from ${obj.dn}.`,
        );
        break;
      }
      case 'moveAdObject': {
        const obj = state.ad.objects.find((o) => canonical(o.objectGUID) === canonical(a.objectGuid));
        if (!obj) throw new Error(`The lab's AD has no object ${a.objectGuid}.`);
        const rdn = obj.dn.split(/(?<!\\),/)[0]!;
        const from = obj.dn;
        obj.dn = `${rdn},${a.newParentDn}`;
        out.push(`Moved ${from} to ${obj.dn}.`);
        break;
      }
    }
  }
  return out;
}

/** The AD object a synced cloud object comes from: the engine's join, or (a group or contact not
 *  yet seen by a cycle) the engine's first-sight rule. */
function syncedSource(state: LabState, cloudId: string) {
  const key = cloudId.toLowerCase();
  const guid = Object.keys(state.joins).find((g) => state.joins[g]!.toLowerCase() === key);
  if (guid) return state.ad.objects.find((o) => canonical(o.objectGUID) === canonical(guid));
  const r = [...state.tenant.groups, ...state.tenant.contacts].find((x) => x.id.toLowerCase() === key);
  if (!r || r.onPremisesSyncEnabled !== true) return undefined;
  return state.ad.objects.find((o) => o.objectClass !== 'user' && sameRecipient(o, r));
}
