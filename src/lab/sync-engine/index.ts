// The lab's Entra Connect sync engine: Start-ADSyncSyncCycle -PolicyType Delta over a LabState.
export {
  runDeltaSync,
  startSyncCycle,
  busyText,
  SYNC_CYCLE_SUCCESS_OUTPUT,
  type DeltaSyncReport,
} from './cycle.js';
export { systemClock, type SyncClock } from './context.js';
export type { SyncOutcome } from './run-log.js';
export { resolveSourceAnchor } from './anchor.js';
export { cloudUpnFor, isVerifiedSuffix } from './desired.js';
export { isInScope } from './scope.js';
