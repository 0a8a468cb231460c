// The screens that close a walk: writing, errors, and the summary.
import { Box, Text } from 'ink';
import { ticketOf } from '../../core/ticket/of-state.js';
import { ticketText } from '../../core/ticket/render.js';
import { summaryChoices } from '../../core/wizard/navigation.js';
import { errorChoices } from '../../core/wizard/choices.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { halfDoneLines } from '../../core/wizard/half-done.js';
import { exitCodeFor, latestDiagnosis, stepAt } from '../../core/wizard/walk.js';
import { HangingText, Lines } from '../field.js';
import { useHints } from '../hints.js';
import { ScreenLayout } from '../layout.js';
import { useTerminalSize } from '../terminal-size.js';
import { wrapHanging, wrapLine } from '../wrap.js';
import { SelectView } from '../select.js';
import { MARK, Tone } from '../theme.js';
import { Busy, OutcomeMark } from './marks.js';
import { Verdict } from './sync-screen.js';

const NBSP = '\u00a0';

export function ApplyingScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'applying' }> }) {
  const step = stepAt(props.state, props.screen.step);
  return (
    <ScreenLayout>
      <Busy>{`Writing: ${step?.description ?? 'the step'}…`}</Busy>
      <HangingText prefix="" text="Re-checking the object, journalling, writing, reading it back." />
    </ScreenLayout>
  );
}

export function ErrorScreen(props: { screen: Extract<Screen, { kind: 'error' }> }) {
  const { title, error, choices, choice } = props.screen;
  return (
    <ScreenLayout actions={<SelectView items={errorChoices(choices)} cursor={choice} />}>
      <HangingText prefix={`${MARK.fail} `} text={title} tone="error" bold />
      <HangingText prefix="" text={error.message} />
      {error.hint ? <HangingText prefix="Try: " text={error.hint} /> : null}
    </ScreenLayout>
  );
}

export function SummaryScreen(props: { state: WizardState }) {
  const { state } = props;
  const { columns } = useTerminalSize();
  const hint = useHints();
  // Every write: its journal id and its undo command, or why there is none (issue 13 point 7).
  const writes = ticketOf(state).writes;
  const left = latestDiagnosis(state)?.findings.filter((f) => f.severity === 'error') ?? [];
  const code = exitCodeFor(state);
  // The journal and the choices are never clipped; the undo commands come first in the information
  // (after a half-done warning), where PgUp/PgDn reach every one even when there are many.
  const actions = (
    <Box flexDirection="column">
      <HangingText prefix="Journal: " text={state.config.journalPath} width={columns} />
      <Tone tone="muted">{`Exit code ${code}.`}</Tone>
      <Box marginTop={1}>
        <SelectView
          items={summaryChoices(state)}
          cursor={state.screen.kind === 'summary' ? (state.screen.choice ?? 0) : 0}
        />
      </Box>
    </Box>
  );
  const undo =
    writes.length > 0 ? (
      <Box flexDirection="column">
        <Text bold>{writes.some((w) => w.undoCommand) ? 'To undo' : 'Undo'}</Text>
        {writes.map((w, i) => {
          const entry = `${w.action}${w.journalId ? `, journal ${w.journalId}` : ''}`;
          // The command is kept whole on one line (a no-break space joins its words while wrapping),
          // what it undoes after it.
          return w.undoCommand ? (
            <Lines
              key={i}
              lines={wrapHanging(
                '  ',
                `${w.undoCommand.replace(/ /g, NBSP)}  (${entry}; ${w.undoNote})`,
                columns,
              ).map(([head, line]) => `${head}${line.replace(/\u00a0/g, ' ')}`)}
            />
          ) : (
            <HangingText key={i} prefix="  " text={`${entry}: ${w.undoNote}`} width={columns} />
          );
        })}
      </Box>
    ) : null;
  if (state.showTicket) {
    const lines = hint(ticketText(ticketOf(state))).split('\n');
    const from = state.ticketScroll ?? 0;
    // Each line of the ticket wrapped at words (its own indentation kept); the layout marks what
    // does not fit below, the line count says what is above.
    return (
      <ScreenLayout
        actions={
          <HangingText
            prefix=""
            text={`${from > 0 ? `↑ ${from} lines above. ` : ''}Lines ${from + 1}–${lines.length} of ${lines.length}. Exit code ${code}.`}
            width={columns}
            tone="muted"
          />
        }
      >
        <Lines lines={lines.slice(from).flatMap((line) => wrapLine(line, columns))} />
      </ScreenLayout>
    );
  }
  return (
    <ScreenLayout actions={actions}>
      {/* Half-done (or undone) comes first: on a small terminal it is the line that must be seen. */}
      {halfDoneLines(state).map((line, i) => (
        <HangingText
          key={`half-${i}`}
          prefix={i === 0 ? `${MARK.warn} ` : '  '}
          text={hint(line)}
          width={columns}
          tone="warn"
        />
      ))}
      {undo}
      <Text bold>What happened</Text>
      {state.outcomes.length === 0 ? (
        <HangingText prefix="  " text="Nothing was changed." width={columns} />
      ) : null}
      {state.outcomes.map((o, i) => (
        <Lines
          key={i}
          lines={wrapHanging('    ', `${o.action}: ${o.detail}`, columns).map(([head, text], j) => (
            <>
              {j === 0 ? (
                <>
                  {'  '}
                  <OutcomeMark status={o.status} />{' '}
                </>
              ) : (
                head
              )}
              {text}
            </>
          ))}
        />
      ))}
      {state.verdict ? <Verdict verdict={state.verdict} width={columns} /> : null}
      {left.length > 0 ? (
        <HangingText
          prefix={`${MARK.fail} `}
          text={`Still wrong: ${left.map((f) => f.code).join(', ')}`}
          width={columns}
          tone="error"
        />
      ) : null}
    </ScreenLayout>
  );
}
