// Every screen at 60×20, 80×24 and 200×50 (ink-testing-library): the wizard's screens walked
// through the real lab adapters (stale immutableId: identity, findings, raw values, plan, confirm
// with its PowerShell and help, sync, summary, ticket; a recycle-bin purge's typed confirmation;
// a MANUAL step with its PowerShell; the confirm, help, summary, purge and MANUAL step scrolled
// with PgDn where they are clipped), the screens a lab run passes too fast to see (reading, the
// sync's wait, an error, unfinished writes, a findings box taller than the room), the lab picker
// and setup's first question and help. Each screen is rendered twice, at the size and in a
// terminal of the same width 200 rows tall, and must hold the properties in layout-checks.ts: no
// line wider than the terminal, no stray space, no long value broken mid-token, and a "more" mark
// wherever the small screen leaves out a line the tall one shows.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { act, type ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WizardServices } from '../../src/app/services.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import { UserFacingError } from '../../src/core/errors.js';
import type { Clock } from '../../src/ports.js';
import { Picker } from '../../src/ui/lab-picker.js';
import { SetupWizard } from '../../src/ui/setup/setup-wizard.js';
import { ColorContext } from '../../src/ui/theme.js';
import { WizardApp } from '../../src/ui/wizard-app.js';
import { recycleBinLeftover, staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices, type FakeOptions } from './fake-services.js';
import { layoutProblems, longValues, MORE, silentCuts } from './layout-checks.js';

const SIZES = [
  [60, 20],
  [80, 24],
  [200, 50],
] as const;
const TALL = 200;
const KEY = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  end: '\u001B[F',
};
const instant: Clock = { now: () => new Date(), sleep: async () => {} };

let dir = '';
const envs: LabEnvironment[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-sizes-'));
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, 'lab.jsonl');
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

interface Mounted {
  frame: () => string;
  press: (...chunks: string[]) => Promise<void>;
  until: (pattern: string | RegExp) => Promise<string>;
  unmount: () => Promise<void>;
}

/** Renders `node` in a fake terminal of this size (set before the first layout is used). */
async function mount(node: ReactElement, columns: number, rows: number): Promise<Mounted> {
  let r: ReturnType<typeof render> | undefined;
  await act(async () => {
    r = render(<ColorContext.Provider value={false}>{node}</ColorContext.Provider>);
  });
  const rendered = r!;
  Object.defineProperty(rendered.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(rendered.stdout, 'rows', { value: rows, configurable: true });
  await act(async () => void rendered.stdout.emit('resize'));
  const frame = () => rendered.lastFrame() ?? '';
  return {
    frame,
    press: async (...chunks) => {
      for (const chunk of chunks) await act(async () => void rendered.stdin.write(chunk));
    },
    until: async (pattern) => {
      for (let i = 0; i < 400; i++) {
        // Let effects run and the layout's "more" mark settle (it is measured after a layout).
        await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
        const text = frame().replace(/\s+/g, ' ');
        if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) {
          await act(async () => new Promise((resolve) => setTimeout(resolve, 30)));
          return frame();
        }
      }
      throw new Error(`never showed ${String(pattern)} at ${columns}×${rows}; last frame:\n${frame()}`);
    },
    unmount: async () => act(async () => rendered.unmount()),
  };
}

/** A step of a walk: keys to send, then what the screen must show before it is captured. */
type Step = [name: string, keys: string[], until: string | RegExp];

interface Walk {
  name: string;
  /** A fresh app (each size and height gets its own services) and the long values it may show. */
  open: () => Promise<{ node: ReactElement; tokens: () => string[] }>;
  steps: Step[];
}

async function runWalk(walk: Walk, columns: number, rows: number) {
  const { node, tokens } = await walk.open();
  const ui = await mount(node, columns, rows);
  const frames: Record<string, string> = {};
  try {
    for (const [name, keys, pattern] of walk.steps) {
      await ui.press(...keys);
      frames[name] = await ui.until(pattern);
    }
  } finally {
    await ui.unmount();
  }
  return { frames, tokens: tokens() };
}

