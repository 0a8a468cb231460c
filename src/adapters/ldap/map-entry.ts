// One LDAP search entry → the OnPremObject the rules read. GUID-valued attributes come back as
// Buffers (they are listed in explicitBufferAttributes) and leave here as GUID strings.
import type { Entry } from 'ldapts';
import { dnsDomainOfDn } from '../../core/dn-domain.js';
import { bytesToGuid } from '../../core/identifiers.js';
import type { OnPremObject } from '../../core/snapshot.js';
import type { AnchorKind } from './options.js';

/** Binary attributes: anything else would come back as a (possibly garbled) UTF-8 string. */
export const BINARY_ATTRIBUTES = ['objectGUID', 'mS-DS-ConsistencyGuid'];

export function requestedAttributes(anchor: AnchorKind): string[] {
  const base = [
    'objectClass',
    'objectGUID',
    'mS-DS-ConsistencyGuid',
    'sAMAccountName',
    'userPrincipalName',
    'mail',
    'mailNickname',
    'displayName',
    'proxyAddresses',
    'userAccountControl',
    'isCriticalSystemObject',
  ];
  return anchor.kind === 'custom' ? [...base, anchor.attribute] : base;
}

type Value = Entry[string];

// ldapts keys entries by the attribute name as the server spells it; look up case-insensitively.
function get(entry: Entry, name: string): Value | undefined {
  if (name in entry) return entry[name];
  const lower = name.toLowerCase();
  const key = Object.keys(entry).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : entry[key];
}

function strings(v: Value | undefined): string[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'string' ? x : x.toString('utf8')));
}

function single(v: Value | undefined): string | null {
  return strings(v)[0] ?? null;
}

function guid(v: Value | undefined): string | null {
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined || typeof first === 'string') return null;
  // A consistency GUID of another length is not a GUID; the rules treat it as absent.
  return first.length === 16 ? bytesToGuid(new Uint8Array(first)) : null;
}

function objectClassOf(values: string[]): OnPremObject['objectClass'] | null {
  const lower = values.map((v) => v.toLowerCase());
  if (lower.includes('contact')) return 'contact';
  if (lower.includes('group')) return 'group';
  if (lower.includes('user')) return 'user';
  return null;
}

/**
 * Maps an entry; null when it is not a user, group or contact, or has no objectGUID. `forest` is
 * the forest's root domain (issue 21); the object's own domain comes from its DN.
 */
export function toOnPremObject(entry: Entry, anchor: AnchorKind, forest?: string): OnPremObject | null {
  const objectClass = objectClassOf(strings(get(entry, 'objectClass')));
  const objectGuid = guid(get(entry, 'objectGUID'));
  if (!objectClass || !objectGuid) return null;
  const uac = single(get(entry, 'userAccountControl'));
  const object: OnPremObject = {
    objectClass,
    dn: entry.dn,
    objectGuid,
    sAMAccountName: single(get(entry, 'sAMAccountName')),
    userPrincipalName: single(get(entry, 'userPrincipalName')),
    mail: single(get(entry, 'mail')),
    mailNickname: single(get(entry, 'mailNickname')),
    displayName: single(get(entry, 'displayName')),
    proxyAddresses: strings(get(entry, 'proxyAddresses')),
    consistencyGuid: guid(get(entry, 'mS-DS-ConsistencyGuid')),
    userAccountControl: uac !== null && /^-?\d+$/.test(uac) ? Number(uac) : null,
    isCriticalSystemObject: single(get(entry, 'isCriticalSystemObject'))?.toUpperCase() === 'TRUE',
  };
  if (anchor.kind === 'custom') object.customAnchorValue = single(get(entry, anchor.attribute));
  const domain = dnsDomainOfDn(entry.dn);
  if (domain) object.domain = domain;
  if (forest) object.forest = forest;
  return object;
}
