// setup's keys behave as the wizard's: Esc on the first question leaves (nothing saved), `?` opens
// the help on any question and Esc closes it without moving, PgUp/PgDn and Shift+↑↓ scroll what
// does not fit (never typed, never moving a choice) and the next view starts at the top.
import { describe, expect, it } from 'vitest';
import { char, key } from '../../src/core/wizard/keys.js';
import { QUESTIONS } from '../../src/ui/setup/questions.js';
import { initialSetupState, setupReducer, type SetupDeps } from '../../src/ui/setup/setup-reducer.js';

const deps: SetupDeps = { questions: QUESTIONS, validate: () => null };

describe('setup keys', () => {
  it('Esc on the first question leaves without saving', () => {
    const s = setupReducer(
      initialSetupState(deps, { profile: 'p' }),
      { type: 'key', key: key('escape') },
      deps,
    );
    expect(s.stage).toBe('cancelled');
  });

  it('? opens the help instead of being typed; Esc closes it and stays on the question', () => {
    const first = initialSetupState(deps, { profile: 'p' });
    const help = setupReducer(first, { type: 'key', key: char('?') }, deps);
    expect(help.help).toBe(true);
    expect(help.text).toBe(first.text);
    const closed = setupReducer(help, { type: 'key', key: key('escape') }, deps);
    expect(closed.help).toBe(false);
    expect(closed.stage).toBe('ask');
    expect(closed.questionId).toBe(first.questionId);
  });

  it('PgDn/PgUp and Shift+↑↓ scroll within the measure, type nothing, and the next question starts at the top', () => {
    const first = initialSetupState(deps, { profile: 'p' });
    let s = setupReducer(first, { type: 'measured', page: 5, max: 12 }, deps);
    for (const k of ['pageDown', 'lineDown', 'pageDown', 'pageDown'] as const)
      s = setupReducer(s, { type: 'key', key: key(k) }, deps);
    expect(s.info?.offset).toBe(12);
    s = setupReducer(s, { type: 'key', key: key('pageUp') }, deps);
    expect(s.info?.offset).toBe(7);
    expect(s.text).toBe(first.text);
    const next = setupReducer(s, { type: 'key', key: key('enter') }, deps);
    expect(next.questionId).not.toBe(first.questionId);
    expect(next.info).toBeUndefined();
  });
});
