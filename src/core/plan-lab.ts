// "Do it in the lab" for the MANUAL steps whose change is more than one attribute (issue 13,
// point 9): the out-of-scope-and-back procedure, a synced object's address changed at its AD source
// then synced, and a role that reaches the user through a group. Real runs never offer these: only
// the lab environment carries out LabActions.
import { dnInScope, parseDn, parseScope } from './dn.js';
import type { LabAction } from './plan-types.js';
import type { RuleContext } from './rules/context.js';

/** Everything after the first unescaped comma: the parent container of a DN, as written. */
function parentOf(dn: string): string | null {
  const at = dn.search(/(?<!\\),/);
  return at < 0 ? null : dn.slice(at + 1);
}

/**
 * Move the AD user out of the synced OUs, run a delta sync (the synced duplicate is soft-deleted),
 * and move it back without syncing, as the step says; undefined when the scope is the whole domain
 * (no OU is out of scope) or the DN cannot be read.
 */
export function outOfScopeAndBack(ctx: RuleContext): LabAction[] | undefined {
  const scope = parseScope(ctx.snapshot.sync.scope);
  const dn = parseDn(ctx.user.dn);
  const parent = parentOf(ctx.user.dn);
  if (scope.length === 0 || !dn || !parent) return undefined;
  const dcs = dn.filter((a) => a.type === 'dc').map((a) => `DC=${a.value}`);
  if (dcs.length === 0) return undefined;
  const outside = `OU=Out of sync scope (lab),${dcs.join(',')}`;
  if (dnInScope(`CN=probe,${outside}`, scope)) return undefined;
  const objectGuid = ctx.user.objectGuid;
  return [
    { kind: 'moveAdObject', objectGuid, newParentDn: outside },
    { kind: 'runSyncCycle' },
    { kind: 'moveAdObject', objectGuid, newParentDn: parent },
  ];
}

/** The roles step: direct roles removed, and the user taken out of each role-assignable group. */
export function roleRemoval(ctx: RuleContext): LabAction[] | undefined {
  const t = ctx.target;
  if (!t) return undefined;
  const groups = new Set(
    (ctx.cloud?.roleGrants?.[t.id] ?? []).flatMap((g) => (g.viaGroup ? [g.viaGroup.id] : [])),
  );
  return [
    { kind: 'removeCloudRoles', userId: t.id },
    ...[...groups].map((groupId): LabAction => ({ kind: 'removeFromGroup', groupId, memberId: t.id })),
  ];
}
