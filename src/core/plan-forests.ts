// The plan for USER_IN_TWO_FORESTS (issue 21), a migration between forests in Microsoft's order
// for keeping one cloud user (the new account takes the old sourceAnchor in mS-DS-ConsistencyGuid):
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/plan-connect-design-concepts#using-ms-ds-consistencyguid-as-sourceanchor
//   stamp    → SET_CONSISTENCY_GUID on the new account (a guarded, journalled AD write), then
//              MANUAL: take the old account out of scope (check again re-plans);
//   release  → MANUAL: take the old account out of scope;
//   handover → TRIGGER_DELTA_SYNC, VERIFY_MATCH;
//   unsynced → MANUAL: take the old account out of scope.
// Moving an object out of the synced OUs is how Connect stops syncing it (the scope is the
// connector's OU filter): https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-sync-configure-filtering#organizational-unitbased-filtering
import { namingContextOf } from './dn-domain.js';
import type { Finding } from './findings.js';
import type { LabAction, PlanStep } from './plan-types.js';
import { adMoveInDomain } from './powershell/commands.js';
import type { RuleContext } from './rules/context.js';
import type { ForestAccount, ForestTwinEvidence } from './rules/forest-twins.js';

const MIGRATED_OU = 'OU=Migrated';

function label(a: ForestAccount): string {
  return `${a.userPrincipalName ?? a.dn} (${a.domain ?? a.forest ?? 'AD'})`;
}

/** The OU outside the sync scope the old account moves to (a site may choose another). */
export function migratedOu(a: ForestAccount): string {
  return `${MIGRATED_OU},${namingContextOf(a.domain ?? a.forest ?? '')}`;
}

function stampStep(e: ForestTwinEvidence): PlanStep {
  const n = e.newAccount;
  return {
    action: 'SET_CONSISTENCY_GUID',
    description: `Write the old account's anchor ${e.stampWith} into mS-DS-ConsistencyGuid of the new account ${label(n)}`,
    because: ['USER_IN_TWO_FORESTS'],
    reversible: true,
    writes: true,
    objectId: n.objectGUID,
    ...(n.userPrincipalName ? { objectUpn: n.userPrincipalName } : {}),
    precondition: {
      kind: 'adObject',
      objectId: n.objectGUID,
      expect: { consistencyGuid: n.consistencyGuid },
      description: `${label(n)} still has mS-DS-ConsistencyGuid ${n.consistencyGuid ?? '(empty)'}.`,
    },
    change: { property: 'mS-DS-ConsistencyGuid', before: n.consistencyGuid, after: e.stampWith },
  };
}

function outOfScopeStep(ctx: RuleContext, f: Finding, e: ForestTwinEvidence): PlanStep {
  const o = e.oldAccount;
  const target = migratedOu(o);
  const move = adMoveInDomain(o.objectGUID, o.domain ?? o.forest ?? '', target, '').script;
  const lab: LabAction[] = o.inSyncScope
    ? [{ kind: 'moveAdObject', objectGuid: o.objectGUID, newParentDn: target }]
    : [];
  const wholeDomain = ctx.snapshot.sync.scope.length === 0;
  return {
    action: 'MANUAL',
    description: o.inSyncScope
      ? `Take the old account ${label(o)} out of the sync scope`
      : `Check again: the old account ${label(o)} is already out of the sync scope`,
    because: ['USER_IN_TWO_FORESTS'],
    reversible: true,
    writes: false,
    precondition: { kind: 'none', description: 'Nothing is written by this tool.' },
    manual: {
      instructions: o.inSyncScope
        ? [
            `Move ${o.dn} to an OU Entra Connect does not synchronise, on a DC of ${o.domain ?? o.forest}: ${move}`,
            `Create the OU first if it does not exist: New-ADOrganizationalUnit -Name 'Migrated' -Path '${namingContextOf(o.domain ?? o.forest ?? '')}' -Server '${o.domain ?? o.forest}'.`,
            ...(wholeDomain
              ? [
                  'The whole domain is synchronised here: exclude that OU in the Entra Connect wizard (Customize synchronization options → Domain and OU filtering) first.',
                ]
              : []),
            'Keep the account (disabled if you like) until the match is verified: it is the way back.',
            'Then check again: syncmatch re-reads both accounts and plans the sync.',
          ]
        : [
            `${o.dn} is already outside the OUs Connect synchronises, and the new account's anchor was just written.`,
            'Check again: syncmatch re-reads both accounts and plans the sync with the new anchor.',
          ],
      verify:
        'Re-reads both accounts and checks the old one is out of the sync scope and the new one exports the old anchor.',
      evidence: f.evidence,
      ...(lab.length > 0 ? { lab } : {}),
    },
  };
}

/** The migration's steps, or null when no USER_IN_TWO_FORESTS finding asks for any. */
export function forestMigrationPlan(ctx: RuleContext, findings: readonly Finding[]): PlanStep[] | null {
  const f = findings.find((x) => x.code === 'USER_IN_TWO_FORESTS');
  if (!f) return null;
  const e = f.evidence as unknown as ForestTwinEvidence;
  switch (e.stage) {
    case 'stamp':
      return e.stampWith ? [stampStep(e), outOfScopeStep(ctx, f, e)] : [outOfScopeStep(ctx, f, e)];
    case 'release':
    case 'unsynced':
      return [outOfScopeStep(ctx, f, e)];
    case 'handover':
      return null;
  }
}
