// The hostile values as attribute values (issue 8): the lab fixture's users, diagnosed for real
// (in-memory AD, the Graph simulator through the Graph adapter, the rules), rendered by the
// wizard's screens at 80×24. A displayName can hold ESC sequences (clear the screen, rewrite the
// clipboard with OSC 52), a carriage return, direction overrides, zero-width characters or 10 000
// characters: every screen must stay inside the terminal and show such characters as visible
// escapes, never send them to the terminal.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeServices } from '../ui/fake-services.js';
import { expectFits, KEY, renderWizardApp, unmountAll } from '../ui/harness.js';
import { OBJECTS, type ObjectKey } from './corpus.js';
import { openRig, type Rig } from './rig.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'hostile-values.json');

// What must never reach the terminal from a value (colour is off here, so no ESC at all).
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

function expectSafe(frame: string): void {
  expectFits(frame);
  const bad = RAW.exec(frame);
  expect(bad, bad ? `U+${bad[0].charCodeAt(0).toString(16)} reached the terminal:\n${frame}` : '').toBeNull();
}

let rig: Rig;
beforeAll(async () => {
  rig = await openRig(FIXTURE);
});
afterAll(() => rig.close());
afterEach(unmountAll);

const USERS: ObjectKey[] = ['ctl', 'long', 'star', 'zoeNfc', 'zoeNfd', 'obrien', 'john', 'caseUpper'];

describe('inputs: screens (findings, raw values, plan) for hostile attribute values', () => {
  it.each(USERS)('%s', async (key) => {
    const identity = OBJECTS[key].guid;
    const d = await rig.services.diagnose(identity, () => {});
    expect(d.onPrem?.objectGuid).toBe(identity);
    const ui = await renderWizardApp(fakeServices({ diagnoses: [d] }), { identity });
    await ui.settle();
    expect(ui.frame()).toContain('3/6 Findings');
    expectSafe(ui.frame());
    // Every finding's explanation and evidence.
    for (let i = 1; i < d.findings.length; i++) {
      await ui.press(KEY.down);
      expectSafe(ui.frame());
    }
    await ui.press('r');
    expect(ui.frame()).toMatch(/AD \(on-premises\) +cloud target/);
    expectSafe(ui.frame());
    await ui.press('r', KEY.enter);
    expect(ui.frame()).toContain('4/6 Plan');
    expectSafe(ui.frame());
    // The first step's review (a typed confirmation for a purge).
    await ui.press(KEY.enter);
    expectSafe(ui.frame());
  });

  it('the control characters are shown as escapes, not dropped: the raw values name them', async () => {
    const d = await rig.services.diagnose(OBJECTS.ctl.guid, () => {});
    const ui = await renderWizardApp(fakeServices({ diagnoses: [d] }), { identity: OBJECTS.ctl.guid });
    await ui.settle();
    await ui.press('r');
    const frame = ui.frame();
    for (const shown of ['\\u202eevil\\u001b[2J', 'Ctl\\u000dChars\\u0009\\u200b', 'ctl\\u001b[31mchars'])
      expect(frame).toContain(shown);
  });

  it.each([
    ['an ambiguous address', 'DUP.CASE@lab.example'],
    ['a filter injection, not found', 'x*)(|(mail=*)@lab.example'],
  ])('%s: the findings screen', async (_name, identity) => {
    const d = await rig.services.diagnose(identity, () => {});
    const ui = await renderWizardApp(fakeServices({ diagnoses: [d] }), { identity });
    await ui.settle();
    expect(ui.frame()).toContain('3/6 Findings');
    expectSafe(ui.frame());
    await ui.press('r');
    expectSafe(ui.frame());
  });
});
