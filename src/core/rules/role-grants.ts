// How the target's admin roles are held (issue 19): assigned to it, or reaching it through a
// role-assignable group. The MANUAL step for ADMIN_ROLE_BLOCKS_MATCH says what to undo for each.
import type { RuleContext } from './context.js';

/** Roles assigned to the target itself (all of them when the reader did not say how each is held). */
export function directRoleInstructions(ctx: RuleContext): string[] {
  const grants = ctx.target ? ctx.cloud?.roleGrants?.[ctx.target.id] : undefined;
  const direct = grants
    ? [...new Set(grants.filter((g) => !g.viaGroup).map((g) => g.role))]
    : ctx.targetRoles;
  if (direct.length === 0) return [];
  return [
    `In the Entra admin center → Users → ${ctx.target?.userPrincipalName} → Assigned roles, remove ${direct.join(', ')} (active and eligible).`,
  ];
}

/** For roles held through role-assignable groups: leave the group (the role stays with the group). */
export function groupRoleInstructions(ctx: RuleContext): string[] {
  const target = ctx.target;
  if (!target) return [];
  const groups = new Map<string, string>();
  for (const g of ctx.cloud?.roleGrants?.[target.id] ?? []) {
    if (g.viaGroup) groups.set(g.viaGroup.id, g.viaGroup.displayName ?? g.viaGroup.id);
  }
  return [...groups.values()].map(
    (name) =>
      `A role reaches ${target.userPrincipalName} through the role-assignable group "${name}": remove the user from it (Entra admin center → Groups → ${name} → Members); removing the role from the group would take it from every member.`,
  );
}
