// What a purge loses for good (issue 13, point 5), as Graph showed it, and whether restoring the
// deleted user is offered instead (or why not). Wrapped by the app (src/ui/wrap.ts) like every field.
import type { PlanStep } from '../../core/plan-types.js';
import { Field, Lines } from '../field.js';
import { Tone } from '../theme.js';
import { wrapHanging } from '../wrap.js';

const LABEL = 'Lost:    ';

export function PurgeLossView(props: { step: PlanStep; width: number }) {
  const { step, width } = props;
  const bin = step.recycleBin;
  if (!bin) {
    return (
      <Field
        label="Lost:"
        width={width}
        tone="error"
        text={`Object ${step.objectId ?? ''} and what it still holds (licences, mailbox).`}
      />
    );
  }
  const lines = [
    ...bin.lost.flatMap((line, i) =>
      wrapHanging(i === 0 ? LABEL : ' '.repeat(LABEL.length), line, width).map(([head, text]) => (
        <>
          {head}
          <Tone tone="error">{text}</Tone>
        </>
      )),
    ),
    ...(bin.restore
      ? wrapHanging(' '.repeat(LABEL.length), bin.restore, width).map(([head, text]) => `${head}${text}`)
      : []),
  ];
  return <Lines lines={lines} />;
}
