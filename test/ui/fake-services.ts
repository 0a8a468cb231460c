// A WizardServices that behaves plausibly: it reports progress for every read step, answers with
// the diagnoses it was given (in order, the last one repeating), records every write it is asked
// for, and can hold an answer until the test releases it (to look at a screen mid-work).
import type {
  ReadProgress,
  StepOutcome,
  SyncProgress,
  SyncVerdict,
  WizardServices,
} from '../../src/app/services.js';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import type { PlanStep } from '../../src/core/plan-types.js';
import { READ_STEPS } from '../../src/core/wizard/state.js';

export interface FakeOptions {
  diagnoses: Diagnosis[];
  outcome?: (step: PlanStep) => StepOutcome;
  verdict?: SyncVerdict;
  unfinished?: string[];
  readOnly?: boolean;
  suggestedIdentity?: string;
  /** Progress lines to report instead of "done" for every step. */
  progress?: ReadProgress[];
  /** Hold diagnose/sync answers until release() is called. */
  hold?: { diagnose?: boolean; sync?: boolean };
  diagnoseError?: Error;
  /** Sync progress to report (after "triggering") instead of one "waiting" line. */
  syncProgress?: SyncProgress[];
}

export interface FakeServices extends WizardServices {
  readonly applied: PlanStep[];
  readonly diagnosed: string[];
  readonly syncs: number;
  release(): void;
  aborted: number;
}

export function fakeServices(options: FakeOptions): FakeServices {
  let calls = 0;
  let releaseHeld: () => void = () => {};
  const held = () => new Promise<void>((resolve) => (releaseHeld = resolve));
  const fake: FakeServices = {
    environmentLabel: 'lab: test',
    suggestedIdentity: options.suggestedIdentity,
    readOnly: options.readOnly ?? false,
    journalPath: '/home/tech/.local/share/syncmatch/journal.jsonl',
    applied: [],
    diagnosed: [],
    syncs: 0,
    aborted: 0,
    release: () => releaseHeld(),
    async unfinishedWrites() {
      return options.unfinished ?? [];
    },
    async diagnose(identity, onProgress, signal) {
      fake.diagnosed.push(identity);
      signal?.addEventListener('abort', () => (fake.aborted += 1));
      const lines =
        options.progress ??
        READ_STEPS.map((step) => ({ step, status: 'done' as const, detail: `${step} ok` }));
      for (const line of lines) onProgress(line);
      if (options.hold?.diagnose) await held();
      if (options.diagnoseError) throw options.diagnoseError;
      const d = options.diagnoses[Math.min(calls, options.diagnoses.length - 1)];
      calls += 1;
      if (!d) throw new Error('fake: no diagnosis configured');
      return d;
    },
    async applyStep(step) {
      fake.applied.push(step);
      return (
        options.outcome?.(step) ?? {
          action: step.action,
          status: 'done',
          detail: `${step.action} done.`,
          journalId: `j${fake.applied.length}`,
          undoCommand: step.reversible ? `syncmatch journal undo j${fake.applied.length}` : undefined,
        }
      );
    },
    async syncAndVerify(_diagnosis, onProgress) {
      (fake as { syncs: number }).syncs += 1;
      onProgress({ phase: 'triggering', elapsedMs: 0, detail: 'Start-ADSyncSyncCycle -PolicyType Delta' });
      for (const p of options.syncProgress ?? [
        { phase: 'waiting', elapsedMs: 65_000, detail: 'export to the tenant pending' },
      ])
        onProgress(p);
      if (options.hold?.sync) await held();
      return (
        options.verdict ?? {
          verdict: 'matched',
          detail: 'The AD user is matched.',
          syncReport: ['Export: 1 update'],
          after: null,
        }
      );
    },
  };
  return fake;
}
