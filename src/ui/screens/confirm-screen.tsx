// One write, confirmed on its own: what changes (before → after), why, whether it can be undone,
// and what is re-checked first. Irreversible writes need the object's UPN typed.
import { Box, Text } from 'ink';
import { confirmChoices } from '../../core/wizard/choices.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { confirmationText, findingsCuredBy, stepAt, visibleSteps } from '../../core/wizard/walk.js';
import { ScreenLayout } from '../layout.js';
import { SelectView } from '../select.js';
import { Field } from '../field.js';
import { MARK, Tone } from '../theme.js';
import { PowerShellView } from './powershell-view.js';
import { ForecastView } from './forecast-view.js';
import { PurgeLossView } from './purge-loss-view.js';

const show = (v: string | null) => (v === null ? '(none)' : v);

export function ConfirmScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'confirm' }> }) {
  const { state, screen } = props;
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
    />
  );
  // Most important first: on a small terminal the end of the information is what gets clipped.
  return (
    <ScreenLayout actions={actions}>
      <Text bold>{`Step ${screen.step + 1} of ${total}: ${step.description}`}</Text>
      {step.objectUpn || step.objectId ? (
        <Field label="Object:">
          {[step.objectUpn, step.objectId && `(${step.objectId})`].filter(Boolean).join(' ')}
        </Field>
      ) : null}
      {step.change ? (
        <Field label="Changes:">
          <Box flexDirection="column">
            <Text>{step.change.property}</Text>
            <Text>{`before  ${show(step.change.before)}`}</Text>
            <Text>
              {'after   '}
              <Tone tone="warn">{show(step.change.after)}</Tone>
              {`  ${MARK.differs} changed`}
            </Text>
          </Box>
        </Field>
      ) : null}
      <Field label="Undo:">
        {step.reversible ? (
          <Text>{`${MARK.ok} Can be undone: the summary shows the command.`}</Text>
        ) : (
          <Tone tone="error" bold>
            {step.action === 'RESTORE_DELETED_USER'
              ? `${MARK.fail} CANNOT be undone here: only deleting the user again reverts it.`
              : `${MARK.fail} CANNOT be undone. The object is exported to the journal first.`}
          </Tone>
        )}
      </Field>
      {step.action === 'PURGE_DELETED_USER' ? <PurgeLossView step={step} /> : null}
      {state.showPowerShell ? <PowerShellView step={step} /> : null}
      <Field label="Check:">
        <Text>{`${step.precondition.description} Re-read just before writing; stops if it changed.`}</Text>
      </Field>
      <Field label="Why:">{whyText}</Field>
      <Field label="Then:">
        <ForecastView forecast={state.diagnosis?.forecast} />
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
}) {
  return (
    <Box flexDirection="column">
      <Text>
        Type <Text bold>{props.expected}</Text>
        {props.short ? (
          <Text>
            {' (the deleted object’s id; '}
            <Text bold>{props.short}</Text>
            {' will do)'}
          </Text>
        ) : null}{' '}
        {`and press Enter ${props.does} (Esc: write nothing):`}
      </Text>
      <Text>
        <Tone tone="accent">{'> '}</Tone>
        {props.typed}
        <Text inverse> </Text>
      </Text>
      {props.mismatch ? (
        <Tone tone="error">{`${MARK.fail} That is not ${props.expected}. Nothing was written.`}</Tone>
      ) : null}
    </Box>
  );
}
