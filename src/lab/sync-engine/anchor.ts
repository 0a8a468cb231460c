// The sourceAnchor an AD object exports as immutableId (docs/matching-facts.md §1).
import { guidToImmutableId, isGuidString } from '../../core/identifiers.js';
import type { ScenarioAdObject } from '../scenario-schema.js';

export type AnchorResult = { ok: true; anchor: string; wroteBack: boolean } | { ok: false; reason: string };

const CONSISTENCY_GUID = 'mS-DS-ConsistencyGuid';

function attributeValue(obj: ScenarioAdObject, name: string): unknown {
  const key = Object.keys(obj.attributes).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj.attributes[key];
}

/**
 * The expected immutableId of `obj`. With mS-DS-ConsistencyGuid (the default since 1.1.524.0) an
 * empty value means "use objectGUID and write it back", which this does to the AD object, as
 * Connect's AD connector export does in the same cycle.
 */
export function resolveSourceAnchor(
  obj: ScenarioAdObject,
  sourceAnchor: string,
  options: { writeBack?: boolean } = {},
): AnchorResult {
  const writeBack = options.writeBack ?? true;
  const attr = sourceAnchor.trim() || CONSISTENCY_GUID;
  if (attr.toLowerCase() === 'objectguid') {
    return { ok: true, anchor: guidToImmutableId(obj.objectGUID), wroteBack: false };
  }
  if (attr.toLowerCase() === CONSISTENCY_GUID.toLowerCase()) {
    const current = obj.attributes[CONSISTENCY_GUID];
    if (typeof current === 'string' && current.trim() !== '') {
      return { ok: true, anchor: guidToImmutableId(current), wroteBack: false };
    }
    if (writeBack) obj.attributes[CONSISTENCY_GUID] = obj.objectGUID;
    return { ok: true, anchor: guidToImmutableId(obj.objectGUID), wroteBack: writeBack };
  }
  // A custom anchor (e.g. employeeID). Binary GUID-valued attributes are given as GUID strings in a
  // scenario and become base64; a string attribute is exported as it is.
  // UNVERIFIED: that Connect sends string anchors unencoded.
  const value = attributeValue(obj, attr);
  if (typeof value === 'string' && value.trim() !== '') {
    return { ok: true, anchor: isGuidString(value) ? guidToImmutableId(value) : value, wroteBack: false };
  }
  if (typeof value === 'number') return { ok: true, anchor: String(value), wroteBack: false };
  return {
    ok: false,
    reason: `The sourceAnchor attribute ${attr} is empty on this object, so Connect cannot export it.`,
  };
}
