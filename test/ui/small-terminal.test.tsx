import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import { matched, purgeStep, recycleBinLeftover, staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

const long = (n: number) =>
  Array.from({ length: n }, (_, i) => `Sentence ${i + 1} of a long explanation.`).join(' ');

/** A purge whose explanation alone is taller than the terminal. */
const verbosePurge: Diagnosis = {
  ...recycleBinLeftover,
  findings: recycleBinLeftover.findings.map((f) => ({ ...f, message: long(40) })),
  plan: [
    { ...purgeStep, description: `${purgeStep.description}. ${long(4)}` },
    ...recycleBinLeftover.plan.slice(1),
  ],
};

describe('content taller than an 80×24 terminal', () => {
  it('clips the explanation but never the warning, the typed confirmation or the keys', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [verbosePurge] }), { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, 'x', KEY.enter);
    const frame = ui.frame();
    expect(frame).toContain('syncmatch · lab: test · jdoe');
    expect(frame).toMatch(/Undo: +✗ CANNOT be undone/);
    expect(frame).toContain('> x');
    expect(ui.text()).toContain('✗ That is not');
    expect(frame).toContain('Esc back, write nothing');
    expect(frame).not.toContain('Sentence 40');
  });

  it('keeps table rows intact when a multi-line sync report does not fit', async () => {
    const report = [
      'Result\n------\nSuccess',
      ...Array.from({ length: 12 }, (_, i) => `Export line ${i + 1}: ${long(2)}`),
    ];
    const ui = await renderWizardApp(
      fakeServices({
        diagnoses: [staleImmutableId],
        verdict: { verdict: 'matched', detail: long(3), syncReport: report, after: matched },
      }),
      { identity: 'jdoe' },
    );
    await ui.press(KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    const lines = ui.frame().split('\n');
    expect(lines.find((l) => l.includes('onPremisesSyncEnabled'))).toMatch(
      /^≠ onPremisesSyncEnabled +null +true$/,
    );
    expect(lines.find((l) => l.includes('immutableId'))).toMatch(
      /^≠ immutableId +1wfM9xV8fUSHbcAbDlqeOA== +yYuRNW0Z6kCXeYidebdT8A==$/,
    );
    expect(ui.frame()).toContain('Export line 9:');
    expect(ui.frame()).not.toContain('Export line 8:');
    expect(ui.frame()).not.toContain('------');
    expect(ui.frame()).toContain('› Show the summary');
  });
});
