import { describe, expect, it } from 'vitest';
import { wizardReducer } from '../../src/core/wizard/reducer.js';
import { planChoices } from '../../src/core/wizard/choices.js';
import type { WizardEvent, WizardState } from '../../src/core/wizard/state.js';
import {
  adminRole,
  adminRoleRemoved,
  DELETED_UPN,
  matched,
  purgeStep,
  recycleBinLeftover,
  setIdStep,
  staleImmutableId,
} from './wizard-fixtures.js';
import { atFindings, keys, requestId, run, typed } from './wizard-driver.js';

const applied = (
  s: WizardState,
  outcome: Partial<Extract<WizardEvent, { type: 'applied' }>['outcome']> = {},
) =>
  wizardReducer(s, {
    type: 'applied',
    request: requestId(s),
    outcome: { action: 'SET_IMMUTABLE_ID', status: 'done', detail: 'immutableId set.', ...outcome },
  });

const synced = (s: WizardState, verdict: 'matched' | 'not-yet' | 'sync-failed' | 'timeout' = 'matched') =>
  wizardReducer(s, {
    type: 'synced',
    request: requestId(s),
    verdict: {
      verdict,
      detail: `verdict ${verdict}`,
      syncReport: [],
      after: verdict === 'matched' ? matched : null,
    },
  });

describe('stale immutableId walk', () => {
  it('confirms the write, applies it, syncs, verifies and exits 0', () => {
    let s = run(atFindings(staleImmutableId), keys('enter'));
    expect(s.screen.kind).toBe('plan');
    s = run(s, keys('enter'));
    expect(s.screen).toMatchObject({ kind: 'confirm', step: 0 });
    expect(s.request).toBeNull();
    s = run(s, keys('enter'));
    expect(s.screen.kind).toBe('applying');
    expect(s.request).toMatchObject({ kind: 'apply', step: setIdStep, diagnosis: staleImmutableId });
    s = applied(s, { undoCommand: 'syncmatch journal undo j1', journalId: 'j1' });
    expect(s.screen).toMatchObject({ kind: 'plan', choice: 0 });
    expect(planChoices(s)[0]?.label).toMatch(/step 2: Run a delta sync/);
    s = run(s, keys('enter'));
    expect(s.screen.kind).toBe('sync');
    expect(s.request).toMatchObject({ kind: 'sync' });
    s = wizardReducer(s, {
      type: 'syncProgress',
      request: requestId(s),
      progress: { phase: 'waiting', elapsedMs: 42_000, detail: 'waiting for the export' },
    });
    expect(s.screen).toMatchObject({ progress: { elapsedMs: 42_000 } });
    s = synced(s);
    expect(s.outcomes.map((o) => [o.action, o.status])).toEqual([
      ['SET_IMMUTABLE_ID', 'done'],
      ['TRIGGER_DELTA_SYNC', 'done'],
      ['VERIFY_MATCH', 'done'],
    ]);
    s = run(s, keys('enter'));
    expect(s.screen.kind).toBe('summary');
    expect(run(s, keys('enter')).exit).toBe(0);
  });

  it('backs out of a confirmation without asking for any write, by Escape, q or the Back choice', () => {
    const atConfirm = run(atFindings(staleImmutableId), keys('enter', 'enter'));
    for (const way of [keys('escape'), keys('q'), keys('down', 'enter'), keys('j', 'j', 'enter')]) {
      const s = run(atConfirm, way);
      expect(s.screen).toMatchObject({ kind: 'plan', notice: 'Nothing was written.' });
      expect(s.request).toBeNull();
    }
  });

  it('processes keys that arrive together in order: Down Down Enter picks the third plan choice', () => {
    const s = run(atFindings(staleImmutableId), keys('enter', 'down', 'down', 'enter'));
    expect(s.screen.kind).toBe('summary');
    expect(s.request).toBeNull();
  });

  it('stops the plan at a failed write: nothing else can be written, exit 1', () => {
    let s = run(atFindings(staleImmutableId), keys('enter', 'enter', 'enter'));
    s = applied(s, { status: 'failed', detail: 'Graph answered 403.' });
    expect(s.screen).toMatchObject({ kind: 'error', title: 'The write failed' });
    expect(s.walk.halted).toBe('failed');
    s = run(s, keys('escape'));
    expect(s.screen.kind).toBe('summary');
    expect(run(s, keys('enter')).exit).toBe(1);
  });

  it('stops at a stale object and offers to read again; a fresh plan may write again', () => {
    let s = run(atFindings(staleImmutableId), keys('enter', 'enter', 'enter'));
    s = applied(s, { status: 'skipped', stale: true, detail: 'The immutableId changed to X.' });
    expect(s.screen).toMatchObject({ kind: 'error', title: 'The user changed since the diagnosis' });
    const halted = run(s, keys('down', 'escape'));
    expect(halted.screen.kind).toBe('summary');
    expect(run(halted, keys('q')).exit).toBe(3);
    s = run(s, keys('enter'));
    expect(s.request).toMatchObject({ kind: 'diagnose', purpose: 'read' });
    s = wizardReducer(s, { type: 'diagnosed', request: requestId(s), diagnosis: staleImmutableId });
    expect(s.walk).toEqual({ next: 0, results: [], halted: null });
    expect(s.before).toBe(staleImmutableId);
  });

  it('stops waiting for the sync on Escape and records that', () => {
    let s = run(atFindings(staleImmutableId), keys('enter', 'enter', 'enter'));
    s = run(applied(s), keys('enter', 'escape'));
    expect(s.screen.kind).toBe('summary');
    expect(s.outcomes.at(-1)).toMatchObject({ action: 'TRIGGER_DELTA_SYNC', status: 'skipped' });
    expect(s.request).toBeNull();
  });

  it('reports a sync that did not match as problems left (3)', () => {
    let s = run(atFindings(staleImmutableId), keys('enter', 'enter', 'enter'));
    s = synced(run(applied(s), keys('enter')), 'timeout');
    expect(s.outcomes.at(-1)).toMatchObject({ action: 'VERIFY_MATCH', status: 'failed' });
    expect(run(s, keys('enter', 'enter')).exit).toBe(3);
  });
});

