// What `syncmatch setup --check` talks to in tests, all on 127.0.0.1: the real Samba DC and sshd
// (test services), a local identity platform (HTTPS, OpenID metadata, token endpoint) and the lab's
// HTTPS Graph simulator accepting the token it issues. The CLI runs as a child process (the built
// entry through tsx) with its own HOME and XDG folders, so every file it writes lands in one tree
// a test can search; the two CAs reach it through NODE_EXTRA_CA_CERTS, as on a technician's laptop
// behind a TLS-inspecting proxy.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startGraphSimulator, type GraphSimulator } from '../../src/lab/graph-simulator/server.js';
import { createLabState } from '../../src/lab/lab-state.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import { fakeJwt, startLocalAuthority, type LocalAuthority } from '../adapters/auth-local-authority.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const TENANT = 'lab.example';
export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';

export interface SambaService {
  url: string;
  starttlsUrl: string;
  caFile: string;
  baseDn: string;
  bindDn: string;
  bindUpn: string;
  bindDomainUser: string;
  password: string;
  scopeOu: string;
}

export interface SshdService {
  host: string;
  port: number;
  username: string;
  privateKeyFile: string;
  hostKeyFingerprint: string;
  /** The powershell stand-in's state directory (its `mode` file). */
  stateDir: string;
}

export interface World {
  authority: LocalAuthority;
  graph: GraphSimulator;
  clientSecret: string;
  /** A directory outside the CLI's tree: the CA bundle, the fake PowerShell. */
  fixtures: string;
  /** HOME, XDG folders, SYNCMATCH_DATA_DIR and TMPDIR of the CLI: everything it writes. */
  root: string;
  env: Record<string, string>;
  tenantFlags: string[];
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Application permissions in the issued token. */
  roles?: string[];
  clientSecret?: string;
  /** Issue a person's token (scp, upn) instead of an app's: for device-code sign-in. */
  delegated?: boolean;
}

export const ALL_ROLES = [
  'User.Read.All',
  'Group.Read.All',
  'OrgContact.Read.All',
  'Domain.Read.All',
  'RoleManagement.Read.Directory',
  'User.ReadWrite.All',
  'User.DeleteRestore.All',
];

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const clientSecret = options.clientSecret ?? `cs~${Math.random().toString(36).slice(2)}.Secret_Value`;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const tid = '8c2b7a4e-1111-2222-3333-444455556666';
  const token = options.delegated
    ? fakeJwt({
        aud: 'https://graph.microsoft.com',
        tid,
        upn: 'tech@lab.example',
        appid: CLIENT_ID,
        scp: [...(options.roles ?? ALL_ROLES), 'OnPremDirectorySynchronization.Read.All'].join(' '),
        exp,
      })
    : fakeJwt({
        aud: 'https://graph.microsoft.com',
        tid,
        idtyp: 'app',
        appid: CLIENT_ID,
        roles: options.roles ?? ALL_ROLES,
        exp,
      });
  const authority = await startLocalAuthority({
    tenant: TENANT,
    clientId: CLIENT_ID,
    clientSecret,
    accessToken: token,
  });
  const state = createLabState(await loadScenario('healthy'));
  const graph = await startGraphSimulator(state, { token, maxRuntimeMs: 120_000 });
  const fixtures = await mkdtemp(join(tmpdir(), 'sm-fixtures-'));
  const root = await mkdtemp(join(tmpdir(), 'sm-cli-root-'));
  const caBundle = join(fixtures, 'extra-ca.pem');
  await writeFile(caBundle, `${authority.ca}\n${graph.ca}\n`);
  for (const dir of ['home', 'config', 'data', 'cache', 'tmp']) await mkdir(join(root, dir));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(root, 'home'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CACHE_HOME: join(root, 'cache'),
    SYNCMATCH_DATA_DIR: join(root, 'data', 'syncmatch'),
    TMPDIR: join(root, 'tmp'),
    NODE_EXTRA_CA_CERTS: caBundle,
    NO_COLOR: '1',
  };
  return {
    authority,
    graph,
    clientSecret,
    fixtures,
    root,
    env,
    tenantFlags: [
      '--tenant',
      TENANT,
      '--client-id',
      CLIENT_ID,
      '--sign-in',
      'client-secret',
      '--authority-host',
      authority.host,
      '--graph-endpoint',
      graph.baseUrl,
    ],
    async close() {
      await graph.close();
      await authority.close();
      await rm(root, { recursive: true, force: true });
      await rm(fixtures, { recursive: true, force: true });
    },
  };
}

/**
 * A stand-in for powershell that answers Get-ADSyncScheduler (the ssh test service's shim only
 * imitates Start-ADSyncSyncCycle). Used through the `command` transport: no shell in between.
 */
export async function fakeSchedulerPowerShell(dir: string, staging = false): Promise<string> {
  const file = join(dir, staging ? 'ps-staging' : 'ps-scheduler');
  await writeFile(
    file,
    [
      '#!/bin/bash',
      'script=$(printf "%s" "$2" | base64 -d | iconv -f UTF-16LE -t UTF-8)',
      'case "$script" in',
      '  *Get-ADSyncScheduler*)',
      '    printf "SyncCycleEnabled=True\\r\\nSyncCycleInProgress=False\\r\\n"',
      `    printf "StagingModeEnabled=${staging ? 'True' : 'False'}\\r\\nNextSyncCycleStartTimeInUTC=11/22/2026 03:30:00\\r\\n" ;;`,
      '  *) echo "unexpected script" >&2; exit 1 ;;',
      'esac',
      '',
    ].join('\n'),
  );
  await chmod(file, 0o755);
  return file;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source (tsx), with exactly this environment, optionally feeding stdin. */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), ...args], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

/** Every regular file under a directory, with its bytes. */
export async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    out.push({ path, bytes: await readFile(path) });
  }
  return out;
}
