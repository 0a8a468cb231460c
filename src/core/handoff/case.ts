// The hand-off case file (issue 17): first line diagnoses read-only and writes a case; second line
// runs `fix --from <case>` hours later. Pure: the digest function is passed in (SHA-256 in the
// command layer), so the core stays free of node:crypto.
import type { Finding } from '../findings.js';
import type { PlanStep } from '../plan-types.js';
import type { Snapshot } from '../snapshot.js';

export const CASE_KIND = 'syncmatch-case';
export const CASE_VERSION = 1;

export interface CaseFile {
  kind: typeof CASE_KIND;
  version: typeof CASE_VERSION;
  createdAt: string;
  /** The OS user who ran the diagnosis. */
  createdBy: string;
  /** The profile or lab the diagnosis ran against. */
  environment: string;
  /** Tenant.tenantLabel: a case is refused in another tenant. */
  tenant: string;
  /** The AD domain of the user (the DC= part of its DN). */
  directory: string | null;
  readOnly: boolean;
  identity: string;
  /** SHA-256 of the snapshot's canonical JSON. */
  snapshotDigest: string;
  snapshot: Snapshot;
  findings: Pick<Finding, 'code' | 'severity' | 'message'>[];
  plan: Pick<
    PlanStep,
    'action' | 'description' | 'because' | 'writes' | 'reversible' | 'objectId' | 'change'
  >[];
  /** SHA-256 of the canonical JSON of everything above: an edit shows as a mismatch. */
  digest: string;
}

export type Digest = (text: string) => string;

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** The AD domain of a DN: its DC= components (escaped commas respected). */
export function directoryOf(dn: string | undefined | null): string | null {
  if (!dn) return null;
  const parts = dn.split(/(?<!\\),/).filter((p) => /^\s*DC=/i.test(p));
  return parts.length > 0 ? parts.map((p) => p.trim()).join(',') : null;
}

export function sealCase(body: Omit<CaseFile, 'digest' | 'snapshotDigest'>, digest: Digest): CaseFile {
  const withSnapshot = { ...body, snapshotDigest: digest(canonicalJson(body.snapshot)) };
  return { ...withSnapshot, digest: digest(canonicalJson(withSnapshot)) };
}

export interface CaseCheck {
  now: Date;
  maxAgeMs: number;
  /** The tenant this run is connected to. */
  tenant: string;
}

/** Why a case must not be continued from, or null. Tampering is checked first. */
export function refuseCase(c: CaseFile, check: CaseCheck, digest: Digest): string | null {
  const { digest: stated, ...rest } = c;
  if (digest(canonicalJson(rest)) !== stated) {
    return 'The case file was changed after it was written (its digest does not match): it cannot be trusted. Diagnose the user again.';
  }
  if (digest(canonicalJson(c.snapshot)) !== c.snapshotDigest) {
    return "The case's snapshot does not match its digest: it cannot be trusted. Diagnose the user again.";
  }
  if (c.tenant.toLowerCase() !== check.tenant.toLowerCase()) {
    return `The case was written for tenant ${c.tenant}, but this run is connected to ${check.tenant}.`;
  }
  const created = Date.parse(c.createdAt);
  if (Number.isNaN(created)) return `The case's time (${c.createdAt}) is not a date.`;
  const age = check.now.getTime() - created;
  if (age > check.maxAgeMs) {
    return `The case is ${hours(age)} old (written ${c.createdAt} by ${c.createdBy}); cases older than ${hours(check.maxAgeMs)} are refused. Diagnose the user again.`;
  }
  if (age < -5 * 60_000) return `The case is dated in the future (${c.createdAt}): check the clocks.`;
  return null;
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 1 ? `${Math.round(h * 10) / 10} h` : `${Math.round(ms / 60_000)} min`;
}

export interface SnapshotChange {
  path: string;
  before: string;
  after: string;
}

/** Array items are matched by id (or objectGuid, or dn), so a reordering is not a change. */
function keyOf(item: unknown, index: number): string {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    for (const k of ['id', 'objectGuid', 'dn']) if (typeof o[k] === 'string') return o[k] as string;
  }
  return typeof item === 'string' ? item : `#${index}`;
}

function label(item: unknown, key: string): string {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    for (const k of ['userPrincipalName', 'displayName', 'dn'])
      if (typeof o[k] === 'string') return o[k] as string;
  }
  return key;
}

const brief = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

/** Every difference between two snapshots, as paths a technician can read. */
export function diffSnapshots(before: unknown, after: unknown, path = ''): SnapshotChange[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const primitive = [...before, ...after].every((v) => v === null || typeof v !== 'object');
    if (primitive) {
      const gone = before.filter((v) => !after.some((w) => canonicalJson(w) === canonicalJson(v)));
      const added = after.filter((v) => !before.some((w) => canonicalJson(w) === canonicalJson(v)));
      if (gone.length === 0 && added.length === 0) return []; // reordered only
      return [{ path, before: brief(before), after: brief(after) }];
    }
    const b = new Map(before.map((v, i) => [keyOf(v, i), v]));
    const a = new Map(after.map((v, i) => [keyOf(v, i), v]));
    const out: SnapshotChange[] = [];
    for (const [k, v] of b) {
      const here = `${path}[${label(v, k)}]`;
      if (!a.has(k)) out.push({ path: here, before: 'present', after: '(gone)' });
      else out.push(...diffSnapshots(v, a.get(k), here));
    }
    for (const [k, v] of a)
      if (!b.has(k)) out.push({ path: `${path}[${label(v, k)}]`, before: '(absent)', after: 'present' });
    return out;
  }
  if (
    before &&
    after &&
    typeof before === 'object' &&
    typeof after === 'object' &&
    !Array.isArray(before) &&
    !Array.isArray(after)
  ) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) =>
      diffSnapshots(
        (before as Record<string, unknown>)[k],
        (after as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      ),
    );
  }
  return [{ path, before: brief(before), after: brief(after) }];
}