describe('irreversible purge', () => {
  const atConfirm = () => run(atFindings(recycleBinLeftover), keys('enter', 'enter'));

  it("requires the deleted object's id (or its first 8 characters); the UPN or less writes nothing", () => {
    let s = run(atConfirm(), keys('enter'));
    expect(s.screen).toMatchObject({ kind: 'confirm', mismatch: true });
    expect(s.request).toBeNull();
    s = run(s, typed(DELETED_UPN), keys('enter'));
    expect(s.request).toBeNull();
    s = run(s, keys('clearLine'), typed(purgeStep.objectId!.slice(0, 7)), keys('enter'));
    expect(s.request).toBeNull();
    s = run(s, keys('clearLine'), typed(purgeStep.objectId!.slice(0, 8).toUpperCase()), keys('enter'));
    expect(s.screen.kind).toBe('applying');
    expect(s.request).toMatchObject({ kind: 'apply', step: purgeStep });
  });

  it('treats q, j and k as text while typing, and Escape still backs out', () => {
    let s = run(atConfirm(), typed('qjk'));
    expect(s.screen).toMatchObject({ kind: 'confirm', typed: 'qjk' });
    s = run(s, keys('escape'));
    expect(s.screen).toMatchObject({ kind: 'plan', notice: 'Nothing was written.' });
    expect(s.request).toBeNull();
  });
});

describe('manual step', () => {
  const atManual = () => run(atFindings(adminRole), keys('enter', 'enter'));

  it('keeps the plan at the manual step until a check shows it done', () => {
    let s = atManual();
    expect(s.screen).toMatchObject({ kind: 'manual', step: 0 });
    s = run(s, keys('escape'));
    expect(planChoices(s)[0]?.label).toMatch(/step 1: Remove the Global Administrator/);
    s = run(s, keys('enter', 'enter'));
    expect(s.request).toMatchObject({ kind: 'diagnose', purpose: 'check', identity: 'jdoe' });
    expect(s.screen).toMatchObject({ check: { status: 'checking' } });
    s = wizardReducer(s, { type: 'diagnosed', request: requestId(s), diagnosis: adminRole });
    expect(s.screen).toMatchObject({ kind: 'manual', check: { status: 'still' } });
    expect(s.outcomes).toEqual([]);
  });

  it('adopts the new reading and its plan once the blocking finding is gone', () => {
    let s = run(atManual(), keys('enter'));
    s = wizardReducer(s, { type: 'diagnosed', request: requestId(s), diagnosis: adminRoleRemoved });
    expect(s.screen).toMatchObject({ kind: 'plan' });
    expect(s.screen.kind === 'plan' && s.screen.notice).toMatch(/ADMIN_ROLE_BLOCKS_MATCH no longer found/);
    expect(s.diagnosis).toBe(adminRoleRemoved);
    expect(s.before).toBe(adminRole);
    expect(s.outcomes).toEqual([expect.objectContaining({ action: 'MANUAL', status: 'done' })]);
    expect(planChoices(s)[0]?.label).toMatch(/step 1: Run a delta sync/);
  });

  it('says so when the check itself failed, and stays', () => {
    let s = run(atManual(), keys('enter'));
    s = wizardReducer(s, {
      type: 'diagnoseFailed',
      request: requestId(s),
      error: { message: 'Graph timed out.' },
    });
    expect(s.screen).toMatchObject({
      kind: 'manual',
      check: { status: 'failed', detail: 'Graph timed out.' },
    });
  });
});

describe('read-only mode', () => {
  it('hides write steps: the walk starts at the sync and no write can be requested', () => {
    let s = run(atFindings(staleImmutableId, { readOnly: true }), keys('enter'));
    expect(planChoices(s)[0]?.label).toMatch(/step 1: Run a delta sync/);
    s = run(s, keys('enter'));
    expect(s.request).toMatchObject({ kind: 'sync' });
  });
});

describe('no write without a confirmation', () => {
  it('never requests a write for any sequence of keys that avoids Enter on a confirmation', () => {
    // Every short key sequence from the findings screen: a write request may only follow Enter
    // pressed on a confirm screen.
    const alphabet = keys('up', 'down', 'enter', 'escape', 'q', 'r', '?');
    const seen = new Set<string>();
    const walk = (s: WizardState, depth: number): void => {
      if (depth === 0 || s.exit !== null) return;
      for (const e of alphabet) {
        const next = wizardReducer(s, e);
        if (next.request?.kind === 'apply' && next.request !== s.request) {
          expect(s.screen.kind).toBe('confirm');
          expect(e).toEqual({ type: 'key', key: { kind: 'enter' } });
        }
        const id = JSON.stringify([next.screen, next.help]);
        if (!seen.has(id)) {
          seen.add(id);
          walk(next, depth - 1);
        }
      }
    };
    walk(atFindings(staleImmutableId), 6);
    expect(seen.size).toBeGreaterThan(10);
  });
});
