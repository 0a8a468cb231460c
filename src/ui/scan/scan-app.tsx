// The scan screen (issue 9): progress while reading, then the summary and the filterable list.
// It receives the work as a callback and reports the technician's choice; it never sees an adapter.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ScanProgress } from '../../app/scan.js';
import { visibleText } from '../../core/display-text.js';
import { inScope, matchingPositions, searchText } from '../../core/scan/labels.js';
import { initialScanScreen, scanScreenReducer, type ScanScreenContext } from '../../core/scan/screen.js';
import type { ScanResult } from '../../core/scan/types.js';
import { isBack, type Key } from '../../core/wizard/keys.js';
import { SizeFloor } from '../floor.js';
import { KeyLegend } from '../key-legend.js';
import { useTerminalSize } from '../terminal-size.js';
import { Tone } from '../theme.js';
import { useKeys } from '../use-keys.js';
import { wrapWithin } from '../wrap.js';
import { ListView } from './list-view.js';
import { ProgressView } from './progress-view.js';
import { summaryRows, SummaryView } from './summary-view.js';

export type ScanChoice =
  | { kind: 'open'; dn: string; label: string }
  | { kind: 'quit' }
  | { kind: 'rescan' }
  | { kind: 'cancelled' }
  /** The marked users (objectGUIDs), to fix in one batch. */
  | { kind: 'batch'; guids: string[] };

export interface ScanAppProps {
  environmentLabel: string;
  scopeLabel: string;
  /** Reads and forecasts, reporting progress; rejected when cancelled through the signal. */
  run: (onProgress: (p: ScanProgress) => void, signal: AbortSignal) => Promise<ScanResult>;
  /** Results from before (back from the wizard): shown at once instead of scanning again. */
  previous?: ScanResult;
  note?: string;
  onDone: (choice: ScanChoice, result: ScanResult | null) => void;
  onError: (error: unknown) => void;
}

// Lines around the list: header (2 + margin), scope and search (2), details (margin + 3 or 5),
// footer (margin + 1), and the line the frame leaves free.
const chrome = (detailLines: number) => 9 + detailLines;

function Results(props: {
  result: ScanResult;
  note?: string;
  rows: number;
  columns: number;
  onDone: ScanAppProps['onDone'];
}) {
  const { result, onDone } = props;
  const summary = useMemo(() => summaryRows(result, 9), [result]);
  const texts = useMemo(() => result.users.map(searchText), [result]);
  // The last few filters' matches: typing re-filters tens of thousands of users once per key.
  const cache = useRef(new Map<string, readonly number[]>());
  const scopes = useRef(new Map<string, number[]>());
  const matchesFor = useCallback(
    (scope: string | null, filter: string) => {
      const key = `${scope ?? ''}\n${filter}`;
      let hit = cache.current.get(key);
      if (!hit) {
        let within: number[] | undefined;
        if (scope !== null) {
          within = scopes.current.get(scope);
          if (!within) {
            within = [];
            for (let i = 0; i < result.users.length; i++)
              if (inScope(result.users[i]!, scope)) within.push(i);
            scopes.current.set(scope, within);
          }
        }
        hit = matchingPositions(texts, filter, within);
        if (cache.current.size > 32) cache.current.clear();
        cache.current.set(key, hit);
      }
      return hit;
    },
    [texts, result],
  );
  const detailLines = props.rows >= 24 ? 5 : 3;
  const listRows = Math.max(props.rows - chrome(detailLines) - (props.note ? 1 : 0), 3);
  const context: ScanScreenContext = { summaryFilters: summary.filters, matchesFor, page: listRows };
  const contextRef = useRef(context);
  contextRef.current = context;
  const [state, dispatch] = useReducer(
    (s: Parameters<typeof scanScreenReducer>[0], key: Key) =>
      scanScreenReducer(s, { key, context: contextRef.current }),
    undefined,
    initialScanScreen,
  );
  useKeys(dispatch);
  const marks = state.marked.size;
  useEffect(() => {
    const c = state.choice;
    if (!c) return;
    if (c.kind === 'open') {
      const u = result.users[c.index]!;
      onDone({ kind: 'open', dn: u.dn, label: u.sAMAccountName ?? u.userPrincipalName ?? u.dn }, result);
    } else if (c.kind === 'batch') {
      onDone({ kind: 'batch', guids: c.indexes.map((i) => result.users[i]!.objectGuid) }, result);
    } else onDone(c, result);
  }, [state.choice, result, onDone]);
  const matches = matchesFor(state.scope, state.filter);
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
        {props.note ? (
          <Text wrap="truncate-end">
            <Tone tone="warn">{props.note}</Tone>
          </Text>
        ) : null}
        {state.view === 'summary' ? (
          <SummaryView
            result={result}
            rows={summary}
            cursor={state.summaryCursor}
            columns={props.columns}
            // The frame leaves the terminal less 6 lines: the line kept free, the title and scope
            // with their margin, the footer with its gap.
            height={Math.max(props.rows - 6 - (props.note ? 1 : 0), 4)}
          />
        ) : (
          <ListView
            users={result.users}
            matches={matches}
            scope={state.scope}
            filter={state.filter}
            cursor={state.cursor}
            rows={listRows}
            marked={state.marked}
            columns={props.columns}
            detailLines={detailLines}
          />
        )}
      </Box>
      {/* The marks line takes the blank line above the footer: the list keeps its height. */}
      {marks > 0 ? (
        <Text wrap="truncate-end">
          {state.view === 'summary'
            ? `◆ ${marks} marked · b fix the ${marks} marked in a batch · m on a marked class unmarks it`
            : `◆ ${marks} marked · Ctrl+X marks or unmarks · Esc, then b fixes them in a batch`}
        </Text>
      ) : null}
      <Footer
        width={props.columns}
        gap={marks === 0}
        keys={
          state.view === 'summary'
            ? [
                ['↑↓', 'move'],
                ['Enter', 'list these users'],
                ['m', 'mark them'],
                ...(marks > 0 ? [['b', 'batch fix'] as const] : []),
                ['type or /', 'search'],
                ['r', 'rescan'],
                ['q', 'quit'],
              ]
            : [
                ['↑↓', 'move'],
                ['Enter', 'open in the wizard'],
                ['Ctrl+X', 'mark'],
                ['type', 'to search'],
                ['Esc', 'back'],
              ]
        }
      />
    </Box>
  );
}

