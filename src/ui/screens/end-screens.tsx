// The screens that close a walk: writing, errors, and the summary.
import { Box, Text } from 'ink';
import { ticketOf } from '../../core/ticket/of-state.js';
import { ticketText } from '../../core/ticket/render.js';
import { summaryChoices } from '../../core/wizard/navigation.js';
import { errorChoices } from '../../core/wizard/choices.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { halfDoneLines } from '../../core/wizard/half-done.js';
import { exitCodeFor, latestDiagnosis, stepAt } from '../../core/wizard/walk.js';
import { ScreenLayout } from '../layout.js';
import { SelectView } from '../select.js';
import { MARK, Tone } from '../theme.js';
import { Busy, OutcomeMark } from './marks.js';
import { Verdict } from './sync-screen.js';

export function ApplyingScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'applying' }> }) {
  const step = stepAt(props.state, props.screen.step);
  return (
    <ScreenLayout>
      <Busy>{`Writing: ${step?.description ?? 'the step'}…`}</Busy>
      <Text>Re-checking the object, journalling, writing, reading it back.</Text>
    </ScreenLayout>
  );
}

export function ErrorScreen(props: { screen: Extract<Screen, { kind: 'error' }> }) {
  const { title, error, choices, choice } = props.screen;
  return (
    <ScreenLayout actions={<SelectView items={errorChoices(choices)} cursor={choice} />}>
      <Tone tone="error" bold>{`${MARK.fail} ${title}`}</Tone>
      <Text>{error.message}</Text>
      {error.hint ? <Text>{`Try: ${error.hint}`}</Text> : null}
    </ScreenLayout>
  );
}

export function SummaryScreen(props: { state: WizardState }) {
  const { state } = props;
  // Every write: its journal id and its undo command, or why there is none (issue 13 point 7).
  const writes = ticketOf(state).writes;
  const left = latestDiagnosis(state)?.findings.filter((f) => f.severity === 'error') ?? [];
  const code = exitCodeFor(state);
  // The journal and the undo commands are the part that must never be clipped.
  const actions = (
    <Box flexDirection="column">
      <Text>{`Journal: ${state.config.journalPath}`}</Text>
      {writes.length > 0 ? (
        <Box flexDirection="column">
          <Text bold>{writes.some((w) => w.undoCommand) ? 'To undo' : 'Undo'}</Text>
          {writes.map((w, i) => {
            const entry = `${w.action}${w.journalId ? `, journal ${w.journalId}` : ''}`;
            return (
              <Text key={i}>
                {w.undoCommand
                  ? `  ${w.undoCommand}  (${entry}; ${w.undoNote})`
                  : `  ${entry}: ${w.undoNote}`}
              </Text>
            );
          })}
        </Box>
      ) : null}
      <Tone tone="muted">{`Exit code ${code}.`}</Tone>
      <Box marginTop={1}>
        <SelectView
          items={summaryChoices(state)}
          cursor={state.screen.kind === 'summary' ? (state.screen.choice ?? 0) : 0}
        />
      </Box>
    </Box>
  );
  if (state.showTicket) {
    const lines = ticketText(ticketOf(state)).split('\n');
    const from = state.ticketScroll ?? 0;
    return (
      <ScreenLayout
        actions={
          <Tone tone="muted">{`Lines ${from + 1}–${lines.length} of ${lines.length}. Exit code ${code}.`}</Tone>
        }
      >
        {lines.slice(from).map((line, i) => (
          <Text key={from + i}>{line}</Text>
        ))}
      </ScreenLayout>
    );
  }
  return (
    <ScreenLayout actions={actions}>
      {/* Half-done (or undone) comes first: on a small terminal it is the line that must be seen. */}
      {halfDoneLines(state).map((line, i) => (
        <Tone key={`half-${i}`} tone="warn">{`${i === 0 ? `${MARK.warn} ` : '  '}${line}`}</Tone>
      ))}
      <Text bold>What happened</Text>
      {state.outcomes.length === 0 ? <Text> Nothing was changed.</Text> : null}
      {state.outcomes.map((o, i) => (
        <Box key={i}>
          <Box width={4} flexShrink={0}>
            <Text>{'  '}</Text>
            <OutcomeMark status={o.status} />
          </Box>
          <Text>{`${o.action}: ${o.detail}`}</Text>
        </Box>
      ))}
      {state.verdict ? <Verdict verdict={state.verdict} /> : null}
      {left.length > 0 ? (
        <Tone tone="error">{`${MARK.fail} Still wrong: ${left.map((f) => f.code).join(', ')}`}</Tone>
      ) : null}
    </ScreenLayout>
  );
}
