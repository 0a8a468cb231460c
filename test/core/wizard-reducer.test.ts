import { describe, expect, it } from 'vitest';
import { initialWizardState } from '../../src/core/wizard/init.js';
import { wizardReducer } from '../../src/core/wizard/reducer.js';
import { adminRole, matched, staleImmutableId } from './wizard-fixtures.js';
import { atFindings, config, keys, requestId, run, typed } from './wizard-driver.js';

describe('wizard start', () => {
  it('reads the journal for unfinished writes before anything else', () => {
    const s = initialWizardState(config);
    expect(s.screen.kind).toBe('starting');
    expect(s.request).toMatchObject({ kind: 'unfinishedWrites' });
  });

  it('shows unfinished writes and waits for Enter before the identity prompt', () => {
    let s = initialWizardState({ ...config, suggestedIdentity: 'jdoe' });
    s = wizardReducer(s, {
      type: 'unfinishedWrites',
      request: requestId(s),
      lines: ['SET_IMMUTABLE_ID on x: result unknown'],
    });
    expect(s.screen.kind).toBe('warnings');
    s = run(s, keys('enter'));
    expect(s.screen).toMatchObject({ kind: 'identity', text: 'jdoe' });
    expect(s.warnings).toHaveLength(1);
  });

  it('goes straight to reading when the identity was given', () => {
    let s = initialWizardState({ ...config, identity: 'jdoe' });
    s = wizardReducer(s, { type: 'unfinishedWrites', request: requestId(s), lines: [] });
    expect(s.screen.kind).toBe('reading');
    expect(s.request).toMatchObject({ kind: 'diagnose', identity: 'jdoe', purpose: 'read' });
  });
});

describe('identity prompt', () => {
  const prompt = () => {
    const s = initialWizardState(config);
    return wizardReducer(s, { type: 'unfinishedWrites', request: requestId(s), lines: [] });
  };

  it('takes typed text, q and j included, and edits it with backspace', () => {
    const s = run(prompt(), typed('jqk'), keys('backspace'), typed('x'));
    expect(s.screen).toMatchObject({ kind: 'identity', text: 'jqx' });
    expect(s.request).toBeNull();
  });

  it('refuses an identity it cannot classify, with the reason, and reads nothing', () => {
    const s = run(prompt(), typed('a b'), keys('enter'));
    expect(s.screen.kind).toBe('identity');
    expect(s.screen.kind === 'identity' && s.screen.error?.message).toMatch(/not a sAMAccountName/);
    expect(s.request).toBeNull();
  });

  it('quits with 130 on Escape when nothing was read', () => {
    expect(run(prompt(), keys('escape')).exit).toBe(130);
  });
});

describe('reading', () => {
  it('fills the checklist from progress events and ignores answers to abandoned readings', () => {
    let s = initialWizardState({ ...config, identity: 'jdoe' });
    s = wizardReducer(s, { type: 'unfinishedWrites', request: requestId(s), lines: [] });
    const first = requestId(s);
    s = wizardReducer(s, {
      type: 'readProgress',
      request: first,
      progress: { step: 'adUser', status: 'done', detail: 'CN=John Doe' },
    });
    expect(s.screen.kind === 'reading' && s.screen.lines.adUser).toEqual({
      status: 'done',
      detail: 'CN=John Doe',
    });
    s = run(s, keys('escape'));
    expect(s.screen.kind).toBe('identity');
    expect(s.request).toBeNull();
    s = wizardReducer(s, { type: 'diagnosed', request: first, diagnosis: staleImmutableId });
    expect(s.screen.kind).toBe('identity');
    expect(s.diagnosis).toBeNull();
  });

  it('stays on the checklist when a step failed, so its advice can be read', () => {
    let s = initialWizardState({ ...config, identity: 'jdoe' });
    s = wizardReducer(s, { type: 'unfinishedWrites', request: requestId(s), lines: [] });
    const id = requestId(s);
    s = wizardReducer(s, {
      type: 'readProgress',
      request: id,
      progress: {
        step: 'tenantSwitches',
        status: 'failed',
        detail: '403: needs OnPremDirectorySynchronization.Read.All',
      },
    });
    s = wizardReducer(s, { type: 'diagnosed', request: id, diagnosis: staleImmutableId });
    expect(s.screen).toMatchObject({ kind: 'reading', finished: true });
    expect(run(s, keys('enter')).screen.kind).toBe('findings');
  });

  it('shows a failed reading as an error and exits 1 when the user quits', () => {
    let s = initialWizardState({ ...config, identity: 'jdoe' });
    s = wizardReducer(s, { type: 'unfinishedWrites', request: requestId(s), lines: [] });
    s = wizardReducer(s, {
      type: 'diagnoseFailed',
      request: requestId(s),
      error: { message: 'LDAP refused', hint: 'Check TLS' },
    });
    expect(s.screen).toMatchObject({ kind: 'error', title: 'The reading failed' });
    const retried = run(s, keys('enter'));
    expect(retried.request).toMatchObject({ kind: 'diagnose', identity: 'jdoe' });
    expect(run(s, keys('down', 'down', 'enter')).exit).toBe(1);
  });
});

describe('findings', () => {
  it('moves between findings, clamped, and toggles the raw values with r', () => {
    let s = run(atFindings(staleImmutableId), keys('down', 'down', 'down'));
    expect(s.screen).toMatchObject({ kind: 'findings', cursor: 1, raw: false });
    s = run(s, keys('r'));
    expect(s.screen).toMatchObject({ raw: true });
    s = run(s, keys('escape'));
    expect(s.screen).toMatchObject({ kind: 'findings', raw: false });
  });

  it('backs out to the identity prompt, and leaving from there says problems are left (3)', () => {
    const s = run(atFindings(staleImmutableId), keys('q'));
    expect(s.screen).toMatchObject({ kind: 'identity', text: 'jdoe' });
    expect(run(s, keys('escape')).exit).toBe(3);
  });

  it('exits 0 for a user that is already matched', () => {
    expect(run(atFindings(matched), keys('q', 'escape')).exit).toBe(0);
  });
});

describe('help and cancel', () => {
  it('? opens help on any screen; keys do nothing until it is closed', () => {
    let s = run(atFindings(staleImmutableId), keys('?'));
    expect(s.help).toBe(true);
    s = run(s, keys('down', 'r', 'j'));
    expect(s.screen).toMatchObject({ kind: 'findings', cursor: 0, raw: false });
    s = run(s, keys('escape'));
    expect(s.help).toBe(false);
    expect(s.screen.kind).toBe('findings');
  });

  it('Ctrl-C ends the run with 130 from any screen and nothing happens after it', () => {
    const s = run(atFindings(adminRole), keys('enter', 'ctrlC'));
    expect(s.exit).toBe(130);
    expect(s.request).toBeNull();
    expect(run(s, keys('enter'))).toBe(s);
  });
});
