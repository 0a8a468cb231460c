// `syncmatch setup --check`: tests every configured connection and prints one table of what works
// and what does not, with the reason and what to try — the first thing a technician runs on site.
// Secrets are read as each connection needs them (masked prompt when the profile says so); every
// line printed passes the redactor.
import { describePermissions, type DeviceCodePrompt } from '../adapters/auth/index.js';
import { loadSettings, type Section, type Settings } from '../adapters/config/index.js';
import { secretRedactor } from '../adapters/secrets/index.js';
import { EXIT } from '../core/errors.js';
import { checkGraph } from '../adapters/graph/check.js';
import { checkAd, checkForest } from '../adapters/ldap/check.js';
import { checkSync } from '../adapters/remoting/check.js';
import { row, type CheckRow, type CheckStatus } from '../core/check-row.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput, type Output } from './output.js';
import { adPassword, remotingRuntime, secretSources } from './profile-connections.js';

export type { CheckRow } from '../core/check-row.js';

export interface CheckDeps {
  env?: Record<string, string | undefined>;
  /** Where the device code goes (default: stderr, in large print). */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  /** Home directory for ssh defaults (~/.ssh/known_hosts, keys). */
  home?: string;
}

export interface CheckReport {
  profile: string | null;
  configPath: string;
  readOnly: boolean;
  ok: boolean;
  rows: CheckRow[];
  warnings: string[];
}

/** Runs every check the settings allow; never throws for an expected failure. */
export async function runChecks(settings: Settings, out: Output, deps: CheckDeps = {}): Promise<CheckRow[]> {
  const sources = secretSources(deps.env ?? process.env);
  const rows: CheckRow[] = [];

  const ad = sectionRows('AD', settings.forests ?? settings.ad);
  const several =
    settings.forests?.status === 'ready' &&
    (settings.forests.value.length > 1 || settings.forests.value.some((f) => f.name !== null));
  if (ad) rows.push(...ad);
  else if (several && settings.forests?.status === 'ready') {
    // Several forests (issue 21): each one's domains and Global Catalog.
    for (const forest of settings.forests.value) {
      out.status(`Checking AD forest ${forest.name ?? forest.urls.join(', ')}…`);
      rows.push(...(await checkForest(forest, () => adPassword(forest, sources))));
    }
  } else if (settings.ad.status === 'ready') {
    const value = settings.ad.value;
    out.status(`Checking AD (${value.urls.join(', ')})…`);
    rows.push(...(await checkAd(value, () => adPassword(value, sources))));
  }

  const graph = sectionRows('Graph', settings.tenant);
  if (graph) rows.push(...graph);
  else if (settings.tenant.status === 'ready') {
    const tenant = settings.tenant.value;
    const delegated =
      tenant.signIn === 'device-code' || tenant.signIn === 'browser' || tenant.signIn === 'azure-cli';
    out.status(`Signing in to Microsoft Graph (${tenant.signIn}) for ${tenant.tenant}…`);
    if (!out.json) {
      out.status(`  ${settings.readOnly ? 'Read-only: ' : ''}the permissions syncmatch uses, and what for:`);
      for (const line of describePermissions({ readOnly: settings.readOnly, delegated }))
        out.status(`    ${line}`);
    }
    rows.push(
      ...(await checkGraph(tenant, {
        readOnly: settings.readOnly,
        sources,
        configPath: settings.configPath,
        profile: settings.profile,
        onDeviceCode: deps.onDeviceCode ?? ((p) => showDeviceCode(p, out)),
        onNotice: (text) => out.status(text),
      })),
    );
  }

  const sync = sectionRows('Sync server', settings.sync);
  if (sync) rows.push(...sync);
  else if (settings.sync.status === 'ready') {
    const value = settings.sync.value;
    out.status(`Checking the sync server (${value.transport})…`);
    rows.push(...(await checkSync(value, () => remotingRuntime(value, sources), deps.home)));
  }
  return rows.map((r) => secretRedactor.redactValue(r));
}