function expectLayout(
  walk: Walk,
  columns: number,
  rows: number,
  small: Record<string, string>,
  tall: Record<string, string>,
  tokens: string[],
) {
  const problems: string[] = [];
  for (const [name] of walk.steps) {
    const frame = small[name]!;
    const lines = frame.split('\n').length;
    const where = `${walk.name} ${columns}×${rows} ${name}`;
    if (lines > rows) problems.push(`${where}: ${lines} lines on a ${rows}-row terminal`);
    for (const p of layoutProblems(frame, { columns, tokens })) problems.push(`${where}: ${p}`);
    const cut = silentCuts(frame, tall[name]!);
    if (cut.length > 0)
      problems.push(`${where}: cut without a "more" mark: ${JSON.stringify(cut.slice(0, 3))}`);
    if (problems.length > 0 && !problems.at(-1)!.includes('\n'))
      problems[problems.length - 1] += `\n${frame}`;
  }
  expect(problems).toEqual([]);
}

// --- the walks --------------------------------------------------------------------------------

/** The wizard on a lab scenario, through the real adapters; the diagnoses it read give the tokens. */
function labWizard(scenario: string): Walk['open'] {
  return async () => {
    const env = await openLabEnvironment(scenario, {});
    envs.push(env);
    const inner = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
    const seen: Diagnosis[] = [];
    const services: WizardServices = {
      ...inner,
      diagnose: async (...args) => {
        const d = await inner.diagnose(...args);
        seen.push(d);
        return d;
      },
    };
    return {
      node: <WizardApp services={services} onExit={() => {}} />,
      tokens: () => longValues(seen),
    };
  };
}

function fakeWizard(options: FakeOptions, identity?: string): Walk['open'] {
  return async () => ({
    node: <WizardApp services={fakeServices(options)} identity={identity} onExit={() => {}} />,
    tokens: () => longValues(options.diagnoses),
  });
}

const longText = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `Sentence ${i + 1} names CN=John Doe,OU=Staff,DC=corp,DC=contoso,DC=com and ${staleImmutableId.expectedImmutableId}.`,
  ).join(' ');

/** Findings whose explanation and evidence are taller than any of the sizes. */
const tallFindings: Diagnosis = {
  ...recycleBinLeftover,
  findings: recycleBinLeftover.findings.map((f) => ({
    ...f,
    message: longText(6),
    evidence: {
      ...f.evidence,
      ...Object.fromEntries(
        Array.from({ length: 14 }, (_, i) => [
          `holder${i + 1}`,
          `${i}-b1c2d3e4-0000-4000-8000-00000000000${i % 10}`,
        ]),
      ),
      nested: { objectGuid: '35918bc9-196d-40ea-9779-889d79b753f0', upn: 'jdoe@contoso.com' },
      list: [{ id: 'b1c2d3e4-0000-4000-8000-000000000001', upn: 'jdoe@contoso.com' }],
    },
  })),
};