function Footer(props: { keys: readonly (readonly [string, string])[]; width: number; gap?: boolean }) {
  return (
    <Box marginTop={props.gap === false ? 0 : 1}>
      <KeyLegend keys={props.keys} width={props.width} />
    </Box>
  );
}

export function ScanApp(props: ScanAppProps) {
  const { rows, columns: terminalColumns } = useTerminalSize();
  const columns = terminalColumns - 2; // paddingX
  // The scope (OU DNs) wrapped after its separators, at most 2 lines, the rest counted.
  const scope = wrapWithin(`Scope: ${visibleText(props.scopeLabel)}`, columns, 2);
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [result, setResult] = useState<ScanResult | null>(props.previous ?? null);
  const stop = useRef(new AbortController());
  const { run, onDone, onError } = props;
  const running = result === null;

  useEffect(() => {
    if (!running) return;
    const controller = stop.current;
    run(setProgress, controller.signal).then(setResult, (e: unknown) => {
      if (!controller.signal.aborted) onError(e);
    });
    return () => controller.abort();
  }, [running, run, onError]);

  useKeys(
    (key) => {
      if (key.kind === 'ctrlC' || isBack(key)) {
        stop.current.abort();
        onDone({ kind: 'cancelled' }, null);
      }
    },
    { isActive: running },
  );

  return (
    <SizeFloor>
      <Box flexDirection="column" height={Math.max(rows - 1, 12)} paddingX={1}>
        <Box flexDirection="column" flexShrink={0} marginBottom={1}>
          <Text wrap="truncate-end">
            <Tone tone="accent" bold>
              syncmatch scan
            </Tone>
            {` · ${visibleText(props.environmentLabel)}`}
          </Text>
          {scope.map((line, i) => (
            <Text key={i} wrap="truncate-end">
              <Tone tone="muted">{line}</Tone>
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
          {result ? (
            <Results
              result={result}
              note={props.note}
              rows={rows - (scope.length - 1)}
              columns={columns}
              onDone={onDone}
            />
          ) : (
            <ProgressView progress={progress} />
          )}
        </Box>
        {result ? null : <Footer keys={[['Esc/q', 'stop the scan']]} width={columns} />}
      </Box>
    </SizeFloor>
  );
}
