// The hand-off between a read-only first line and a second line with write rights (issue 17):
// `diagnose <identity> --handoff <case file>` writes the case; `fix --from <case file>` checks it
// (digest, tenant, age), re-reads the same user and says what changed since.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { collectSnapshot } from '../app/collect-snapshot.js';
import { diagnose } from '../core/diagnose.js';
import type { Diagnosis } from '../core/diagnosis-types.js';
import { EXIT, UsageError, UserFacingError } from '../core/errors.js';
import {
  CASE_KIND,
  CASE_VERSION,
  diffSnapshots,
  directoryOf,
  refuseCase,
  sealCase,
  type CaseFile,
  type SnapshotChange,
} from '../core/handoff/case.js';
import type { Snapshot } from '../core/snapshot.js';
import type { Environment } from './environment-types.js';
import { writeReportFile } from './report-file.js';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** How old a case may be before `fix --from` refuses it: --max-age, SYNCMATCH_CASE_MAX_AGE_HOURS, 24 h. */
export function maxCaseAgeMs(flagHours?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (flagHours !== undefined) return flagHours * 3_600_000;
  const raw = env.SYNCMATCH_CASE_MAX_AGE_HOURS;
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      throw new UsageError(`SYNCMATCH_CASE_MAX_AGE_HOURS="${raw}" is not a number of hours above 0.`);
    }
    return n * 3_600_000;
  }
  return 24 * 3_600_000;
}

export interface CaseContext {
  env: Pick<Environment, 'label' | 'tenant' | 'secrets'>;
  operator: string;
  readOnly: boolean;
  now: Date;
}

export async function writeCaseFile(
  path: string,
  snapshot: Snapshot,
  d: Diagnosis,
  ctx: CaseContext,
  force?: boolean,
): Promise<CaseFile> {
  const c = sealCase(
    {
      kind: CASE_KIND,
      version: CASE_VERSION,
      createdAt: ctx.now.toISOString(),
      createdBy: ctx.operator,
      environment: ctx.env.label,
      tenant: ctx.env.tenant.tenantLabel,
      directory: directoryOf(d.onPrem?.dn),
      readOnly: ctx.readOnly,
      identity: snapshot.identity,
      snapshot: JSON.parse(JSON.stringify(snapshot)) as Snapshot,
      findings: d.findings.map(({ code, severity, message }) => ({ code, severity, message })),
      plan: d.plan.map(({ action, description, because, writes, reversible, objectId, change }) => ({
        action,
        description,
        because,
        writes,
        reversible,
        ...(objectId ? { objectId } : {}),
        ...(change ? { change } : {}),
      })),
    },
    sha256,
  );
  await writeReportFile(path, `${JSON.stringify(c, null, 2)}\n`, {
    force,
    secrets: ctx.env.secrets,
    flag: '--handoff',
  });
  return c;
}

const CaseShape = z
  .object({
    kind: z.literal(CASE_KIND),
    version: z.literal(CASE_VERSION),
    createdAt: z.string(),
    createdBy: z.string(),
    environment: z.string(),
    tenant: z.string(),
    directory: z.string().nullable(),
    readOnly: z.boolean(),
    identity: z.string().min(1),
    snapshotDigest: z.string(),
    snapshot: z.object({ identity: z.string(), onPrem: z.object({}).passthrough() }).passthrough(),
    findings: z.array(z.object({ code: z.string() }).passthrough()),
    plan: z.array(z.object({ action: z.string() }).passthrough()),
    digest: z.string(),
  })
  .passthrough();

export async function readCaseFile(path: string): Promise<CaseFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read the case file ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(
      `${path} is not a syncmatch case file (not JSON).`,
      'Write one with "syncmatch diagnose <identity> --handoff <file>".',
    );
  }
  const parsed = CaseShape.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the top level';
    throw new UsageError(
      `${path} is not a syncmatch case file (${where}: ${parsed.error.issues[0]?.message}).`,
    );
  }
  return raw as CaseFile;
}

export interface Continuation {
  caseFile: CaseFile;
  diagnosis: Diagnosis;
  changes: SnapshotChange[];
  planBefore: string[];
  planNow: string[];
}

/**
 * Checks the case (digest, tenant, age), re-reads its user and compares the whole snapshot with
 * the one the case holds. Throws the refusal as a sentence.
 */
export async function continueFromCase(
  c: CaseFile,
  env: Pick<Environment, 'directory' | 'tenant' | 'sync'>,
  check: { now: Date; maxAgeMs: number },
): Promise<Continuation> {
  const refusal = refuseCase(c, { ...check, tenant: env.tenant.tenantLabel }, sha256);
  if (refusal) throw new UserFacingError(refusal, 'CASE_REFUSED', undefined, EXIT.usage);
  const snapshot = await collectSnapshot(
    { directory: env.directory, tenant: env.tenant, sync: env.sync },
    c.identity,
  );
  const fresh = JSON.parse(JSON.stringify(snapshot)) as Snapshot;
  const d = diagnose(snapshot);
  const directory = directoryOf(d.onPrem?.dn);
  if (c.directory && directory && c.directory.toLowerCase() !== directory.toLowerCase()) {
    throw new UserFacingError(
      `The case was written for directory ${c.directory}, but this run reads ${directory}.`,
      'CASE_REFUSED',
      undefined,
      EXIT.usage,
    );
  }
  return {
    caseFile: c,
    diagnosis: d,
    changes: diffSnapshots(c.snapshot, fresh),
    planBefore: c.plan.map((s) => s.action),
    planNow: d.plan.map((s) => s.action),
  };
}

/** What the second line reads before anything is written. */
export function describeContinuation(k: Continuation): string[] {
  const c = k.caseFile;
  const lines = [
    `Case: ${c.identity}, diagnosed ${c.createdAt} by ${c.createdBy} (${c.environment}${c.readOnly ? ', read-only' : ''}).`,
  ];
  if (k.changes.length === 0) {
    lines.push('Nothing changed since the case was written: continuing with its plan.');
    return lines;
  }
  lines.push(`What changed since the case was written (${k.changes.length}):`);
  for (const ch of k.changes.slice(0, 40)) lines.push(`  ${ch.path}: ${ch.before} → ${ch.after}`);
  if (k.changes.length > 40) lines.push(`  … and ${k.changes.length - 40} more.`);
  lines.push(
    `The plan was rebuilt from the new reading: ${k.planBefore.join(', ') || 'nothing'} then, ${k.planNow.join(', ') || 'nothing to do'} now.`,
  );
  return lines;
}