const WIZARD_WALKS: Walk[] = [
  {
    name: 'stale-immutable-id',
    open: labWizard('stale-immutable-id'),
    steps: [
      ['identity', [], '1/6 Identity'],
      ['findings', [KEY.enter], '3/6 Findings'],
      ['raw values', ['r'], 'AD (on-premises)'],
      ['plan', ['r', KEY.enter], '4/6 Plan'],
      ['confirm', [KEY.enter], '4/6 Confirm a change'],
      // At 60×20 the block is below the fold (marked); the footer says it is on.
      ['confirm + PowerShell', ['p'], /p hide/],
      // Scrolled (PgDn): the marks say what is above and below, the choices stay.
      ['confirm + PowerShell scrolled', [KEY.pageDown, KEY.pageDown], /Apply this change/],
      ['help', [KEY.pageUp, KEY.pageUp, 'p', '?'], 'Help: 4/6 Confirm'],
      ['help scrolled', [KEY.pageDown], 'Esc/? close help'],
      ['step done', ['?', KEY.enter], 'Step 1 done'],
      ['sync', [KEY.enter], /✓ Matched|✗ /],
      ['summary', [KEY.enter], '6/6 Summary'],
      ['summary scrolled', [KEY.pageDown], '6/6 Summary'],
      ['ticket', ['t'], /Lines 1–\d+ of/],
      ['ticket scrolled', [KEY.pageDown], /Lines 11–\d+ of/],
    ],
  },
  {
    name: 'recycle-bin-leftover',
    open: labWizard('recycle-bin-leftover'),
    steps: [
      ['identity', [], '1/6 Identity'],
      ['findings', [KEY.enter], '3/6 Findings'],
      ['plan', [KEY.enter], '4/6 Plan'],
      ['typed confirmation', [KEY.enter], 'and press Enter to delete it for good'],
      ['typed confirmation scrolled', [KEY.pageDown], 'and press Enter to delete it for good'],
      // Still scrolled: the PowerShell's Graph URI breaks before the deleted object's id, not in it.
      ['typed + PowerShell', [KEY.tab], /Tab hide/],
      ['mismatch', ['not-the-id', KEY.enter], 'That is not'],
    ],
  },
  {
    // Issue 13's leaving and undo screens: Finish after the UPN move, then undo it.
    name: 'federated-domain, leaving half-done',
    open: labWizard('federated-domain'),
    steps: [
      ['identity', [], '1/6 Identity'],
      ['findings', [KEY.enter], '3/6 Findings'],
      ['plan', [KEY.enter], '4/6 Plan'],
      ['confirm', [KEY.enter], '4/6 Confirm a change'],
      ['step done', [KEY.enter], 'Review step 2'],
      ['finish chosen', ['j', 'j'], /› Finish here/],
      ['leaving', [KEY.enter], 'leaving with the plan half-applied'],
      ['undo preview', [KEY.enter], 'Undo this write'],
      // At 60×20 the menu and the undo list take every row: the summary's lines are marked below.
      ['undone', [KEY.enter], '6/6 Summary'],
    ],
  },
  {
    name: 'anchor-collision',
    open: labWizard('anchor-collision'),
    steps: [
      ['identity', [], '1/6 Identity'],
      ['findings', [KEY.enter], '3/6 Findings'],
      ['plan', [KEY.enter], '4/6 Plan'],
      ['manual', [KEY.enter], '4/6 A step for you'],
      ['manual + PowerShell', ['p'], /p hide/],
      ['manual + PowerShell scrolled', [KEY.pageDown], /p hide/],
    ],
  },
  {
    name: 'reading',
    open: fakeWizard({ diagnoses: [staleImmutableId], hold: { diagnose: true } }, 'jdoe'),
    steps: [['reading', [], '2/6 Reading']],
  },
  {
    name: 'sync waiting',
    open: fakeWizard(
      {
        diagnoses: [staleImmutableId],
        hold: { sync: true },
        syncProgress: [{ phase: 'cycle', elapsedMs: 65_000, detail: longText(1) }],
      },
      'jdoe',
    ),
    steps: [['sync waiting', [KEY.enter, KEY.enter, KEY.enter, KEY.enter], 'elapsed']],
  },
  {
    name: 'error',
    open: fakeWizard(
      {
        diagnoses: [staleImmutableId],
        diagnoseError: new UserFacingError(longText(2), 'LDAP_FAILED', `Check ${longText(1)}`, 1),
      },
      'jdoe',
    ),
    steps: [['error', [], 'Problem']],
  },
  {
    name: 'unfinished writes',
    open: fakeWizard({ diagnoses: [staleImmutableId], unfinished: [longText(1), longText(2)] }, 'jdoe'),
    steps: [['warnings', [], 'Unfinished writes']],
  },
  {
    name: 'tall findings',
    open: fakeWizard({ diagnoses: [tallFindings] }, 'jdoe'),
    steps: [
      ['findings box', [], '3/6 Findings'],
      ['findings box scrolled', [KEY.pageDown, KEY.pageDown], /↑ 2 above/],
    ],
  },
];

