// USER_IN_TWO_FORESTS (issue 21): one person with an account in two forests, as during a migration
// between forests that one Entra Connect server syncs. Connect joins AD objects to the metaverse
// (and so to one cloud user) by sourceAnchor first: mS-DS-ConsistencyGuid, else objectGUID. A
// migrated account joins the old account's cloud user only if its mS-DS-ConsistencyGuid carries
// the old account's anchor; otherwise it exports its own objectGUID as a new anchor, a soft match
// onto the already-synced cloud user is refused, and when the old account leaves the scope the
// cloud user is deleted:
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/plan-connect-design-concepts#using-ms-ds-consistencyguid-as-sourceanchor
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-install-existing-tenant (hard and soft match)
// The finding names which account Connect joins to the cloud user and why, what becomes of the
// other, and the stage of the migration the plan continues from.
import { expectedAnchor } from '../anchor.js';
import type { Finding } from '../findings.js';
import { newerOf, twinLinks, type TwinLink } from '../forests.js';
import type { CloudUser, OnPremObject } from '../snapshot.js';
import type { RuleContext } from './context.js';
import { inScope } from './ad-scope.js';

export interface ForestAccount {
  forest: string | null;
  domain: string | null;
  dn: string;
  objectGUID: string;
  consistencyGuid: string | null;
  userPrincipalName: string | null;
  mail: string | null;
  /** The sourceAnchor (immutableId) this account exports, and where it comes from. */
  anchor: string | null;
  anchorSource: string;
  inSyncScope: boolean;
}

/**
 * stamp: the new account lacks the old anchor (write it, then take the old out of scope);
 * release: the new account carries it, the old one is still in scope (take it out);
 * handover: the old one is out of scope, the new one carries the anchor (sync, verify);
 * unsynced: no cloud user holds the old anchor (take the old account out of scope, then match).
 */
export type MigrationStage = 'stamp' | 'release' | 'handover' | 'unsynced';

export interface ForestTwinEvidence {
  stage: MigrationStage;
  links: TwinLink[];
  /** The account in the migration's target forest (the diagnosis is about it when it can be). */
  newAccount: ForestAccount;
  oldAccount: ForestAccount;
  /** The cloud user holding the old account's anchor (Connect's join), when there is one. */
  cloudUser: { id: string; userPrincipalName: string; onPremisesImmutableId: string | null } | null;
  /** The GUID the new account's mS-DS-ConsistencyGuid must carry (the old account's anchor). */
  stampWith: string | null;
}

function account(ctx: RuleContext, o: OnPremObject): ForestAccount {
  const a = expectedAnchor(o, ctx.snapshot.sync.sourceAnchor);
  return {
    forest: o.forest ?? null,
    domain: o.domain ?? null,
    dn: o.dn,
    objectGUID: o.objectGuid,
    consistencyGuid: o.consistencyGuid,
    userPrincipalName: o.userPrincipalName,
    mail: o.mail,
    anchor: a.value,
    anchorSource: a.source,
    inSyncScope: inScope(o.dn, ctx.snapshot.sync.scope),
  };
}

const LINK_TEXT: Record<TwinLink, string> = {
  mail: 'the same mail',
  userPrincipalName: 'the same UPN',
  consistencyGuid: "one's mS-DS-ConsistencyGuid equal to the other's objectGUID",
};

function where(a: ForestAccount): string {
  return `${a.dn} (forest ${a.forest ?? '?'}, domain ${a.domain ?? '?'})`;
}

/** Old and new: by the configured forest order; unknown order: the old one is the synced one. */
function oldAndNew(ctx: RuleContext, other: OnPremObject, holderOf: (o: OnPremObject) => CloudUser | null) {
  const newer = newerOf(ctx.snapshot.sync, ctx.user, other);
  if (newer) return newer === ctx.user ? { o: other, n: ctx.user } : { o: ctx.user, n: other };
  return holderOf(ctx.user) && !holderOf(other) ? { o: ctx.user, n: other } : { o: other, n: ctx.user };
}

