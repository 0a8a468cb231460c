// The lab's AD: the OnPremDirectory port over LabState.ad.objects, with the semantics of the LDAP
// adapter against a real DC (test/contract/on-prem-directory.contract.ts runs the same cases on
// both): users only for findUser, case-insensitive UPN/mail/proxy comparison, GUIDs compared as
// bytes, duplicates found across attributes. Reads the live state, so the sync engine's writes
// (a consistency GUID written back) show on the next read; a search starts from the objects the
// index (ad-index.ts) names, so code that changes the AD in place calls labStateChanged.
import { setTimeout as sleep } from 'node:timers/promises';
import { requireDn, sameDn } from '../core/dn.js';
import { bytesToGuid, guidToBytes, guidToImmutableId, isGuidString } from '../core/identifiers.js';
import type { IdentityQuery } from '../core/identity-input.js';
import { addressKey, hasSmtpAddress, userAddresses } from '../core/proxy-addresses.js';
import type { OnPremObject } from '../core/snapshot.js';
import type { OnPremDirectory } from '../ports.js';
import { indexedSearch, type AdIndex } from './ad-index.js';
import type { LabState } from './lab-state.js';
import type { ScenarioAdObject } from './scenario-schema.js';

export interface InMemoryDirectoryOptions {
  /** Added to every call, as one LDAP round trip would be (the speed benchmark). */
  latencyMs?: number;
}

type Anchor = { kind: 'consistencyGuid' } | { kind: 'objectGuid' } | { kind: 'custom'; attribute: string };

function anchorOf(sourceAnchor: string): Anchor {
  const a = sourceAnchor.trim().toLowerCase();
  if (a === '' || a === 'ms-ds-consistencyguid') return { kind: 'consistencyGuid' };
  if (a === 'objectguid') return { kind: 'objectGuid' };
  return { kind: 'custom', attribute: sourceAnchor.trim() };
}

function attr(obj: ScenarioAdObject, name: string): unknown {
  if (name in obj.attributes) return obj.attributes[name];
  const key = Object.keys(obj.attributes).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj.attributes[key];
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return null;
}

/** GUID strings as LDAP would return them: lower case, no braces (null for anything else). */
const CANONICAL_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function canonicalGuid(v: unknown): string | null {
  // Already lower case without braces (nearly every lab object): the same string, without a round trip.
  if (typeof v === 'string' && CANONICAL_GUID.test(v)) return v;
  return typeof v === 'string' && isGuidString(v) ? bytesToGuid(guidToBytes(v)) : null;
}

function same(a: string | null | undefined, b: string): boolean {
  return a != null && addressKey(a) === addressKey(b);
}

export function toOnPremObject(obj: ScenarioAdObject, anchor: Anchor): OnPremObject {
  const a = obj.attributes;
  const uac = attr(obj, 'userAccountControl');
  const critical = text(attr(obj, 'isCriticalSystemObject'));
  const out: OnPremObject = {
    objectClass: obj.objectClass,
    dn: obj.dn,
    objectGuid: canonicalGuid(obj.objectGUID)!,
    sAMAccountName: a.sAMAccountName ?? null,
    userPrincipalName: a.userPrincipalName ?? null,
    mail: a.mail ?? null,
    mailNickname: a.mailNickname ?? null,
    displayName: a.displayName ?? null,
    proxyAddresses: [...(a.proxyAddresses ?? [])],
    consistencyGuid: canonicalGuid(a['mS-DS-ConsistencyGuid']),
    userAccountControl: typeof uac === 'number' ? uac : null,
    isCriticalSystemObject: critical?.toUpperCase() === 'TRUE',
  };
  if (anchor.kind === 'custom') out.customAnchorValue = text(attr(obj, anchor.attribute));
  return out;
}

/**
 * What the LDAP adapter's anchor filters select (adapters/ldap/filters.ts anchorFilters): objects
 * whose consistency GUID or objectGUID is the user's anchor GUID (compared as bytes, so as canonical
 * GUID strings), or whose custom anchor attribute holds the same value (case-insensitively, as AD
 * compares strings). null when there is nothing to compare.
 */
