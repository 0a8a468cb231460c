// Status marks shared by the screens: a symbol always, a colour when colour is on.
import Spinner from 'ink-spinner';
import type { StepOutcome } from '../../app/services.js';
import type { Severity } from '../../core/findings.js';
import type { ReadLine } from '../../core/wizard/state.js';
import { Lines, useWidth } from '../field.js';
import { MARK, Tone } from '../theme.js';
import { wrapHanging } from '../wrap.js';

export function SeverityMark(props: { severity: Severity }) {
  if (props.severity === 'error') return <Tone tone="error">{`${MARK.fail} error  `}</Tone>;
  if (props.severity === 'warning') return <Tone tone="warn">{`${MARK.warn} warning`}</Tone>;
  return <Tone tone="info">{`${MARK.info} info   `}</Tone>;
}

export function OutcomeMark(props: { status: StepOutcome['status'] | undefined }) {
  switch (props.status) {
    case 'done':
      return <Tone tone="ok">{MARK.ok}</Tone>;
    case 'failed':
      return <Tone tone="error">{MARK.fail}</Tone>;
    case 'skipped':
      return <Tone tone="muted">{MARK.skipped}</Tone>;
    default:
      return <Tone tone="muted">{MARK.pending}</Tone>;
  }
}

export function ReadMark(props: { status: ReadLine['status'] }) {
  switch (props.status) {
    case 'running':
      return (
        <Tone tone="accent">
          <Spinner type="dots" />
        </Tone>
      );
    case 'pending':
      return <Tone tone="muted">{MARK.pending}</Tone>;
    default:
      return <OutcomeMark status={props.status} />;
  }
}

/** A spinner and what it waits for, wrapped by the app with continuation lines under the text. */
export function Busy(props: { children: string; width?: number }) {
  const width = useWidth(props.width);
  const lines = wrapHanging('  ', props.children, width);
  return (
    <Lines
      lines={lines.map(([, line], i) => (
        <Tone tone="accent">
          {i === 0 ? <Spinner type="dots" /> : ' '} {line}
        </Tone>
      ))}
    />
  );
}
