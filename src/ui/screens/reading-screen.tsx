// The live reading checklist: one line per read step, with its result as it arrives.
import { Box, Text } from 'ink';
import type { ReadStepId } from '../../app/services.js';
import { READ_STEPS, type Screen } from '../../core/wizard/state.js';
import { ScreenLayout } from '../layout.js';
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
  return (
    <ScreenLayout>
      <Text>{`Reading ${identity} from AD and the tenant (nothing is written):`}</Text>
      {READ_STEPS.map((step) => {
        const line = lines[step];
        const detail =
          line.detail || (line.status === 'pending' ? (finished ? 'not checked' : 'waiting') : '');
        return (
          <Box key={step}>
            <Box width={2} flexShrink={0}>
              <ReadMark status={line.status} />
            </Box>
            <Box width={21} flexShrink={0}>
              <Text>{LABELS[step]}</Text>
            </Box>
            {line.status === 'failed' ? <Tone tone="error">{detail}</Tone> : <Text>{detail}</Text>}
          </Box>
        );
      })}
      {finished ? (
        <Box marginTop={1}>
          <Tone tone="warn">{`${MARK.warn} Some checks failed (${MARK.fail}): the findings may be incomplete.`}</Tone>
        </Box>
      ) : null}
    </ScreenLayout>
  );
}
