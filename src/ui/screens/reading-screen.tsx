// The live reading checklist: one line per read step, with its result as it arrives.
import { Box } from 'ink';
import type { ReadStepId } from '../../app/services.js';
import { READ_STEPS, type Screen } from '../../core/wizard/state.js';
import { HangingText, Lines } from '../field.js';
import { ScreenLayout } from '../layout.js';
import { useTerminalSize } from '../terminal-size.js';
import { wrapHanging } from '../wrap.js';
import { MARK, Tone } from '../theme.js';
import { ReadMark } from './marks.js';

const LABELS: Record<ReadStepId, string> = {
  adUser: 'AD user',
  anchor: 'Anchor → immutableId',
  cloudTarget: 'Cloud target',
  onPremDuplicates: 'Duplicates in AD',
  cloudDuplicates: 'Duplicates in cloud',
  recycleBin: 'Recycle bin',
  tenantSwitches: 'Tenant switches',
};

export function ReadingScreen(props: { screen: Extract<Screen, { kind: 'reading' }> }) {
  const { identity, lines, finished } = props.screen;
  const { columns } = useTerminalSize();
  return (
    <ScreenLayout>
      <HangingText
        prefix=""
        text={`Reading ${identity} from AD and the tenant (nothing is written):`}
        width={columns}
      />
      {READ_STEPS.map((step) => {
        const line = lines[step];
        const detail =
          line.detail || (line.status === 'pending' ? (finished ? 'not checked' : 'waiting') : '');
        // The mark (2) and the label (21), the detail wrapped under itself.
        const rows = wrapHanging(' '.repeat(23), detail, columns);
        return (
          <Lines
            key={step}
            lines={rows.map(([head, text], i) => (
              <>
                {i === 0 ? (
                  <>
                    <ReadMark status={line.status} />
                    {` ${LABELS[step].padEnd(21)}`}
                  </>
                ) : (
                  head
                )}
                {line.status === 'failed' ? <Tone tone="error">{text}</Tone> : text}
              </>
            ))}
          />
        );
      })}
      {finished ? (
        <Box marginTop={1}>
          <HangingText
            prefix={`${MARK.warn} `}
            text={`Some checks failed (${MARK.fail}): the findings may be incomplete.`}
            width={columns}
            tone="warn"
          />
        </Box>
      ) : null}
    </ScreenLayout>
  );
}
