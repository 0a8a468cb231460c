// "Do it in the lab" (issue 13, point 9): a MANUAL step's change, carried out on the lab's own AD or
// tenant so a trainee can walk every shipped scenario to a verified end. Real runs never offer it:
// only the lab environment provides this function.
import type { LabAction } from '../core/plan-types.js';
import { bytesToGuid, guidToBytes } from '../core/identifiers.js';
import { addressKey, parseProxyAddress } from '../core/proxy-addresses.js';
import type { LabState } from './lab-state.js';
import { labStateChanged } from './lab-state-changes.js';

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
          `Removed the roles ${roles.join(', ')} from ${user.userPrincipalName} (give them back after the match).`,
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
        out.push(`Removed ${a.values.join(', ')} from ${obj.dn}.`);
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
