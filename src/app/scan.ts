// `syncmatch scan` as a use-case: read the whole directory and the whole tenant in bulk (both at
// once), then forecast every in-scope user in chunks, reporting progress (objects read, pages,
// elapsed) so a screen can show it. Only ports and the core: the readers are injected.
import { createScanner } from '../core/scan/scanner.js';
import type { ScanResult } from '../core/scan/types.js';
import type { SyncSettings } from '../core/snapshot.js';
import type { BulkPage, OnPremBulkReader, TenantBulkReader } from '../ports.js';

export interface ScanProgress {
  phase: 'reading' | 'analysing' | 'done';
  /** Objects read so far per source: 'ad', 'users', 'groups', 'contacts', 'deletedUsers', 'roles'… */
  read: Record<string, number>;
  objects: number;
  pages: number;
  elapsedMs: number;
  /** Users forecast so far, and how many there are (once reading is done). */
  analysed: number;
  total: number;
}

export interface ScanDeps {
  directory: OnPremBulkReader;
  tenant: TenantBulkReader;
  sync: SyncSettings;
  /** Milliseconds, monotonic (tests inject it). */
  now?: () => number;
}

export interface ScanOptions {
  /** OU DNs to forecast; empty = the sync scope. */
  scope: readonly string[];
  onProgress?: (p: ScanProgress) => void;
  signal?: AbortSignal;
  /** Users per chunk between progress reports (default 2000). */
  chunk?: number;
}

/** Lets the event loop breathe between chunks, so a screen can redraw and Ctrl-C is heard. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function scanDirectory(deps: ScanDeps, options: ScanOptions): Promise<ScanResult> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const report = options.onProgress ?? (() => {});
  const progress: ScanProgress = {
    phase: 'reading',
    read: {},
    objects: 0,
    pages: 0,
    elapsedMs: 0,
    analysed: 0,
    total: 0,
  };
  const emit = (patch: Partial<ScanProgress> = {}) => {
    Object.assign(progress, patch, { elapsedMs: now() - started });
    report({ ...progress, read: { ...progress.read } });
  };
  const onPage = (page: BulkPage) => {
    progress.read[page.source] = (progress.read[page.source] ?? 0) + page.objects;
    progress.objects += page.objects;
    progress.pages += 1;
    emit();
  };
  emit();
  const [objects, tenant] = await Promise.all([
    deps.directory.readAll(onPage, options.signal),
    deps.tenant.readAll(onPage, options.signal),
  ]);
  options.signal?.throwIfAborted();
  const scanner = createScanner({ objects, tenant, sync: deps.sync, scope: options.scope });
  const total = scanner.users.length;
  emit({ phase: 'analysing', total });
  const chunk = options.chunk ?? 2000;
  const forecasts = [];
  for (let i = 0; i < total; i += chunk) {
    for (const user of scanner.users.slice(i, i + chunk)) forecasts.push(scanner.forecastUser(user));
    emit({ analysed: forecasts.length });
    await breathe();
    options.signal?.throwIfAborted();
  }
  const result = scanner.finish(forecasts);
  emit({ phase: 'done', analysed: total });
  return result;
}
