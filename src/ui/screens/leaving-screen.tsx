// Leaving with the plan half-applied (issue 13, point 4): where the user stands, and the offer to
// undo this run's writes; then each undo, previewed from the journal and confirmed like any write.
import { Box } from 'ink';
import { counted } from '../../core/plural.js';
import { leftStateLines, remainingWrites } from '../../core/wizard/half-done.js';
import { leavingChoices, undoChoices } from '../../core/wizard/leaving.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { Hanging, HangingText } from '../field.js';
import { ScreenLayout } from '../layout.js';
import { SelectView } from '../select.js';
import { MARK } from '../theme.js';
import { Busy } from './marks.js';

export function LeavingScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'leaving' }> }) {
  const { state, screen } = props;
  const n = remainingWrites(state).length;
  return (
    <ScreenLayout actions={<SelectView items={leavingChoices(state)} cursor={screen.choice} />}>
      <HangingText
        prefix={`${MARK.warn} `}
        tone="warn"
        bold
        text={`You are leaving with the plan half-applied: ${counted(n, 'write')} in place, no verified match.`}
      />
      <HangingText prefix="" text="The user is left in this state:" />
      <Hanging lines={leftStateLines(state)} />
    </ScreenLayout>
  );
}

export function UndoScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'undo' }> }) {
  const { screen } = props;
  const { preview } = screen;
  const journalId = screen.queue[0] ?? '';
  const left = screen.queue.length;
  if (!preview) {
    return (
      <ScreenLayout>
        <Busy>{`Reading journal entry ${journalId} to see what undoing it changes…`}</Busy>
      </ScreenLayout>
    );
  }
  const actions = screen.applying ? (
    <Busy>Undoing: re-checking the object, journalling, writing, reading it back…</Busy>
  ) : (
    <SelectView items={undoChoices(preview)} cursor={screen.choice} />
  );
  return (
    <ScreenLayout actions={actions}>
      <HangingText
        prefix=""
        bold
        text={`Undo ${journalId} (${counted(left, 'write')} left to undo, newest first)`}
      />
      {preview.ok ? (
        <Box flexDirection="column">
          <HangingText prefix="" text={preview.summary} />
          <HangingText prefix="Guard: " text={preview.step.precondition.description} />
          <HangingText prefix="" text="The undo is itself journalled, and can be undone in turn." />
        </Box>
      ) : (
        <HangingText
          prefix={`${MARK.fail} `}
          tone="error"
          text={`This write cannot be undone here: ${preview.reason}`}
        />
      )}
    </ScreenLayout>
  );
}
