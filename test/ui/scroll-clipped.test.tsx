// Every line a small terminal clips is reachable by keyboard: at 60×20 the purge's typed
// confirmation (recycle-bin-leftover, the most text a confirm has), a MANUAL step (admin-role) and
// the summary after an undo (federated-domain) scroll with PgDn/PgUp and Shift+↑↓. Each frame shows exactly a slice of what a 200-row terminal
// shows of the same screen, its marks count the lines above and below that slice, the actions stay
// whole under it, the frames together show every line, and the purge still needs its typed id
// after scrolling (nothing is written before it).
import { describe, expect, it } from 'vitest';
import type { PlanStep } from '../../src/core/plan-types.js';
import { labServices } from '../lab/lab-test-file.js';
import { KEY, renderWizardApp } from './harness.js';
import { labWizardFile, until, type Ui } from './lab-wizard.js';

const lab = labWizardFile('syncmatch-scroll-');
const PAGE_DOWN = '\u001B[6~';
const PAGE_UP = '\u001B[5~';
const SHIFT_DOWN = '\u001B[1;2B';
const SHIFT_UP = '\u001B[1;2A';

interface Parts {
  /** The information lines on screen, without the marks. */
  info: string[];
  above: number;
  below: number;
  /** The actions: from their first line to the blank line before the footer. */
  actions: string[];
}

/** A frame split at the title (the information starts after it and a blank line) and the actions. */
function parts(frame: string, actionsStart: RegExp): Parts {
  // Journal ids differ from one run to the next.
  const lines = frame.split('\n').map((l) => l.trimEnd().replace(/\b\d{6}-\d{6}-[0-9a-z]{4}\b/g, '<id>'));
  const title = lines.findIndex((l) => /^\d\/6 /.test(l));
  const at = lines.findIndex((l, i) => i > title && actionsStart.test(l));
  expect(at, frame).toBeGreaterThan(title);
  const end = lines.indexOf('', at);
  let info = lines.slice(title + 2, at - 1);
  const up = /^↑ (\d+) above \(PgUp\)$/.exec(info[0] ?? '');
  if (up) info = info.slice(1);
  const down = /^↓ (\d+) more lines? \(PgDn\)$/.exec(info.at(-1) ?? '');
  if (down) info = info.slice(0, -1);
  return {
    info,
    above: up ? Number(up[1]) : 0,
    below: down ? Number(down[1]) : 0,
    actions: lines.slice(at, end < 0 ? undefined : end),
  };
}

interface Scenario {
  name: string;
  /** Keys (each followed by a wait for the text) from the findings to the screen. */
  walk: Array<[key: string, until: string | RegExp]>;
  actionsStart: RegExp;
}

const PURGE: Scenario = {
  name: 'recycle-bin-leftover',
  walk: [
    [KEY.enter, '4/6 Plan'],
    [KEY.enter, 'and press Enter to delete it for good'],
  ],
  actionsStart: /^Type [0-9a-f]{8}-/,
};

const MANUAL: Scenario = {
  name: 'admin-role',
  walk: [
    [KEY.enter, '4/6 Plan'],
    [KEY.enter, '4/6 A step for you'],
  ],
  actionsStart: /^› Check again/,
};

const UNDONE_SUMMARY: Scenario = {
  name: 'federated-domain',
  walk: [
    [KEY.enter, '4/6 Plan'],
    [KEY.enter, '4/6 Confirm a change'],
    [KEY.enter, 'Review step 2'],
    ['j', 'Review step 2'],
    ['j', /› Finish here/],
    [KEY.enter, 'half-applied'],
    [KEY.enter, 'Undo this write'],
    [KEY.enter, '6/6 Summary'],
  ],
  actionsStart: /^Journal: /,
};

async function open(scenario: Scenario, rows: number) {
  const env = await lab.open(scenario.name, {});
  const services = labServices(env);
  const applied: PlanStep[] = [];
  const ui = await renderWizardApp(
    {
      ...services,
      applyStep: async (step, ...rest) => {
        applied.push(step);
        return services.applyStep(step, ...rest);
      },
    },
    { identity: 'jdoe', size: { columns: 60, rows } },
  );
  await until(ui, '3/6 Findings');
  for (const [key, text] of scenario.walk) {
    await ui.press(key);
    await until(ui, text);
  }
  await settled(ui);
  return { ui, applied };
}

