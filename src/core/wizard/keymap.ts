// What each screen is called and which keys it takes, for the header, the footer and the `?` help.
// Kept next to the reducer so the footer never advertises a key the reducer ignores.
import { confirmationText, stepAt } from './walk.js';
import type { ScreenKind, WizardState } from './state.js';

/** The six stages of the walk, as the header counts them. */
const STAGE: Record<ScreenKind, { n: number; name: string }> = {
  starting: { n: 0, name: 'Starting' },
  warnings: { n: 0, name: 'Unfinished writes' },
  identity: { n: 1, name: 'Identity' },
  reading: { n: 2, name: 'Reading' },
  findings: { n: 3, name: 'Findings' },
  plan: { n: 4, name: 'Plan' },
  confirm: { n: 4, name: 'Confirm a change' },
  manual: { n: 4, name: 'A step for you' },
  applying: { n: 4, name: 'Writing' },
  sync: { n: 5, name: 'Sync and verify' },
  summary: { n: 6, name: 'Summary' },
  leaving: { n: 6, name: 'Leaving half-done' },
  undo: { n: 6, name: 'Undo a write' },
  error: { n: 0, name: 'Problem' },
};

export function screenTitle(kind: ScreenKind): string {
  const stage = STAGE[kind];
  return stage.n > 0 ? `${stage.n}/6 ${stage.name}` : stage.name;
}

export type KeyHint = readonly [keys: string, does: string];

const MOVE: KeyHint = ['↑↓/jk', 'move'];
const CHOOSE: KeyHint = ['Enter', 'choose'];
const HELP: KeyHint = ['?', 'help'];

const powerShellHint = (state: WizardState) => (state.showPowerShell ? 'hide PowerShell' : 'PowerShell');

/**
 * The footer: the keys that do something on this screen right now. PgUp/PgDn are not in it (a
 * footer has no room to spare at 80 columns): the marks of clipped text name them ("↓ 12 more
 * lines (PgDn)"), and the help lists them.
 */
export function footerKeys(state: WizardState): KeyHint[] {
  if (state.help) return [['Esc/?', 'close help']];
  const s = state.screen;
  switch (s.kind) {
    case 'starting':
    case 'applying':
      return [['Ctrl-C', 'stop']];
    case 'warnings':
      return [['Enter', 'continue'], ['Esc/q', 'quit'], HELP];
    case 'identity':
      return [
        ['Enter', 'read this user'],
        ['Ctrl-U', 'clear'],
        ['Esc', state.config.picker ? 'scenarios' : 'quit'],
        HELP,
      ];
    case 'reading':
      return s.finished
        ? [['Enter', 'see the findings'], ['Esc/q', 'back'], HELP]
        : [['Esc/q', 'stop reading'], HELP];
    case 'findings':
      return [
        MOVE,
        ...(s.raw ? [] : ([['PgUp/PgDn', 'scroll the box']] as const)),
        ['r', s.raw ? 'hide raw values' : 'raw values'],
        ['Enter', 'plan'],
        ['Esc/q', 'back'],
        HELP,
      ];
    case 'confirm': {
      const step = stepAt(state, s.step);
      const ps: KeyHint = [step && !step.reversible ? 'Tab' : 'p', powerShellHint(state)];
      if (step && !step.reversible)
        return [
          ['type', step.action === 'PURGE_DELETED_USER' ? 'the id' : 'the UPN'],
          ['Enter', 'confirm'],
          ps,
          ['Esc', 'back, write nothing'],
          HELP,
        ];
      return [MOVE, CHOOSE, ps, ['Esc/q', 'back, write nothing'], HELP];
    }
    case 'manual':
      return [MOVE, CHOOSE, ['p', powerShellHint(state)], ['Esc/q', 'back'], HELP];
    case 'sync':
      return state.verdict ? [MOVE, CHOOSE, ['Esc/q', 'summary'], HELP] : [['Esc/q', 'stop waiting'], HELP];
    case 'leaving':
      return [MOVE, CHOOSE, ['Esc/q', s.back === 'plan' ? 'back to the plan' : 'summary'], HELP];
    case 'undo':
      return s.applying || !s.preview
        ? [['Ctrl-C', 'stop']]
        : [MOVE, CHOOSE, ['Esc/q', 'stop undoing'], HELP];
    case 'summary':
      return state.showTicket
        ? [['↑↓/PgUp/PgDn', 'scroll'], ['t/Esc', 'back to the summary'], HELP]
        : [MOVE, CHOOSE, ['t', 'ticket summary'], ['Esc/q', 'quit'], HELP];
    default:
      return [MOVE, CHOOSE, ['Esc/q', 'back'], HELP];
  }
}

/** The `?` overlay: what this screen is for, then every key. */
export function helpText(state: WizardState): string[] {
  const s = state.screen;
  const confirming = s.kind === 'confirm' ? stepAt(state, s.step) : undefined;
  const about: Partial<Record<ScreenKind, string>> = {
    warnings: 'An earlier run started writes whose result is unknown. Check them before writing again.',
    identity:
      'Type the user: sAMAccountName, UPN, mail, DN, objectGUID or immutableId. Nothing is written until you confirm a step.',
    reading:
      'syncmatch reads AD and the tenant. Each line says what was found, or what was tried and what to check.',
    findings:
      'What is wrong, most serious first, with the values that prove it. r shows the raw attribute table.',
    plan: 'The ordered steps. Each write gets its own confirmation; a manual step waits until a check shows it is done.',
    confirm:
      confirming && !confirming.reversible
        ? `This write cannot be undone. Type ${confirmationText(confirming)} exactly, then Enter. Esc writes nothing.`
        : 'What will change, why, and whether it can be undone. Esc goes back without writing.',
    manual:
      'Do this outside syncmatch, then choose "Check again": it re-reads the user and shows whether it worked.',
    applying: 'The write is journalled first, then made, then read back.',
    sync: 'A delta sync runs, then syncmatch waits until the user is matched (or the wait ends).',
    summary:
      "What changed, where the journal is, and each write's undo (or why none). t shows the whole ticket-ready summary (objects, findings, pending steps with PowerShell, what to tell the user); --report writes it as Markdown.",
    error: 'Something could not be done. The message says what, and what to try.',
    leaving:
      'Some writes of the plan are in place but the match is not verified. Undo them (newest first, each confirmed and journalled), or leave them and see the summary with their undo commands.',
    undo: 'What undoing this write changes, read from the journal. Nothing is written until you choose "Undo this write".',
  };
  const keys = footerKeys({ ...state, help: false }).map(([k, d]) => `  ${k.padEnd(8)} ${d}`);
  return [
    about[s.kind] ?? 'Please wait.',
    '',
    ...keys,
    '  PgUp/PgDn scroll text longer than the window, a page (Shift+↑↓: a line); Home/End: first or last choice',
    '  Ctrl-C   cancel the run (exit 130); a write under way finishes or is reported next run',
  ];
}
