// Picks the component for the current screen.
import type { WizardState } from '../core/wizard/state.js';
import { ConfirmScreen } from './screens/confirm-screen.js';
import { ApplyingScreen, ErrorScreen, SummaryScreen } from './screens/end-screens.js';
import { readBeforeStep } from '../core/wizard/half-done.js';
import { FindingsScreen } from './screens/findings-screen.js';
import { LeavingScreen, UndoScreen } from './screens/leaving-screen.js';
import { ManualScreen } from './screens/manual-screen.js';
import { PlanScreen } from './screens/plan-screen.js';
import { ReadingScreen } from './screens/reading-screen.js';
import { IdentityScreen, StartingScreen, WarningsScreen } from './screens/start-screens.js';
import { SyncScreen } from './screens/sync-screen.js';
import { useTerminalSize } from './terminal-size.js';

export function ScreenView(props: { state: WizardState }) {
  const { state } = props;
  const screen = state.screen;
  const { columns, rows } = useTerminalSize();
  switch (screen.kind) {
    case 'starting':
      return <StartingScreen />;
    case 'warnings':
      return <WarningsScreen state={state} />;
    case 'identity':
      return <IdentityScreen screen={screen} />;
    case 'reading':
      return <ReadingScreen screen={screen} />;
    case 'findings':
      return (
        <FindingsScreen
          screen={screen}
          diagnosis={state.diagnosis}
          columns={columns}
          rows={rows}
          readBefore={readBeforeStep(state)}
        />
      );
    case 'plan':
      return <PlanScreen state={state} screen={screen} />;
    case 'confirm':
      return <ConfirmScreen state={state} screen={screen} />;
    case 'manual':
      return <ManualScreen state={state} screen={screen} />;
    case 'applying':
      return <ApplyingScreen state={state} screen={screen} />;
    case 'sync':
      return <SyncScreen state={state} screen={screen} />;
    case 'summary':
      return <SummaryScreen state={state} />;
    case 'leaving':
      return <LeavingScreen state={state} screen={screen} />;
    case 'undo':
      return <UndoScreen state={state} screen={screen} />;
    case 'error':
      return <ErrorScreen screen={screen} />;
  }
}