/** Lets the layout measure itself and the wizard take the measure (a render or two). */
async function settled(ui: Ui) {
  for (let i = 0; i < 4; i++) {
    await ui.settle();
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function press(ui: Ui, key: string) {
  await ui.press(key);
  await settled(ui);
}

/** The frame's information is exactly lines [above, above + shown) of the tall one, marks right. */
function expectSlice(small: Parts, tall: Parts, frame: string) {
  expect(small.above + small.info.length + small.below, frame).toBe(tall.info.length);
  expect(small.info, frame).toEqual(tall.info.slice(small.above, small.above + small.info.length));
  expect(small.actions, frame).toEqual(tall.actions);
}

async function scrollThrough(scenario: Scenario) {
  const tallUi = await open(scenario, 200);
  const tall = parts(tallUi.ui.frame(), scenario.actionsStart);
  expect(tall.above + tall.below).toBe(0);
  const { ui, applied } = await open(scenario, 20);
  // Scrolling writes nothing.
  const written = applied.length;
  const seen = new Set<string>();
  const check = () => {
    const p = parts(ui.frame(), scenario.actionsStart);
    expectSlice(p, tall, ui.frame());
    p.info.forEach((line, i) => seen.add(`${p.above + i}:${line}`));
    return p;
  };
  // At the top: nothing above, the rest below (the screen is clipped at 60×20).
  let p = check();
  expect(p.above).toBe(0);
  expect(p.below).toBeGreaterThan(0);
  // A page down at a time to the bottom, each page overlapping the last by a line.
  for (let i = 0; i < 20 && p.below > 0; i++) {
    const before = p;
    await press(ui, PAGE_DOWN);
    p = check();
    expect(p.above, ui.frame()).toBe(
      Math.min(before.above + before.info.length - 1, tall.info.length - p.info.length),
    );
  }
  expect(p.below).toBe(0);
  expect(p.above).toBeGreaterThan(0);
  // Every line of the tall screen was on some frame.
  expect(seen.size).toBe(tall.info.length);
  // Another PgDn stays at the bottom; a line up, then PgUp back to the top.
  await press(ui, PAGE_DOWN);
  expect(check().above).toBe(p.above);
  await press(ui, SHIFT_UP);
  expect(check().above).toBe(p.above - 1);
  await press(ui, SHIFT_DOWN);
  expect(check().above).toBe(p.above);
  for (let i = 0; i < 20 && check().above > 0; i++) await press(ui, PAGE_UP);
  p = check();
  expect(p.above).toBe(0);
  // In the middle both marks show, and still count right.
  await press(ui, SHIFT_DOWN);
  p = check();
  expect([p.above, p.below > 0]).toEqual([1, true]);
  expect(applied.length).toBe(written);
  return { ui, applied, tall };
}

describe('the clipped information scrolls at 60×20', { timeout: 60_000 }, () => {
  it('recycle-bin-leftover: the purge confirm, every line reachable, then the typed id still needed', async () => {
    const { ui, applied } = await scrollThrough(PURGE);
    // Scrolled to the middle, the confirmation still takes the typed id and nothing else.
    await press(ui, PAGE_DOWN);
    await press(ui, KEY.enter);
    await until(ui, 'That is not');
    expect(applied).toEqual([]);
    const id = /Type ([0-9a-f-]{36})/.exec(ui.text())![1]!;
    await ui.type(id.slice(0, 8));
    expect(applied).toEqual([]);
    await ui.press(KEY.enter);
    await until(ui, /Step 1 done/);
    expect(applied.map((s) => s.action)).toEqual(['PURGE_DELETED_USER']);
  });

  it('admin-role: the MANUAL step’s instructions, every line reachable, the menu kept', async () => {
    const { ui, applied } = await scrollThrough(MANUAL);
    await press(ui, PAGE_DOWN);
    await press(ui, KEY.down);
    expect(ui.frame()).toMatch(/› Do it in the lab/);
    expect(applied).toEqual([]);
  });

  it('federated-domain: the summary after an undo, every line reachable, the journal and choices kept', async () => {
    const { ui } = await scrollThrough(UNDONE_SUMMARY);
    await press(ui, PAGE_DOWN);
    await press(ui, KEY.down);
    expect(ui.frame()).toMatch(/› Another user/);
  });
});
