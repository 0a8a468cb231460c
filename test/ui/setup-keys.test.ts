// setup's keys behave as the wizard's: Esc on the first question leaves (nothing saved), `?` opens
// the help on any question and Esc closes it without moving.
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
});
