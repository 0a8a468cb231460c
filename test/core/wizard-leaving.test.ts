// Leaving mid-procedure (issue 13, point 4), the reducer alone: Finish (or Esc/q) with writes in
// place and no verified match opens the leaving screen, which says where the user stands and offers
// to undo the writes newest first, each previewed from the journal and confirmed before it is sent.
import { describe, expect, it } from 'vitest';
import type { PlanStep } from '../../src/core/plan-types.js';
import type { StepOutcome } from '../../src/core/run-results.js';
import { halfDoneLines, leftStateLines } from '../../src/core/wizard/half-done.js';
import { wizardReducer } from '../../src/core/wizard/reducer.js';
import type { WizardState } from '../../src/core/wizard/state.js';
import { EXPECTED_ID, setIdStep, staleImmutableId, syncStep, verifyStep } from './wizard-fixtures.js';
import { atFindings, keys, requestId, run } from './wizard-driver.js';

const moveStep: PlanStep = {
  action: 'MOVE_UPN_TO_INITIAL_DOMAIN',
  description: 'Move jdoe@contoso.com to jdoe@contoso.onmicrosoft.com',
  because: ['FEDERATED_UPN_DOMAIN'],
  reversible: true,
  writes: true,
  precondition: { kind: 'user', objectId: setIdStep.objectId, description: 'UPN unchanged.' },
  objectId: setIdStep.objectId,
  objectUpn: 'jdoe@contoso.com',
  change: {
    property: 'userPrincipalName',
    before: 'jdoe@contoso.com',
    after: 'jdoe@contoso.onmicrosoft.com',
  },
};
const federated = { ...staleImmutableId, plan: [moveStep, setIdStep, syncStep, verifyStep] };

const done = (action: StepOutcome['action'], journalId: string): StepOutcome => ({
  action,
  status: 'done',
  detail: 'written',
  journalId,
});

/** Findings → plan → confirm step 1 → its write lands as journal entry j1. */
function afterStepOne(canUndo = true): WizardState {
  let s = run(atFindings(federated, { canUndo }), keys('enter', 'enter', 'enter'));
  expect(s.request).toMatchObject({ kind: 'apply' });
  s = wizardReducer(s, { type: 'applied', request: requestId(s), outcome: done(moveStep.action, 'j1') });
  expect(s.screen.kind).toBe('plan');
  return s;
}

const finish = (s: WizardState) => run(s, keys('down', 'down', 'enter')); // "Finish here"

