// What the services answered. A result only counts when it answers the current request: a late
// answer to a reading the user backed out of changes nothing.
import type { StepOutcome, SyncVerdict } from '../run-results.js';
import type { Diagnosis } from '../diagnosis-types.js';
import type { ErrorInfo, WizardEvent, WizardState } from './state.js';
import { adoptDiagnosis, errorScreen, planScreen } from './transitions.js';
import { afterStart } from './keys-start.js';
import { onUndone, onUndoPreviewed } from './leaving.js';
import { stepAt } from './walk.js';

type ResultEvent = Exclude<WizardEvent, { type: 'key' } | { type: 'cancel' } | { type: 'measured' }>;

export function onResult(state: WizardState, event: ResultEvent): WizardState {
  if (state.request?.id !== event.request) return state;
  switch (event.type) {
    case 'unfinishedWrites': {
      const next = { ...state, request: null, warnings: event.lines };
      return event.lines.length > 0 ? { ...next, screen: { kind: 'warnings' } } : afterStart(next);
    }
    case 'readProgress': {
      if (state.screen.kind !== 'reading') return state;
      const { step, status, detail } = event.progress;
      const lines = { ...state.screen.lines, [step]: { status, detail } };
      return { ...state, screen: { ...state.screen, lines } };
    }
    case 'diagnosed':
      return onDiagnosed(state, event.diagnosis);
    case 'labApplied': {
      const outcome: StepOutcome = {
        action: 'MANUAL',
        status: 'done',
        detail: `Done in the lab: ${event.done.join(' ')}`,
      };
      return onChecked({ ...state, outcomes: [...state.outcomes, outcome] }, event.diagnosis);
    }
    case 'diagnoseFailed':
      return onDiagnoseFailed(state, event.error);
    case 'applied':
      return onApplied(state, event.outcome);
    case 'syncProgress':
      if (state.screen.kind !== 'sync') return state;
      return { ...state, screen: { ...state.screen, progress: event.progress } };
    case 'synced':
      return onSynced(state, event.verdict);
    case 'undoPreviewed':
      return onUndoPreviewed(state, event.preview);
    case 'undone':
      return onUndone(state, event.outcome);
    case 'syncFailed': {
      const outcome: StepOutcome = {
        action: 'TRIGGER_DELTA_SYNC',
        status: 'failed',
        detail: event.error.message,
      };
      const failed = { ...state, outcomes: [...state.outcomes, outcome] };
      return errorScreen(failed, 'The sync could not run', event.error, ['retrySync', 'finish'], 'finish');
    }
  }
}

function onDiagnosed(state: WizardState, diagnosis: Diagnosis): WizardState {
  const request = state.request;
  if (request?.kind === 'diagnose' && request.purpose === 'check') return onChecked(state, diagnosis);
  const next = { ...adoptDiagnosis(state, diagnosis), request: null, failure: null };
  if (state.screen.kind !== 'reading') return next;
  // Stay on the checklist when a step failed: its detail says what was tried and what to check.
  const failed = Object.values(state.screen.lines).some((l) => l.status === 'failed');
  if (failed) return { ...next, screen: { ...state.screen, finished: true } };
  return { ...next, screen: { kind: 'findings', cursor: 0, raw: false } };
}

/** The first sentence: the screen has room for the point, the findings screen has the rest. */
function firstSentence(text: string): string {
  return (text.split(/(?<=[.;])\s/)[0] ?? text).replace(/[.;]$/, '');
}

/** "Check again" on a MANUAL step: resolved when none of the findings it cures is left (an info
 *  finding is no problem: e.g. USER_IN_TWO_FORESTS once the old account is out of scope). */
function onChecked(state: WizardState, diagnosis: Diagnosis): WizardState {
  if (state.screen.kind !== 'manual') return { ...state, request: null };
  const step = stepAt(state, state.screen.step);
  const cures = step?.because ?? [];
  const left = diagnosis.findings.filter((f) => cures.includes(f.code) && f.severity !== 'info');
  if (left.length > 0) {
    const detail = `Still found: ${left.map((f) => `${f.code} (${firstSentence(f.message)})`).join(', ')}.`;
    return { ...state, request: null, screen: { ...state.screen, check: { status: 'still', detail } } };
  }
  const codes = cures.length > 0 ? cures.join(', ') : 'the blocking finding';
  const outcome: StepOutcome = {
    action: 'MANUAL',
    status: 'done',
    detail: `Checked again: ${codes} no longer found.`,
  };
  const adopted = adoptDiagnosis({ ...state, outcomes: [...state.outcomes, outcome] }, diagnosis);
  return planScreen(adopted, `${outcome.detail} The plan was rebuilt from the new reading.`);
}

function onDiagnoseFailed(state: WizardState, error: ErrorInfo): WizardState {
  const request = state.request;
  const checking =
    (request?.kind === 'diagnose' && request.purpose === 'check') || request?.kind === 'labApply';
  if (checking && state.screen.kind === 'manual') {
    const check = {
      status: 'failed' as const,
      detail: `${error.message}${error.hint ? ` ${error.hint}` : ''}`,
    };
    return { ...state, request: null, screen: { ...state.screen, check } };
  }
  const failed = { ...state, failure: error };
  return errorScreen(failed, 'The reading failed', error, ['retryDiagnose', 'identity', 'quit'], 'identity');
}

function onApplied(state: WizardState, outcome: StepOutcome): WizardState {
  if (state.screen.kind !== 'applying') return state;
  const index = state.screen.step;
  const results = [...state.walk.results];
  results[index] = outcome;
  const outcomes = [...state.outcomes, outcome];
  if (outcome.status === 'failed' || outcome.stale) {
    const halted = outcome.stale ? ('stale' as const) : ('failed' as const);
    const next = { ...state, outcomes, walk: { ...state.walk, results, halted } };
    const title = outcome.stale ? 'The user changed since the diagnosis' : 'The write failed';
    const hint = outcome.stale
      ? 'Someone else may be working on this user. Nothing was written; read it again to re-plan.'
      : 'Nothing after this step will be written in this plan.';
    return errorScreen(next, title, { message: outcome.detail, hint }, ['reread', 'finish'], 'finish');
  }
  const walk = { ...state.walk, results, next: index + 1 };
  const word = outcome.status === 'done' ? 'done' : 'skipped';
  return planScreen({ ...state, outcomes, walk }, `Step ${index + 1} ${word}: ${outcome.detail}`);
}

function onSynced(state: WizardState, verdict: SyncVerdict): WizardState {
  if (state.screen.kind !== 'sync') return state;
  const index = state.screen.step;
  const results = [...state.walk.results];
  const outcomes = [...state.outcomes];
  const record = (at: number, outcome: StepOutcome): void => {
    results[at] = outcome;
    outcomes.push(outcome);
  };
  const syncFailed = verdict.verdict === 'sync-failed';
  let next = index;
  if (stepAt(state, index)?.action === 'TRIGGER_DELTA_SYNC') {
    const detail = syncFailed ? verdict.detail : 'Delta sync triggered.';
    record(next++, { action: 'TRIGGER_DELTA_SYNC', status: syncFailed ? 'failed' : 'done', detail });
  }
  if (stepAt(state, next)?.action === 'VERIFY_MATCH') {
    const matched = verdict.verdict === 'matched';
    record(next++, { action: 'VERIFY_MATCH', status: matched ? 'done' : 'failed', detail: verdict.detail });
  }
  const walk = { ...state.walk, results, next };
  return { ...state, request: null, verdict, outcomes, walk, screen: { ...state.screen, choice: 0 } };
}
