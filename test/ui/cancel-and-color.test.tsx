import { afterEach, describe, expect, it, vi } from 'vitest';
import { staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

// Colour must be observable for the NO_COLOR check to mean anything: chalk reads this at import.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

afterEach(unmountAll);

// SGR colour codes: 30–37, 90–97 (foreground), 40–47, 100–107 (background), 38;…/48;… (extended).
// eslint-disable-next-line no-control-regex
const COLOUR = /\u001B\[(3[0-8]|9[0-7]|4[0-8]|10[0-7])[;m]/;

describe('Ctrl-C', () => {
  it('cancels a reading with 130 and aborts it', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId], hold: { diagnose: true } });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.ctrlC);
    await ui.settle();
    expect(ui.exitCode()).toBe(130);
    expect(fake.aborted).toBe(1);
  });

  it('cancels from a confirmation with 130 and writes nothing', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId] });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, KEY.ctrlC);
    await ui.settle();
    expect(ui.exitCode()).toBe(130);
    expect(fake.applied).toEqual([]);
  });
});

describe('colour', () => {
  it('uses colour when allowed', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [staleImmutableId] }), {
      identity: 'jdoe',
      color: true,
    });
    await ui.press('r');
    expect(ui.frame()).toMatch(COLOUR);
  });

  it('uses none with NO_COLOR, and still marks every difference and severity with a symbol', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [staleImmutableId] }), {
      identity: 'jdoe',
      color: false,
    });
    const screens = [ui.frame()];
    await ui.press('r');
    screens.push(ui.frame());
    await ui.press('r', KEY.enter);
    screens.push(ui.frame());
    await ui.press(KEY.enter);
    screens.push(ui.frame());
    for (const frame of screens) expect(frame).not.toMatch(COLOUR);
    expect(screens[0]).toContain('✗ error');
    expect(screens[1]).toMatch(/≠ immutableId/);
    expect(screens[3]).toContain('≠ changed');
  });
});
