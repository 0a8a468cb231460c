// The information part of a screen (what ScreenLayout clips on a small terminal) scrolls with
// PgUp/PgDn a page at a time (Shift+↑↓ a line), so every line a technician confirms can be read
// without resizing.
// The UI measures how many lines are clipped and how many fit (a "measured" event); the reducer
// keeps the offset within them. A new screen starts at the top.
import type { Key } from './keys.js';
import type { InfoScroll, Screen, WizardState } from './state.js';

export const TOP: InfoScroll = { offset: 0, page: 1, max: 0 };

/** Which way a scroll key moves (down 1, up -1), 0 for other keys. */
export function scrollDirection(k: Key): -1 | 0 | 1 {
  if (k.kind === 'pageDown' || k.kind === 'lineDown') return 1;
  return k.kind === 'pageUp' || k.kind === 'lineUp' ? -1 : 0;
}

/** True for the keys that scroll the information: PgUp/PgDn, Shift+↑↓. */
export const isScrollKey = (k: Key): boolean => scrollDirection(k) !== 0;

/** The scroll after a scroll key: a page (PgUp/PgDn) or a line (Shift+↑↓), never past either end. */
export function scrollBy(scroll: InfoScroll | undefined, k: Key): InfoScroll {
  const s = scroll ?? TOP;
  const by = k.kind === 'pageUp' || k.kind === 'pageDown' ? s.page : 1;
  return { ...s, offset: clamp(s.offset + scrollDirection(k) * by, s.max) };
}

/** The scroll once the UI has measured the information: the offset kept within the new room. */
export function measuredScroll(scroll: InfoScroll | undefined, page: number, max: number): InfoScroll {
  return { page: Math.max(page, 1), max: Math.max(max, 0), offset: clamp(scroll?.offset ?? 0, max) };
}

const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), Math.max(max, 0));

/** Which screen is on: a change of it (or the help opening or closing) starts at the top again. */
export function screenId(state: WizardState): string {
  const s: Screen = state.screen;
  const step = 'step' in s ? `:${s.step}` : s.kind === 'undo' ? `:${s.queue[0] ?? ''}` : '';
  // The raw values and the ticket are views of their own (the ticket scrolls itself).
  const view =
    s.kind === 'findings' && s.raw ? ':raw' : s.kind === 'summary' && state.showTicket ? ':ticket' : '';
  return `${s.kind}${step}${view}${state.help ? ':help' : ''}`;
}

/** `next` with its scroll back at the top when it shows another view than `before` (`view` names one). */
export function keepOrResetScroll<T extends { info?: InfoScroll }>(
  before: T,
  next: T,
  view: (state: T) => string,
): T {
  if (next.info === undefined || view(before) === view(next)) return next;
  return { ...next, info: undefined };
}
