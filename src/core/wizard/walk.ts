// The plan walk: which steps this run may offer, which comes next, and what the run's exit code is.
import { hasErrors, sortFindings, type Finding } from '../findings.js';
import type { Diagnosis } from '../diagnosis-types.js';
import type { PlanStep } from '../plan-types.js';
import { EXIT } from '../errors.js';
import type { Walk, WizardState } from './state.js';

export const emptyWalk = (): Walk => ({ next: 0, results: [], halted: null });

/** The steps offered: in read-only mode the write steps are hidden, never offered. */
export function visibleSteps(diagnosis: Diagnosis | null, readOnly: boolean): PlanStep[] {
  if (!diagnosis) return [];
  return diagnosis.plan.filter((s) => !(readOnly && s.writes));
}

export function hiddenStepCount(diagnosis: Diagnosis | null, readOnly: boolean): number {
  if (!diagnosis || !readOnly) return 0;
  return diagnosis.plan.filter((s) => s.writes).length;
}

export function stepAt(state: WizardState, index: number): PlanStep | undefined {
  return visibleSteps(state.diagnosis, state.config.readOnly)[index];
}

/** The next step to offer, unless the walk is halted or finished. */
export function nextStep(state: WizardState): { index: number; step: PlanStep } | null {
  if (state.walk.halted) return null;
  const step = stepAt(state, state.walk.next);
  return step ? { index: state.walk.next, step } : null;
}

/** Findings most serious first (the contract says they are; sorting again costs nothing). */
export function orderedFindings(diagnosis: Diagnosis | null): Finding[] {
  return diagnosis ? sortFindings(diagnosis.findings) : [];
}

/** The finding(s) a step cures, for the "why" of a confirmation. */
export function findingsCuredBy(step: PlanStep, diagnosis: Diagnosis | null): Finding[] {
  return orderedFindings(diagnosis).filter((f) => step.because.includes(f.code));
}

/** The diagnosis that describes the user now: after the sync when there was one. */
export function latestDiagnosis(state: WizardState): Diagnosis | null {
  return state.verdict?.after ?? state.diagnosis;
}

export function isMatched(diagnosis: Diagnosis | null): boolean {
  return Boolean(diagnosis?.findings.some((f) => f.code === 'ALREADY_MATCHED'));
}

/** 0 matched or nothing wrong, 3 problems left / not matched, 1 a failure, 130 nothing read. */
export function exitCodeFor(state: WizardState): number {
  if (state.failure) return EXIT.failure;
  if (state.verdict?.verdict === 'matched') return EXIT.ok;
  if (state.verdict?.verdict === 'wrong-object') return EXIT.failure;
  // A failed write (or sync) is a failure even if the user then walked on; a stale or
  // not-yet-matched result is "problems left".
  if (state.outcomes.some((o) => o.status === 'failed' && !o.stale && o.action !== 'VERIFY_MATCH')) {
    return EXIT.failure;
  }
  if (state.verdict) return EXIT.problems;
  const latest = latestDiagnosis(state);
  if (!latest) return EXIT.cancelled;
  if (isMatched(latest)) return EXIT.ok;
  return hasErrors(latest.findings) || latest.plan.length > 0 ? EXIT.problems : EXIT.ok;
}

/**
 * The text a person must type to confirm an irreversible step: for a purge the deleted object's id
 * (a live user may carry the same UPN, its id never), of which the first 8 characters will do.
 */
export function confirmationText(step: PlanStep): string {
  if (step.action === 'PURGE_DELETED_USER' && step.objectId) return step.objectId;
  return step.objectUpn ?? step.objectId ?? 'delete';
}

/** True when `typed` confirms the step: the whole text, or for an object id its first 8 characters. */
export function confirmationMatches(step: PlanStep, typed: string): boolean {
  const expected = confirmationText(step).toLowerCase();
  const t = typed.trim().toLowerCase();
  if (t === expected) return true;
  return (
    step.action === 'PURGE_DELETED_USER' &&
    step.objectId !== undefined &&
    t.length >= 8 &&
    expected.startsWith(t)
  );
}