export function forestTwinRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const attribute = ctx.snapshot.sync.sourceAnchor;
  const holderOf = (o: OnPremObject): CloudUser | null => {
    const a = expectedAnchor(o, attribute).value;
    return a ? (ctx.cloud?.users.find((u) => u.onPremisesImmutableId === a) ?? null) : null;
  };
  for (const other of ctx.snapshot.onPrem.related) {
    const links = twinLinks(ctx.user, other);
    if (links.length === 0) continue;
    const { o, n } = oldAndNew(ctx, other, holderOf);
    const oldAcc = account(ctx, o);
    const newAcc = account(ctx, n);
    const c = holderOf(o);
    const carries = oldAcc.anchor !== null && oldAcc.anchor === newAcc.anchor;
    const stage: MigrationStage = carries
      ? oldAcc.inSyncScope
        ? 'release'
        : 'handover'
      : c
        ? 'stamp'
        : 'unsynced';
    if (stage === 'unsynced' && !oldAcc.inSyncScope) continue;
    const stampWith = expectedAnchor(o, attribute).guid;
    const evidence: ForestTwinEvidence = {
      stage,
      links,
      newAccount: newAcc,
      oldAccount: oldAcc,
      cloudUser: c
        ? { id: c.id, userPrincipalName: c.userPrincipalName, onPremisesImmutableId: c.onPremisesImmutableId }
        : null,
      stampWith,
    };
    const intro =
      `This person has an account in two forests: the old one ${where(oldAcc)} and the new one ${where(newAcc)} ` +
      `(${links.map((l) => LINK_TEXT[l]).join(', ')}). `;
    const cu = c?.userPrincipalName ?? '';
    const messages: Record<MigrationStage, string> = {
      stamp:
        `Connect joins the cloud user ${cu} to the old account: its sourceAnchor ${oldAcc.anchor} (${oldAcc.anchorSource}) is that user's immutableId. ` +
        `The new account exports its own anchor ${newAcc.anchor} (${newAcc.anchorSource}), so the source-anchor join does not put it on the same metaverse object; ` +
        `a soft match onto ${cu} is refused because it is already synced, so the new account gets a sync error for its duplicate UPN/addresses (or a cloud user of its own), ` +
        `and once the old account leaves the scope ${cu} is deleted. ` +
        `Write the old anchor ${stampWith} into the new account's mS-DS-ConsistencyGuid, take the old account out of scope, then sync: Connect joins the new account to ${cu} by its source anchor.`,
      release:
        `The new account's mS-DS-ConsistencyGuid carries the old account's anchor ${oldAcc.anchor}, so Connect joins both to the same metaverse object and the cloud user ${cu} stays one user. ` +
        'While both are in scope the old account still supplies its values. Take the old account out of the sync scope to finish the move; the next sync keeps the cloud user with the new account.',
      handover:
        `The old account is out of the sync scope and the new one exports the same anchor ${oldAcc.anchor} from its mS-DS-ConsistencyGuid: ` +
        `the next sync keeps ${cu || 'the cloud user'} joined, now to the new account (the source-anchor join), instead of deleting it. Sync and verify.`,
      unsynced:
        "No cloud user holds the old account's anchor yet. With both in scope, Connect soft-matches (or creates) whichever it processes first and the other fails on the duplicate UPN/addresses. " +
        'Take the old account out of the sync scope; then the new one is matched on its own.',
    };
    out.push({
      code: 'USER_IN_TWO_FORESTS',
      severity: stage === 'handover' ? 'info' : stage === 'release' ? 'warning' : 'error',
      message: intro + messages[stage],
      evidence: evidence as unknown as Record<string, unknown>,
    });
  }
  return out;
}

/** A related object that is this user's account in another forest (the twin finding covers it). */
export function isForestTwin(ctx: RuleContext, other: OnPremObject): boolean {
  return twinLinks(ctx.user, other).length > 0;
}

/** The immutableId is the anchor of this user's account in another forest (USER_IN_TWO_FORESTS explains it). */
export function isForestTwinAnchor(ctx: RuleContext, immutableId: string | null): boolean {
  if (!immutableId) return false;
  const attribute = ctx.snapshot.sync.sourceAnchor;
  return ctx.snapshot.onPrem.related.some(
    (o) => isForestTwin(ctx, o) && expectedAnchor(o, attribute).value === immutableId,
  );
}