/** Rows for a section that cannot be checked (not configured, or configured wrongly). */
function sectionRows(area: CheckRow['area'], section: Section<unknown>): CheckRow[] | null {
  if (section.status === 'ready') return null;
  if (section.status === 'missing') {
    return [
      row(
        area,
        'Settings',
        'skipped',
        `Not configured. ${section.problems.join(' ')}`,
        'Run syncmatch setup.',
      ),
    ];
  }
  return [
    row(
      area,
      'Settings',
      'failed',
      section.problems.join(' '),
      'Run syncmatch setup to correct the profile.',
    ),
  ];
}

function showDeviceCode(prompt: DeviceCodePrompt, out: Output): void {
  out.status('');
  out.status(`  To sign in, open   ${out.paint('bold', prompt.verificationUri)}`);
  out.status(`  and enter the code ${out.paint(['bold', 'cyan'], prompt.userCode)}`);
  out.status('  (waiting for the sign-in to finish in the browser…)');
  out.status('');
}

const MARKS: Record<CheckStatus, string> = { ok: '✓', failed: '✗', warning: '!', skipped: '–' };
const STYLE: Record<CheckStatus, Parameters<Output['paint']>[0]> = {
  ok: 'green',
  failed: 'red',
  warning: 'yellow',
  skipped: 'gray',
};

/** The table as text: one line per check, the hint under a failure or warning. */
export function formatRows(rows: readonly CheckRow[], paint: Output['paint'] = (_s, t) => t): string {
  const areaWidth = Math.max(...rows.map((r) => r.area.length), 4);
  const checkWidth = Math.min(Math.max(...rows.map((r) => r.check.length), 5), 42);
  const lines: string[] = [];
  for (const r of rows) {
    const mark = paint(STYLE[r.status], `${MARKS[r.status]} ${r.status.padEnd(7)}`);
    lines.push(`${mark} ${r.area.padEnd(areaWidth)}  ${r.check.padEnd(checkWidth)}  ${r.detail}`);
    if (r.hint && (r.status === 'failed' || r.status === 'warning')) {
      lines.push(`${' '.repeat(10 + areaWidth + 2)}${paint('gray', `Try: ${r.hint}`)}`);
    }
  }
  return lines.join('\n');
}

export async function checkCommand(
  opts: GlobalOptions & Record<string, unknown>,
  deps: CheckDeps = {},
): Promise<number> {
  const out = createOutput(opts);
  const settings = loadSettings({
    profile: opts.profile,
    flags: opts,
    ...(deps.env ? { env: deps.env } : {}),
  });
  for (const warning of settings.warnings) out.status(out.paint('yellow', warning));
  const where = settings.profile ? `profile ${settings.profile}` : 'the environment and flags (no profile)';
  out.status(`Checking ${where} (${settings.configPath})${settings.readOnly ? ', read-only' : ''}.`);
  const rows = await runChecks(settings, out, deps);
  // Nothing configured is not green: there is nothing that works yet (issue 13, point 10).
  const nothingConfigured = rows.every((r) => r.status === 'skipped');
  const ok = !rows.some((r) => r.status === 'failed') && !nothingConfigured;
  if (out.json) {
    const report: CheckReport = {
      profile: settings.profile,
      configPath: settings.configPath,
      readOnly: settings.readOnly,
      ok,
      rows,
      warnings: settings.warnings,
    };
    out.json_(report);
  } else {
    out.data(secretRedactor.redact(formatRows(rows, out.paint)));
    const failed = rows.filter((r) => r.status === 'failed').length;
    out.status(
      nothingConfigured
        ? 'Nothing is configured: no connection was checked. Run syncmatch setup first.'
        : failed === 0
          ? 'Every configured connection works.'
          : `${failed} check(s) failed.`,
    );
  }
  return ok ? EXIT.ok : EXIT.failure;
}
