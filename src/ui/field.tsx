// A labelled value and lines with a hanging indent, wrapped by the app (src/ui/wrap.ts): the value
// wraps under itself, not under the label, and no continuation line starts with a stray space.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTerminalSize } from './terminal-size.js';
import { Tone, type ToneName } from './theme.js';
import { wrapHanging } from './wrap.js';

/** One Ink line per entry, each cut only as a last guard (the terminal never re-wraps it). */
export function Lines(props: { lines: readonly ReactNode[] }) {
  return (
    <Box flexDirection="column">
      {props.lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}

/** The width a block has: the given one, else the terminal's. */
export function useWidth(width?: number): number {
  const { columns } = useTerminalSize();
  return width ?? columns;
}

/**
 * A label and its value. `text` is wrapped under itself; other children are laid out by Ink in
 * the room right of the label (give them `width - labelWidth` to wrap in).
 */
export function Field(props: {
  label: string;
  children?: ReactNode;
  text?: string;
  tone?: ToneName;
  bold?: boolean;
  width?: number;
  labelWidth?: number;
}) {
  const total = useWidth(props.width);
  const labelWidth = props.labelWidth ?? 9;
  if (props.text !== undefined || typeof props.children === 'string') {
    const text = props.text ?? (props.children as string);
    const pairs = wrapHanging(props.label.padEnd(labelWidth), text, total);
    return (
      <Lines
        lines={pairs.map(([head, value]) => (
          <>
            {head}
            {props.tone ? (
              <Tone tone={props.tone} bold={props.bold}>
                {value}
              </Tone>
            ) : (
              <Text bold={props.bold}>{value}</Text>
            )}
          </>
        ))}
      />
    );
  }
  return (
    <Box>
      <Box width={labelWidth} flexShrink={0}>
        <Text>{props.label}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        {props.children}
      </Box>
    </Box>
  );
}

/** Lines with a hanging indent: "  1. text" wraps under the text, not under the number. */
export function Hanging(props: {
  lines: readonly string[];
  marker?: (i: number) => string;
  indent?: number;
  width?: number;
  tone?: ToneName;
}) {
  const width = useWidth(props.width);
  const marker = props.marker ?? ((i: number) => `${i + 1}.`);
  const indent = props.indent ?? 5;
  const out: ReactNode[] = [];
  props.lines.forEach((line, i) => {
    const prefix = `  ${marker(i)}`.padEnd(indent);
    for (const [head, value] of wrapHanging(prefix, line, width)) {
      out.push(props.tone ? <Tone tone={props.tone}>{`${head}${value}`}</Tone> : `${head}${value}`);
    }
  });
  return <Lines lines={out} />;
}

/** A paragraph after a prefix (a mark, "Then:"), continuation lines aligned under its text. */
export function HangingText(props: {
  prefix: string;
  text: string;
  width?: number;
  tone?: ToneName;
  bold?: boolean;
}) {
  const width = useWidth(props.width);
  const pairs = wrapHanging(props.prefix, props.text, width);
  return (
    <Lines
      lines={pairs.map(([head, value]) =>
        props.tone ? (
          <Tone tone={props.tone} bold={props.bold}>{`${head}${value}`}</Tone>
        ) : (
          <Text bold={props.bold}>{`${head}${value}`}</Text>
        ),
      )}
    />
  );
}