describe('leaving with the plan half-applied', () => {
  it('Finish after a write opens the leaving screen that says plainly where the user stands', () => {
    const s = finish(afterStepOne());
    expect(s.screen).toMatchObject({ kind: 'leaving', back: 'plan' });
    expect(leftStateLines(s)).toEqual([
      'UPN moved to the initial domain: the user now signs in as jdoe@contoso.onmicrosoft.com, no longer as jdoe@contoso.com.',
      'The rest of the plan was not done: the hard match was never made and no sync has run.',
    ]);
    expect(s.request).toBeNull();
  });

  it('Esc/q on the findings after a write offers the same, and Esc there goes on to the summary', () => {
    let s = run(afterStepOne(), keys('escape'));
    expect(s.screen.kind).toBe('findings');
    s = run(s, keys('q'));
    expect(s.screen).toMatchObject({ kind: 'leaving', back: 'summary' });
    expect(run(s, keys('escape')).screen.kind).toBe('summary');
  });

  it('goes straight to the summary when nothing was written, or when the run cannot undo', () => {
    expect(finish(run(atFindings(federated, { canUndo: true }), keys('enter'))).screen.kind).toBe('summary');
    expect(finish(afterStepOne(false)).screen.kind).toBe('summary');
  });

  it('"Leave it as it is" shows the summary with the write and its state; Back returns to the plan', () => {
    const leaving = finish(afterStepOne());
    expect(run(leaving, keys('down', 'down', 'enter')).screen.kind).toBe('plan');
    const kept = run(leaving, keys('down', 'enter'));
    expect(kept.screen.kind).toBe('summary');
    expect(halfDoneLines(kept)[0]).toMatch(/^Left half-done: 1 write/);
  });

  it('undoes newest first: each undo is previewed, confirmed, then requested; the summary says what was undone', () => {
    let s = afterStepOne();
    s = run(s, keys('enter', 'enter')); // confirm step 2
    s = wizardReducer(s, { type: 'applied', request: requestId(s), outcome: done('SET_IMMUTABLE_ID', 'j2') });
    s = finish(s);
    expect(leftStateLines(s)[1]).toBe(
      `jdoe@contoso.com carries the immutableId ${EXPECTED_ID}: the next sync will hard-match it.`,
    );
    expect(leftStateLines(s)[2]).toMatch(/^No sync has run, so the hard match was never made/);
    s = run(s, keys('enter')); // Undo the 2 writes
    expect(s.screen).toMatchObject({ kind: 'undo', queue: ['j2', 'j1'], preview: null });
    expect(s.request).toMatchObject({ kind: 'previewUndo', journalId: 'j2' });
    // A key while the preview is read writes nothing.
    expect(run(s, keys('enter')).request).toMatchObject({ kind: 'previewUndo' });
    s = wizardReducer(s, {
      type: 'undoPreviewed',
      request: requestId(s),
      preview: { ok: true, journalId: 'j2', step: setIdStep, summary: 'Undo j2: back to the stale id.' },
    });
    expect(s.request).toBeNull();
    s = run(s, keys('enter')); // Undo this write
    expect(s.request).toMatchObject({ kind: 'undo', journalId: 'j2' });
    s = wizardReducer(s, { type: 'undone', request: requestId(s), outcome: done('SET_IMMUTABLE_ID', 'j3') });
    expect(s.outcomes.at(-1)).toMatchObject({ undoOf: 'j2', journalId: 'j3' });
    expect(s.request).toMatchObject({ kind: 'previewUndo', journalId: 'j1' });
    s = wizardReducer(s, {
      type: 'undoPreviewed',
      request: requestId(s),
      preview: { ok: true, journalId: 'j1', step: moveStep, summary: 'Undo j1: UPN back.' },
    });
    s = run(s, keys('enter'));
    s = wizardReducer(s, {
      type: 'undone',
      request: requestId(s),
      outcome: done('MOVE_UPN_TO_INITIAL_DOMAIN', 'j4'),
    });
    expect(s.screen.kind).toBe('summary');
    expect(halfDoneLines(s)).toEqual([
      'Undone: SET_IMMUTABLE_ID (journal entry j2) by entry j3.',
      'Undone: MOVE_UPN_TO_INITIAL_DOMAIN (journal entry j1) by entry j4.',
      'Every write of this run was undone: the user is as before the run, and not matched.',
    ]);
  });

  it('"Keep it and stop" writes nothing more; a failed undo stops before the older writes', () => {
    let s = afterStepOne();
    s = run(s, keys('enter', 'enter'));
    s = wizardReducer(s, { type: 'applied', request: requestId(s), outcome: done('SET_IMMUTABLE_ID', 'j2') });
    s = run(finish(s), keys('enter'));
    const previewed = wizardReducer(s, {
      type: 'undoPreviewed',
      request: requestId(s),
      preview: { ok: true, journalId: 'j2', step: setIdStep, summary: 'Undo j2.' },
    });
    const kept = run(previewed, keys('down', 'enter'));
    expect(kept.screen.kind).toBe('summary');
    expect(kept.request).toBeNull();
    expect(halfDoneLines(kept)[0]).toMatch(/^Left half-done: 2 write/);

    const asked = run(previewed, keys('enter'));
    const failed = wizardReducer(asked, {
      type: 'undone',
      request: requestId(asked),
      outcome: { action: 'CLEAR_IMMUTABLE_ID', status: 'failed', detail: 'Graph refused it.' },
    });
    expect(failed.screen.kind).toBe('summary');
    expect(failed.request).toBeNull();
    expect(halfDoneLines(failed)[0]).toMatch(/^Left half-done: 2 write/);
    expect(run(failed, keys('q')).exit).toBe(1);
  });

  it('a write that cannot be undone is said so, and the older ones can still be undone', () => {
    let s = run(finish(afterStepOne()), keys('enter'));
    s = wizardReducer(s, {
      type: 'undoPreviewed',
      request: requestId(s),
      preview: { ok: false, journalId: 'j1', reason: 'Entry j1 was recorded as not reversible.' },
    });
    expect(s.screen).toMatchObject({ kind: 'undo', preview: { ok: false } });
    // "Go on with the older writes": none left, so the summary.
    expect(run(s, keys('enter')).screen.kind).toBe('summary');
  });

  it('after a sync that joined the user but did not verify, says an undo will be refused and why', () => {
    let s = afterStepOne();
    const joined = { ...staleImmutableId.target!, onPremisesSyncEnabled: true };
    s = {
      ...s,
      verdict: {
        verdict: 'wrong-object',
        detail: 'The sync joined the wrong object.',
        syncReport: [],
        after: { ...federated, target: joined },
      },
    };
    expect(leftStateLines(s).slice(-2)).toEqual([
      'The sync did not verify the match: The sync joined the wrong object.',
      `The sync already joined ${joined.userPrincipalName} to an AD object: Graph refuses edits of a synced user, so an undo here will be refused; correct it in AD and sync again.`,
    ]);
  });

  it('a sync that could not run: "Finish" on its error screen offers the undo of the writes before it', () => {
    let s = run(atFindings(staleImmutableId, { canUndo: true }), keys('enter', 'enter', 'enter'));
    s = wizardReducer(s, { type: 'applied', request: requestId(s), outcome: done('SET_IMMUTABLE_ID', 'j1') });
    s = run(s, keys('enter')); // step 2: the sync
    expect(s.request).toMatchObject({ kind: 'sync' });
    s = wizardReducer(s, {
      type: 'syncFailed',
      request: requestId(s),
      error: { message: 'The Connect server is in staging mode.' },
    });
    expect(s.screen).toMatchObject({ kind: 'error', choices: ['retrySync', 'finish'] });
    s = run(s, keys('down', 'enter'));
    expect(s.screen).toMatchObject({ kind: 'leaving', back: 'summary' });
    expect(leftStateLines(s)[0]).toMatch(/carries the immutableId .*: the next sync will hard-match it\.$/);
  });

  it('fix --yes never stops on it: auto-approval quits from the leaving screen', async () => {
    const { autoApprove } = await import('../../src/core/wizard/auto-approve.js');
    const s = finish(afterStepOne());
    expect(autoApprove(s).exit).not.toBeNull();
  });
});
