// snapshot → findings → plan: pure and deterministic (DESIGN.md "The flow of one run").
import { placeFields } from './ad-place.js';
import type { Diagnosis } from './diagnosis-types.js';
import { sortFindings, type Finding } from './findings.js';
import { migrationSubject } from './forests.js';
import { buildPlan } from './plan.js';
import { restoreAlternatives } from './plan-restore.js';
import { withPowerShell } from './powershell/steps.js';
import { buildContext, isSynced } from './rules/context.js';
import { RULES } from './rules/index.js';
import type { OnPremObject, Snapshot } from './snapshot.js';
import { forecastSync } from './sync-forecast.js';

function describe(o: OnPremObject): Record<string, unknown> {
  return {
    dn: o.dn,
    objectClass: o.objectClass,
    sAMAccountName: o.sAMAccountName,
    userPrincipalName: o.userPrincipalName,
    objectGUID: o.objectGuid,
    ...placeFields(o),
  };
}

function adOnly(snapshot: Snapshot, finding: Finding): Diagnosis {
  return {
    identity: snapshot.identity,
    onPrem: null,
    expectedImmutableId: null,
    anchorSource: null,
    target: null,
    anchorHolder: null,
    findings: [finding],
    plan: [],
  };
}

export function diagnose(read: Snapshot): Diagnosis {
  const snapshot = withMigrationSubject(read);
  const { matches } = snapshot.onPrem;
  if (matches.length === 0) {
    return adOnly(snapshot, {
      code: 'AD_USER_NOT_FOUND',
      severity: 'error',
      message: `No AD user matches "${snapshot.identity}" (searched sAMAccountName, UPN, mail, proxy addresses, DN, objectGUID and the anchor). Check the spelling, or search by another identifier.`,
      evidence: { identity: snapshot.identity },
    });
  }
  if (matches.length > 1) {
    return adOnly(snapshot, {
      code: 'AD_IDENTITY_AMBIGUOUS',
      severity: 'error',
      message: `"${snapshot.identity}" matches ${matches.length} AD users, so none is chosen. Give a value only one of them has (the DN or objectGUID below).`,
      evidence: { identity: snapshot.identity, objects: matches.map(describe) },
    });
  }
  const user = matches[0]!;
  const ctx = buildContext(snapshot, user);
  const findings = sortFindings(RULES.flatMap((rule) => rule(ctx)));
  const plan = buildPlan(ctx, findings).map((s) => withPowerShell(s, ctx, findings));
  const t = ctx.target;
  // Restore instead (issue 13, point 5): only beside a plan that writes and syncs, never over a manual step.
  const syncSteps = plan.filter((s) => s.action === 'TRIGGER_DELTA_SYNC' || s.action === 'VERIFY_MATCH');
  const alternatives =
    syncSteps.length === 2 && !plan.some((s) => s.action === 'MANUAL')
      ? restoreAlternatives(ctx, syncSteps).map((a) => ({
          ...a,
          plan: a.plan.map((s) => withPowerShell(s, ctx, findings)),
        }))
      : [];
  return {
    identity: snapshot.identity,
    onPrem: user,
    expectedImmutableId: ctx.anchor.value,
    anchorSource: ctx.anchor.source,
    target: t ? { ...t, management: isSynced(t) ? 'synced' : 'cloud-managed', roles: ctx.targetRoles } : null,
    anchorHolder: ctx.holder,
    findings,
    plan,
    forecast: ctx.cloud ? forecastSync(user, t, ctx.cloud) : null,
    ...(alternatives.length > 0 ? { alternatives } : {}),
    ...((snapshot.sync.forests?.length ?? 0) > 1 ? { forests: snapshot.sync.forests } : {}),
  };
}

/**
 * One user in each of two forests, one person's accounts (issue 21): not ambiguous; the diagnosis
 * is about the one in the migration's target forest, and the other is among its related objects.
 */
function withMigrationSubject(snapshot: Snapshot): Snapshot {
  const { matches, related } = snapshot.onPrem;
  const subject = migrationSubject(matches, snapshot.sync);
  if (!subject) return snapshot;
  const others = matches.filter((m) => m !== subject && !related.some((r) => r.objectGuid === m.objectGuid));
  return { ...snapshot, onPrem: { matches: [subject], related: [...related, ...others] } };
}
