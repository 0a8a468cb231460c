// Which value the next sync will use as sourceAnchor, and so which immutableId to expect
// (docs/matching-facts.md §1): base64(mS-DS-ConsistencyGuid) when set, else base64(objectGUID); a custom string
// attribute is used as its text.
import { guidToImmutableId } from './identifiers.js';
import type { AnchorAttribute, OnPremObject } from './snapshot.js';

export interface ExpectedAnchor {
  value: string | null;
  /** The attribute the value came from. */
  source: string;
  /** For display: the GUID the anchor encodes, when it is GUID-based. */
  guid: string | null;
}

export function expectedAnchor(user: OnPremObject, attribute: AnchorAttribute): ExpectedAnchor {
  if (attribute === 'objectGUID') {
    return { value: guidToImmutableId(user.objectGuid), source: 'objectGUID', guid: user.objectGuid };
  }
  if (attribute.toLowerCase() === 'ms-ds-consistencyguid') {
    if (user.consistencyGuid) {
      return {
        value: guidToImmutableId(user.consistencyGuid),
        source: 'mS-DS-ConsistencyGuid',
        guid: user.consistencyGuid,
      };
    }
    // Connect falls back to objectGUID and writes it back into mS-DS-ConsistencyGuid.
    return {
      value: guidToImmutableId(user.objectGuid),
      source: 'objectGUID (mS-DS-ConsistencyGuid is empty)',
      guid: user.objectGuid,
    };
  }
  const v = user.customAnchorValue ?? null;
  return { value: v && v.length > 0 ? v : null, source: attribute, guid: null };
}
