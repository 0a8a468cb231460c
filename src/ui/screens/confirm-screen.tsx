// One write, confirmed on its own: what changes (before → after), why, whether it can be undone,
// and what is re-checked first. Irreversible writes need the object's UPN typed.
import { Box, Text } from 'ink';
import { confirmChoices } from '../../core/wizard/choices.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { confirmationText, findingsCuredBy, stepAt, visibleSteps } from '../../core/wizard/walk.js';
import { ScreenLayout } from '../layout.js';
import { SelectView } from '../select.js';
import { Field, HangingText, Lines } from '../field.js';
import { useTerminalSize } from '../terminal-size.js';
import { MARK, Tone } from '../theme.js';
import { inputTail, wrapHanging } from '../wrap.js';
import { WrappedText } from '../wrapped-text.js';
import { PowerShellView } from './powershell-view.js';
import { ForecastView } from './forecast-view.js';
import { PurgeLossView } from './purge-loss-view.js';

const show = (v: string | null) => (v === null ? '(none)' : v);

export function ConfirmScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'confirm' }> }) {
  const { state, screen } = props;
  const { columns } = useTerminalSize();
  // The values right of a 9-column label.
  const value = columns - 9;
  const step = stepAt(state, screen.step);
  if (!step) return <Text>This step is no longer in the plan.</Text>;
  const total = visibleSteps(state.diagnosis, state.config.readOnly).length;
  const why = findingsCuredBy(step, state.diagnosis);
  const whyText =
    why.length > 0
      ? why.map((f) => `${f.code}: ${f.message}`).join(' ')
      : step.because.join(', ') || 'Part of the plan.';
  const actions = step.reversible ? (
    <SelectView items={confirmChoices()} cursor={screen.choice} />
  ) : (
    <TypedConfirmation
      expected={confirmationText(step)}
      short={step.action === 'PURGE_DELETED_USER' ? confirmationText(step).slice(0, 8) : null}
      typed={screen.typed}
      mismatch={screen.mismatch}
      does={step.action === 'PURGE_DELETED_USER' ? 'to delete it for good' : 'to make this change'}
      width={columns}
    />
  );
  // Most important first: on a small terminal the end of the information is what gets clipped.
  return (
    <ScreenLayout actions={actions}>
      <WrappedText
        text={`Step ${screen.step + 1} of ${total}: ${step.description}`}
        width={columns}
        render={(l) => <Text bold>{l}</Text>}
      />
      {step.objectUpn || step.objectId ? (
        <Field label="Object:" width={columns}>
          {[step.objectUpn, step.objectId && `(${step.objectId})`].filter(Boolean).join(' ')}
        </Field>
      ) : null}
      {step.change ? (
        <Field label="Changes:">
          <Lines
            lines={[
              ...wrapHanging('', step.change.property, value).map(([, l]) => l),
              ...wrapHanging('before  ', show(step.change.before), value).map(([h, l]) => `${h}${l}`),
              ...wrapHanging('after   ', `${show(step.change.after)}  ${MARK.differs} changed`, value).map(
                ([h, l]) => (
                  <>
                    {h}
                    <Tone tone="warn">{l}</Tone>
                  </>
                ),
              ),
            ]}
          />
        </Field>
      ) : null}
      {step.reversible ? (
        <Field
          label="Undo:"
          width={columns}
          text={`${MARK.ok} Can be undone: the summary shows the command.`}
        />
      ) : (
        <Field
          label="Undo:"
          width={columns}
          tone="error"
          bold
          text={
            step.action === 'RESTORE_DELETED_USER'
              ? `${MARK.fail} CANNOT be undone here: only deleting the user again reverts it.`
              : `${MARK.fail} CANNOT be undone. The object is exported to the journal first.`
          }
        />
      )}
      {step.action === 'PURGE_DELETED_USER' ? <PurgeLossView step={step} width={columns} /> : null}
      {state.showPowerShell ? <PowerShellView step={step} width={columns} /> : null}
      <Field
        label="Check:"
        width={columns}
        text={`${step.precondition.description} Re-read just before writing; stops if it changed.`}
      />
      <Field label="Why:" width={columns} text={whyText} />
      <Field label="Then:">
        <ForecastView forecast={state.diagnosis?.forecast} width={value} />
      </Field>
    </ScreenLayout>
  );
}

function TypedConfirmation(props: {
  expected: string;
  short: string | null;
  typed: string;
  mismatch: boolean;
  /** What Enter does, e.g. "to delete it for good". */
  does: string;
  width: number;
}) {
  const ask = `Type ${props.expected}${props.short ? ` (the deleted object’s id; ${props.short} will do)` : ''} and press Enter ${props.does} (Esc: write nothing):`;
  return (
    <Box flexDirection="column">
      <WrappedText
        text={ask}
        width={props.width}
        render={(line) => <Bold line={line} words={[props.expected, props.short]} />}
      />
      <Text wrap="truncate-end">
        <Tone tone="accent">{'> '}</Tone>
        {inputTail(props.typed, props.width - 3)}
        <Text inverse> </Text>
      </Text>
      {props.mismatch ? (
        <HangingText
          prefix={`${MARK.fail} `}
          text={`That is not ${props.expected}. Nothing was written.`}
          width={props.width}
          tone="error"
        />
      ) : null}
    </Box>
  );
}

/** A wrapped line with the given words in bold (the value to type). */
function Bold(props: { line: string; words: ReadonlyArray<string | null> }) {
  const words = props.words.filter((w): w is string => !!w);
  const parts = props.line.split(' ');
  return (
    <>
      {parts.map((part, i) => (
        <Text key={i} bold={words.includes(part)}>
          {`${i > 0 ? ' ' : ''}${part}`}
        </Text>
      ))}
    </>
  );
}
