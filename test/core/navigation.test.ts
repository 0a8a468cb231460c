// Navigation: Escape on the identity prompt goes back to the lab picker when there is one; after a
// summary, another user (same session) or another scenario (the picker); hints quote commands the
// way the run was started and keep --lab.
import { describe, expect, it } from 'vitest';
import { rewriteCommands, rewriteCommandsDeep } from '../../src/core/command-hints.js';
import { initialWizardState } from '../../src/core/wizard/init.js';
import { footerKeys } from '../../src/core/wizard/keymap.js';
import { summaryChoices } from '../../src/core/wizard/navigation.js';
import { wizardReducer } from '../../src/core/wizard/reducer.js';
import type { WizardConfig } from '../../src/core/wizard/state.js';
import { summaryScreen } from '../../src/core/wizard/transitions.js';
import { staleImmutableId } from './wizard-fixtures.js';
import { config, keys, requestId, run } from './wizard-driver.js';

const prompt = (c: WizardConfig) => {
  const s = initialWizardState(c);
  return wizardReducer(s, { type: 'unfinishedWrites', request: requestId(s), lines: [] });
};

describe('Escape on the identity prompt', () => {
  it('goes back to the picker the scenario was chosen in', () => {
    const s = run(prompt({ ...config, picker: true }), keys('escape'));
    expect(s.leaveTo).toBe('picker');
    expect(s.exit).not.toBeNull();
    expect(footerKeys(prompt({ ...config, picker: true }))).toContainEqual(['Esc', 'scenarios']);
  });

  it('quits when there is no picker', () => {
    const s = run(prompt(config), keys('escape'));
    expect(s.leaveTo).toBeUndefined();
    expect(s.exit).not.toBeNull();
  });
});

describe('after the summary', () => {
  const atSummary = (c: WizardConfig) =>
    summaryScreen({ ...prompt(c), identity: 'jdoe', diagnosis: staleImmutableId, before: staleImmutableId });

  it('offers another scenario only in a lab opened from the picker', () => {
    expect(summaryChoices(atSummary(config)).map((c) => c.id)).toEqual(['quit', 'anotherUser']);
    expect(summaryChoices(atSummary({ ...config, picker: true })).map((c) => c.id)).toEqual([
      'quit',
      'anotherUser',
      'anotherScenario',
    ]);
  });

  it('Enter still quits by default', () => {
    const s = run(atSummary(config), keys('enter'));
    expect(s.exit).not.toBeNull();
    expect(s.leaveTo).toBeUndefined();
  });

  it('"Another user" opens an empty identity prompt in the same session, the walk forgotten', () => {
    const s = run(atSummary({ ...config, identity: 'jdoe', picker: true }), keys('down', 'enter'));
    expect(s.exit).toBeNull();
    expect(s.screen).toEqual({ kind: 'identity', text: '', error: null });
    expect(s.diagnosis).toBeNull();
    expect(s.before).toBeNull();
    expect(s.outcomes).toEqual([]);
    expect(s.config.picker).toBe(true);
  });

  it('"Another scenario" leaves for the picker', () => {
    const s = run(atSummary({ ...config, picker: true }), keys('down', 'down', 'enter'));
    expect(s.leaveTo).toBe('picker');
    expect(s.exit).not.toBeNull();
  });
});

describe('hints quote commands that work as typed', () => {
  it('uses the prefix the run was started with, and keeps --lab where the command needs it', () => {
    const how = { prefix: 'npm start --', lab: 'stale-immutable-id' };
    expect(rewriteCommands("run 'syncmatch sync --wait jdoe' later", how)).toBe(
      "run 'npm start -- sync --lab stale-immutable-id --wait jdoe' later",
    );
    expect(rewriteCommands('Next: syncmatch setup --check', how)).toBe('Next: npm start -- setup --check');
    expect(rewriteCommands('syncmatch diagnose x --lab other', how)).toBe(
      'npm start -- diagnose x --lab other',
    );
    expect(rewriteCommands('syncmatch --profile acme journal undo j1', { prefix: 'npx syncmatch' })).toBe(
      'npx syncmatch --profile acme journal undo j1',
    );
    expect(rewriteCommands('syncmatch never stores a secret', how)).toBe('syncmatch never stores a secret');
  });

  it('rewrites every string of the state the screens show, leaving the rest alone', () => {
    const value = { a: ["run 'syncmatch journal' first"], b: 3, c: { d: 'nothing' } };
    const out = rewriteCommandsDeep(value, { prefix: 'npx syncmatch' });
    expect(out.a[0]).toBe("run 'npx syncmatch journal' first");
    expect(out.c).toBe(value.c);
    expect(rewriteCommandsDeep(value, { prefix: 'syncmatch' })).toBe(value);
  });
});
