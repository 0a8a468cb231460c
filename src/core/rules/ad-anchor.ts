// AD_DUPLICATE_ANCHOR: another AD object resolves to the same sourceAnchor (a copied or migrated
// mS-DS-ConsistencyGuid, a restore, a provisioning script). Entra Connect joins whichever object it
// processes first to the cloud user holding that anchor, so the fix could hand this person's cloud
// account to someone else. Compared as the anchor each object exports: the configured attribute
// with the objectGUID fallback, so as bytes for GUID anchors.
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/plan-connect-design-concepts#using-ms-ds-consistencyguid-as-sourceanchor
import { expectedAnchor } from '../anchor.js';
import { placeFields } from '../ad-place.js';
import type { Finding } from '../findings.js';
import { isSystemObject } from '../idfix-rules.js';
import type { OnPremObject } from '../snapshot.js';
import type { RuleContext } from './context.js';
import { isForestTwin } from './forest-twins.js';

export interface AnchorSharer {
  dn: string;
  objectClass: OnPremObject['objectClass'];
  objectGuid: string;
  sAMAccountName: string | null;
  userPrincipalName: string | null;
  displayName: string | null;
  consistencyGuid: string | null;
  /** Where this object's anchor comes from. */
  anchorSource: string;
  /** Its forest and domain (issue 21), when the reader set them. */
  forest?: string;
  domain?: string;
}

export interface DuplicateAnchorEvidence {
  anchor: string;
  user: AnchorSharer;
  other: AnchorSharer;
  /** Which of the two the anchor belongs to (its objectGUID is the anchor), when that is known. */
  owner: 'user' | 'other' | null;
  /** The attribute to clear on the object that does not own it. */
  attribute: string;
}

function sharer(o: OnPremObject, source: string): AnchorSharer {
  return {
    dn: o.dn,
    objectClass: o.objectClass,
    objectGuid: o.objectGuid,
    sAMAccountName: o.sAMAccountName,
    userPrincipalName: o.userPrincipalName,
    displayName: o.displayName,
    consistencyGuid: o.consistencyGuid,
    anchorSource: source,
    ...placeFields(o),
  };
}

function label(o: OnPremObject): string {
  return o.displayName ?? o.sAMAccountName ?? o.dn;
}

export function adAnchorRules(ctx: RuleContext): Finding[] {
  const value = ctx.anchor.value;
  const attribute = ctx.snapshot.sync.sourceAnchor;
  if (!value || attribute.toLowerCase() === 'objectguid') return [];
  const out: Finding[] = [];
  for (const other of ctx.snapshot.onPrem.related) {
    if (other.objectGuid === ctx.user.objectGuid || isSystemObject(other)) continue;
    // One person's account in another forest: USER_IN_TWO_FORESTS tells that story and its plan.
    if (isForestTwin(ctx, other)) continue;
    const theirs = expectedAnchor(other, attribute);
    if (theirs.value !== value) continue;
    const guid = ctx.anchor.guid;
    const owner = guid === ctx.user.objectGuid ? 'user' : guid === other.objectGuid ? 'other' : null;
    const evidence: DuplicateAnchorEvidence = {
      anchor: value,
      user: sharer(ctx.user, ctx.anchor.source),
      other: sharer(other, theirs.source),
      owner,
      attribute: /consistencyguid/i.test(attribute) ? 'mS-DS-ConsistencyGuid' : attribute,
    };
    const whose =
      owner === 'other'
        ? ` It is the objectGUID of ${label(other)}, so it belongs to that object and this user carries a copy.`
        : owner === 'user'
          ? ` It is this user's own objectGUID, so ${label(other)} carries a copy.`
          : '';
    out.push({
      code: 'AD_DUPLICATE_ANCHOR',
      severity: 'error',
      message:
        `Another AD ${other.objectClass}, ${label(other)} (${other.dn}), exports the same sourceAnchor ${value} ` +
        `(this user's from ${ctx.anchor.source}, theirs from ${theirs.source}).${whose} Entra Connect joins whichever ` +
        "object it processes first to the cloud user holding that anchor, so a match now could give this person's cloud " +
        'account to the other one. Decide which object keeps the anchor and clear it on the other in AD first.',
      evidence: evidence as unknown as Record<string, unknown>,
    });
  }
  return out;
}
