// How far the screen's information is scrolled (the wizard state's, moved by PgUp/PgDn in the
// reducer), and where ScreenLayout reports what it measured. Without a provider nothing scrolls.
import { createContext } from 'react';
import type { InfoScroll } from '../core/wizard/state.js';

export interface InfoScrollView {
  scroll: InfoScroll;
  /** After a layout: lines one page moves, and lines clipped. */
  measured: (page: number, max: number) => void;
}

export const InfoScrollContext = createContext<InfoScrollView | null>(null);
