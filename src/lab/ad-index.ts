// Indexes over the lab's AD so the in-memory directory (in-memory-ad.ts) answers a search from the
// objects that can match instead of converting and testing every object: by objectGUID, consistency
// GUID, address (UPN, mail, SMTP proxy address), sAMAccountName, mailNickname, custom anchor value
// and DN. The index only narrows: candidates (a superset, in the directory's order) are converted
// and tested by the directory's own predicates, so answers are those of the full scan.
// Kept correct by: rebuilding when the object array is replaced or changes length, when the source
// anchor changes, or when lab-state-changes.ts announces an in-place change (the sync engine's
// write-back, "do it in the lab"). SYNCMATCH_LAB_INDEX_CHECK=1 compares every answer with the scan.
import { dnKey } from '../core/dn.js';
import { guidToImmutableId, isGuidString } from '../core/identifiers.js';
import type { IdentityQuery } from '../core/identity-input.js';
import { addressKey, parseProxyAddress, userAddresses } from '../core/proxy-addresses.js';
import type { OnPremObject } from '../core/snapshot.js';
import type { LabState } from './lab-state.js';
import { indexCheckEnabled, labStateEpoch } from './lab-state-changes.js';
import type { ScenarioAdObject } from './scenario-schema.js';

type Key = 'objectGuid' | 'consistencyGuid' | 'address' | 'sam' | 'nickname' | 'custom' | 'customId' | 'dn';

/** Converts a lab object as the directory does (its anchor decides customAnchorValue). */
export type Convert = (o: ScenarioAdObject) => OnPremObject;

export class AdIndex {
  private readonly maps = new Map<Key, Map<string, ScenarioAdObject[]>>();
  private readonly position = new Map<ScenarioAdObject, number>();
  private readonly objects: readonly ScenarioAdObject[];
  private readonly length: number;
  private readonly epoch: number;
  private readonly sourceAnchor: string;

  constructor(
    private readonly state: LabState,
    convert: Convert,
  ) {
    this.objects = state.ad.objects;
    this.length = state.ad.objects.length;
    this.epoch = labStateEpoch(state);
    this.sourceAnchor = state.sync.sourceAnchor;
    state.ad.objects.forEach((raw, i) => {
      this.position.set(raw, i);
      const o = convert(raw);
      this.add('objectGuid', o.objectGuid, raw);
      this.add('consistencyGuid', o.consistencyGuid, raw);
      for (const v of [o.userPrincipalName, o.mail])
        this.add('address', v === null ? null : addressKey(v), raw);
      for (const p of o.proxyAddresses) {
        const parsed = parseProxyAddress(p);
        if (parsed.isSmtp) this.add('address', addressKey(parsed.address), raw);
      }
      this.add('sam', o.sAMAccountName === null ? null : addressKey(o.sAMAccountName), raw);
      this.add('nickname', o.mailNickname === null ? null : addressKey(o.mailNickname), raw);
      const custom = o.customAnchorValue;
      if (typeof custom === 'string') {
        this.add('custom', addressKey(custom), raw);
        if (isGuidString(custom)) this.add('customId', guidToImmutableId(custom), raw);
      }
      this.add('dn', dnKey(o.dn), raw);
    });
  }

  private add(key: Key, value: string | null | undefined, raw: ScenarioAdObject): void {
    if (typeof value !== 'string') return;
    let map = this.maps.get(key);
    if (!map) this.maps.set(key, (map = new Map()));
    const list = map.get(value);
    if (!list) map.set(value, [raw]);
    else if (list[list.length - 1] !== raw) list.push(raw);
  }

  fresh(state: LabState): boolean {
    return (
      state.ad.objects === this.objects &&
      state.ad.objects.length === this.length &&
      labStateEpoch(state) === this.epoch &&
      state.sync.sourceAnchor === this.sourceAnchor
    );
  }

  /** The objects under any of these keys, each once, in the directory's order. */
  private union(lookups: [Key, string | null | undefined][]): ScenarioAdObject[] {
    const out = new Set<ScenarioAdObject>();
    for (const [key, value] of lookups) {
      if (typeof value !== 'string') continue;
      for (const o of this.maps.get(key)?.get(value) ?? []) out.add(o);
    }
    return [...out].sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }

  /** Objects that may answer an identity search (in-memory-ad.ts matchesIdentity decides). */
  forIdentity(query: IdentityQuery, guid: string | null): ScenarioAdObject[] {
    switch (query.kind) {
      case 'objectGuid':
      case 'immutableId':
        return this.union([
          ['objectGuid', guid],
          ['consistencyGuid', guid],
          ...(query.kind === 'immutableId'
            ? ([
                ['custom', addressKey(query.immutableId)],
                ['customId', query.immutableId],
              ] as [Key, string][])
            : []),
        ]);
      case 'address':
        return this.union([['address', addressKey(query.address)]]);
      case 'sAMAccountName':
        return this.union([
          ['sam', addressKey(query.sam)],
          ['custom', addressKey(query.sam)],
        ]);
      case 'dn':
        return this.union([['dn', dnKey(query.dn)]]);
    }
  }

  /** Objects that may share a value with `user` (in-memory-ad.ts findRelated decides). */
  related(user: OnPremObject): ScenarioAdObject[] {
    const guid = user.consistencyGuid ?? user.objectGuid;
    const custom = user.customAnchorValue?.trim();
    return this.union([
      ...userAddresses(user).map((a): [Key, string] => ['address', addressKey(a)]),
      ['nickname', user.mailNickname?.trim() ? addressKey(user.mailNickname) : null],
      ['objectGuid', guid],
      ['consistencyGuid', guid],
      ['custom', custom ? addressKey(custom) : null],
    ]);
  }

  /** Objects whose objectGUID is this canonical GUID. */
  byObjectGuid(guid: string | null): ScenarioAdObject[] {
    return this.union([['objectGuid', guid]]);
  }
}

const indexes = new WeakMap<LabState, AdIndex>();

/** The state's AD index, rebuilt first when the state changed since it was built. */
export function adIndex(state: LabState, convert: Convert): AdIndex {
  let index = indexes.get(state);
  if (!index || !index.fresh(state)) {
    index = new AdIndex(state, convert);
    indexes.set(state, index);
  }
  return index;
}

/**
 * A search: the candidates `pick` names, converted and kept by `keep` (the directory's predicate).
 * With SYNCMATCH_LAB_INDEX_CHECK=1 the answer is compared with converting and testing every object.
 */
export function indexedSearch(
  state: LabState,
  convert: Convert,
  pick: (index: AdIndex) => readonly ScenarioAdObject[],
  keep: (o: OnPremObject) => boolean,
): OnPremObject[] {
  const found = pick(adIndex(state, convert)).map(convert).filter(keep);
  if (indexCheckEnabled()) {
    const scanned = state.ad.objects.map(convert).filter(keep);
    const ids = (list: OnPremObject[]) => list.map((o) => `${o.objectGuid}|${o.dn}`).join(',');
    if (ids(found) !== ids(scanned)) {
      throw new Error(
        `lab AD index out of date: indexed [${ids(found)}] but a full scan gives [${ids(scanned)}]`,
      );
    }
  }
  return found;
}
