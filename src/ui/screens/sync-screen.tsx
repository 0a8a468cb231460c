// Sync and verify: progress with elapsed time while waiting, then the target before → after and
// the verdict.
import { Box } from 'ink';
import type { SyncProgress, SyncVerdict } from '../../app/services.js';
import { syncChoices } from '../../core/wizard/choices.js';
import { targetChanges } from '../../core/wizard/raw-values.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { Hanging, HangingText } from '../field.js';
import { useTerminalSize } from '../terminal-size.js';
import { ScreenLayout } from '../layout.js';
import { SelectView } from '../select.js';
import { MARK, Tone } from '../theme.js';
import { Busy } from './marks.js';
import { ValueTable } from './raw-values.js';

const PHASE: Record<SyncProgress['phase'], string> = {
  triggering: 'Starting a delta sync',
  busy: 'The sync server is busy; waiting for its turn',
  cycle: 'The sync cycle is running on the Connect server',
  waiting: 'Waiting for the sync to reach the tenant',
  verifying: 'Verifying the match',
};

export function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function SyncScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'sync' }> }) {
  const { state, screen } = props;
  const { columns } = useTerminalSize();
  if (!state.verdict) {
    const p = screen.progress;
    return (
      <ScreenLayout>
        <Busy width={columns}>
          {p ? `${PHASE[p.phase]} (${elapsed(p.elapsedMs)} elapsed)` : PHASE.triggering}
        </Busy>
        {p?.detail ? <HangingText prefix="  " text={p.detail} width={columns} /> : null}
        <HangingText
          prefix=""
          text="Esc stops waiting (a sync already started keeps running)."
          width={columns}
        />
      </ScreenLayout>
    );
  }
  return (
    <ScreenLayout actions={<SelectView items={syncChoices(state)} cursor={screen.choice} />}>
      <Verdict verdict={state.verdict} width={columns} />
      <Box marginTop={1}>
        <ValueTable
          rows={targetChanges(state.diagnosis, state.verdict.after)}
          left="before"
          right="after"
          width={columns}
        />
      </Box>
      <Hanging lines={reportTail(state.verdict.syncReport)} marker={() => ''} indent={2} width={columns} />
    </ScreenLayout>
  );
}

/** The last lines of the sync's report, without blank lines and table rulers. */
export function reportTail(report: readonly string[], count = 4): string[] {
  return report
    .flatMap((entry) => entry.split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^-+$/.test(line))
    .slice(-count);
}

const VERDICT: Record<SyncVerdict['verdict'], string> = {
  matched: 'Matched',
  'not-yet': 'Not matched yet',
  'sync-failed': 'The sync failed',
  timeout: 'Not matched before the wait ended',
  'wrong-object': 'Joined the wrong object',
};

export function Verdict(props: { verdict: SyncVerdict; width?: number }) {
  const { verdict, detail } = props.verdict;
  const ok = verdict === 'matched';
  return (
    <Box flexDirection="column">
      <Tone tone={ok ? 'ok' : 'error'} bold>{`${ok ? MARK.ok : MARK.fail} ${VERDICT[verdict]}`}</Tone>
      <HangingText prefix="" text={detail} width={props.width} />
    </Box>
  );
}
