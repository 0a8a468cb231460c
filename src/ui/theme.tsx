// Colour is optional and never the only signal: every coloured mark also has a symbol or a word,
// so NO_COLOR (or --no-color) loses nothing but colour.
import { Text } from 'ink';
import { createContext, useContext, type ReactNode } from 'react';

export const ColorContext = createContext(true);

export type ToneName = 'ok' | 'error' | 'warn' | 'info' | 'muted' | 'accent';

const COLORS: Record<ToneName, string> = {
  ok: 'green',
  error: 'red',
  warn: 'yellow',
  info: 'cyan',
  muted: 'gray',
  accent: 'cyan',
};

export function Tone(props: { tone: ToneName; bold?: boolean; children: ReactNode }) {
  const color = useContext(ColorContext);
  return (
    <Text color={color ? COLORS[props.tone] : undefined} bold={props.bold}>
      {props.children}
    </Text>
  );
}

/** Symbols that carry the meaning without colour. */
export const MARK = {
  ok: '✓',
  fail: '✗',
  warn: '!',
  info: 'i',
  pending: '·',
  skipped: '–',
  pointer: '›',
  differs: '≠',
  same: '=',
  arrow: '→',
} as const;