function anchorMatcher(user: OnPremObject, anchor: Anchor): ((o: OnPremObject) => boolean) | null {
  if (anchor.kind === 'objectGuid') return null;
  if (anchor.kind === 'custom') {
    const v = user.customAnchorValue?.trim();
    return v ? (o) => same(o.customAnchorValue?.trim(), v) : null;
  }
  const guid = user.consistencyGuid ?? user.objectGuid;
  return (o) => o.consistencyGuid === guid || o.objectGuid === guid;
}

function holdsAddress(o: OnPremObject, address: string): boolean {
  return (
    same(o.userPrincipalName, address) || same(o.mail, address) || hasSmtpAddress(o.proxyAddresses, address)
  );
}

export class InMemoryDirectory implements OnPremDirectory {
  constructor(
    private readonly state: LabState,
    private readonly options: InMemoryDirectoryOptions = {},
  ) {}

  private get anchor(): Anchor {
    return anchorOf(this.state.sync.sourceAnchor);
  }

  /** The objects `pick` names from the index (ad-index.ts) that `keep` accepts, after one round trip. */
  private async search(
    pick: (index: AdIndex) => readonly ScenarioAdObject[],
    keep: (o: OnPremObject) => boolean,
  ): Promise<OnPremObject[]> {
    if (this.options.latencyMs) await sleep(this.options.latencyMs);
    const anchor = this.anchor;
    // toOnPremObject copies every value it keeps (strings, a new proxyAddresses array), so a caller
    // can never change the lab state through what it gets; no deep copy is needed first.
    return indexedSearch(this.state, (o) => toOnPremObject(o, anchor), pick, keep);
  }

  async findUser(query: IdentityQuery): Promise<OnPremObject[]> {
    // The same parser and refusal as the LDAP adapter's (src/core/dn.ts).
    if (query.kind === 'dn') requireDn(query.dn);
    const anchor = this.anchor;
    const guid = guidOf(query);
    return this.search(
      (index) => index.forIdentity(query, guid),
      (u) => u.objectClass === 'user' && matchesIdentity(u, query, anchor, guid),
    );
  }

  async findRelated(user: OnPremObject): Promise<OnPremObject[]> {
    const addresses = userAddresses(user);
    const nickname = user.mailNickname?.trim() || null;
    const sharesAnchor = anchorMatcher(user, this.anchor);
    if (addresses.length === 0 && !nickname && !sharesAnchor) return [];
    return this.search(
      (index) => index.related(user),
      (o) =>
        o.objectGuid !== user.objectGuid &&
        (addresses.some((a) => holdsAddress(o, a)) ||
          (nickname !== null && same(o.mailNickname, nickname)) ||
          (sharesAnchor?.(o) ?? false)),
    );
  }

  async readByGuid(guid: string): Promise<OnPremObject | null> {
    const wanted = canonicalGuid(guid);
    const found = await this.search(
      (index) => index.byObjectGuid(wanted),
      (o) => o.objectGuid === wanted,
    );
    return found[0] ?? null;
  }

  async close(): Promise<void> {}
}

/** The GUID an objectGUID or immutableId query names (once per search, not once per object). */
function guidOf(query: IdentityQuery): string | null {
  if (query.kind !== 'objectGuid' && query.kind !== 'immutableId') return null;
  return query.bytes.length === 16 ? bytesToGuid(query.bytes) : null;
}

function matchesIdentity(
  u: OnPremObject,
  query: IdentityQuery,
  anchor: Anchor,
  guid: string | null,
): boolean {
  switch (query.kind) {
    case 'objectGuid':
    case 'immutableId': {
      if (guid !== null && u.objectGuid === guid) return true;
      if (guid !== null && anchor.kind === 'consistencyGuid' && u.consistencyGuid === guid) return true;
      if (anchor.kind === 'custom' && query.kind === 'immutableId' && u.customAnchorValue) {
        const v = u.customAnchorValue;
        // AD compares a string attribute case-insensitively; the LDAP adapter gets the same answer.
        return same(v, query.immutableId) || (isGuidString(v) && guidToImmutableId(v) === query.immutableId);
      }
      return false;
    }
    case 'address':
      return holdsAddress(u, query.address);
    case 'sAMAccountName':
      return (
        same(u.sAMAccountName, query.sam) ||
        (anchor.kind === 'custom' && same(u.customAnchorValue, query.sam))
      );
    case 'dn':
      return sameDn(u.dn, query.dn);
  }
}