function scenarioList() {
  const folder = join(import.meta.dirname, '..', '..', 'assets', 'scenarios');
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const s = JSON.parse(readFileSync(join(folder, f), 'utf8')) as { name: string; description: string };
      return { name: s.name, description: s.description };
    });
}

const OTHER_WALKS: Walk[] = [
  {
    name: 'lab picker',
    open: async () => ({
      node: (
        <Picker
          scenarios={scenarioList()}
          note="Nothing is configured yet: these are the lab's scenarios (syncmatch setup configures a real directory and tenant)."
          onDone={() => {}}
        />
      ),
      tokens: () => [],
    }),
    steps: [
      ['picker', [], 'choose a scenario'],
      ['picker at the end', [KEY.end], 'upn-rename'],
    ],
  },
  {
    name: 'setup',
    open: async () => ({
      node: (
        <SetupWizard
          initial={{ profile: 'contoso-production-tenant-with-a-long-name' }}
          validate={() =>
            'That is not a server address: give ldaps://dc01.corp.contoso.com or ldap://dc01.corp.contoso.com with StartTLS.'
          }
          save={async () => ({ ok: true, path: '/home/tech/.config/syncmatch/config.json' })}
          summarize={() => []}
          onExit={() => {}}
        />
      ),
      tokens: () => ['ldaps://dc01.corp.contoso.com'],
    }),
    steps: [
      ['first question', [], 'syncmatch setup'],
      ['a refused answer', ['x', KEY.enter], 'That is not a server address'],
      ['help', ['?'], 'Help'],
    ],
  },
];

describe('every screen at 60×20, 80×24 and 200×50', { timeout: 180_000 }, () => {
  for (const walk of [...WIZARD_WALKS, ...OTHER_WALKS]) {
    it(`${walk.name}: fits, wraps at words, keeps values whole, marks what it leaves out`, async () => {
      for (const [columns, rows] of SIZES) {
        const small = await runWalk(walk, columns, rows);
        const tall = await runWalk(walk, columns, TALL);
        expectLayout(walk, columns, rows, small.frames, tall.frames, [...small.tokens, ...tall.tokens]);
      }
    });
  }
});

describe('the checks themselves', () => {
  it('find a stray space, a value broken mid-token, a line too wide and a silent cut', () => {
    const id = staleImmutableId.expectedImmutableId!;
    expect(layoutProblems('The cloud user\n carries an id', { columns: 60 })).toHaveLength(1);
    expect(
      layoutProblems(`Value ${id.slice(0, 10)}\n${id.slice(10)} here`, { columns: 60, tokens: [id] }),
    ).toHaveLength(1);
    expect(layoutProblems('x'.repeat(61), { columns: 60 })).toHaveLength(1);
    expect(silentCuts('a\nb', 'a\nb\nc')).toEqual(['c']);
    expect(silentCuts('a\n↓ 1 more line', 'a\nb')).toEqual([]);
    // Intended indentation: under a label's value, a list under its heading, a bullet's text.
    expect(
      layoutProblems('Check:   The cloud user still has\n         immutableId x', { columns: 60 }),
    ).toEqual([]);
    expect(layoutProblems('To undo\n  syncmatch journal undo j1', { columns: 60 })).toEqual([]);
    expect(layoutProblems('  1. Remove the role\n     in the portal', { columns: 60 })).toEqual([]);
    expect(
      layoutProblems('Summary\n    Findings        users\n  i ALREADY_MATCHED     6', { columns: 60 }),
    ).toEqual([]);
    expect(layoutProblems('The sync will change\n   nothing else', { columns: 60 })).toHaveLength(1);
    // Under a scroll mark the line a continuation aligns with is scrolled away.
    expect(layoutProblems('↑ 7 above (PgUp)\n         journal first.', { columns: 60 })).toEqual([]);
    expect(MORE.test('↓ 3 more lines (PgDn)')).toBe(true);
  });
});
