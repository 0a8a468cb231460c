// Faults (issue 8): Graph throttling, outages, timeouts, a failed write and an expiring token;
// LDAP servers that are down, drop the connection, fail TLS, refuse the bind or stop at a size
// limit; a sync server that cannot be reached, refuses us or stays busy. Every run must end with a
// sentence (never a stack trace), and nothing lost: every write journalled before it was sent, every
// journalled result true of what the tenant holds.
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLdapDirectory } from '../../src/adapters/ldap/ldap-directory.js';
import { createSyncTrigger } from '../../src/adapters/remoting/index.js';
import type { LdapDirectoryOptions } from '../../src/adapters/ldap/options.js';
import { runFix, type FixReport } from '../../src/app/fix-flow.js';
import { UserFacingError } from '../../src/core/errors.js';
import { createLabCertificates } from '../../src/lab/graph-simulator/tls.js';
import type { SyncTrigger } from '../../src/ports.js';
import { installShim } from '../adapters/remoting-shim.js';
import { service } from '../helpers/services.js';
import { samba } from '../integration/ldap-service.js';
import { startCuttingProxy, startFakeLdap } from './fake-ldap.js';
import { recordFaultRun } from './figures.js';
import { writeRequests, type Integrity } from './integrity.js';
import { openRig, type Rig, type RigOptions } from './rig.js';

const rigs: Rig[] = [];
afterEach(async () => {
  while (rigs.length) await rigs.pop()!.close();
});

async function rig(scenario: string, options: RigOptions = {}): Promise<Rig> {
  const r = await openRig(scenario, options);
  rigs.push(r);
  return r;
}

/** Checks the run kept its data, records its figures, and returns the integrity for more checks. */
async function kept(
  run: string,
  r: Rig,
  faults: number,
  options: { checkLiveState?: boolean } = {},
): Promise<Integrity> {
  const integrity = await r.integrity(options);
  recordFaultRun({
    run,
    faults,
    writesSent: integrity.writesSent,
    writesWithoutJournal: integrity.writesWithoutJournal,
    dataProblems: integrity.problems,
  });
  expect(integrity.problems).toEqual([]);
  expect(integrity.writesWithoutJournal).toBe(0);
  return integrity;
}

/** Requests the simulator held back and never answered (hung). */
const unanswered = (r: Rig): number => r.sim.log.entries.filter((e) => e.endedAt === 0).length;
/** Requests answered with this status. */
const answered = (r: Rig, status: number): number =>
  r.sim.log.entries.filter((e) => e.status === status).length;

/** Resolves once the simulator has received no request for 300 ms. */
async function quiet(r: Rig): Promise<void> {
  for (let seen = -1; seen !== r.sim.log.entries.length;) {
    seen = r.sim.log.entries.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const fix = (r: Rig, identity = 'jdoe'): Promise<FixReport> =>
  runFix(r.services, identity, new AbortController().signal, undefined, { allowPurge: true });

/** The journal as `phase:step:result` lines. */
async function journalLines(r: Rig): Promise<string[]> {
  const { entries } = await r.journal.read();
  return entries.map((e) => `${e.phase}:${e.step}${e.result ? `:${e.result}` : ''}`);
}

const FULL_FIX = [
  'intent:PURGE_DELETED_USER',
  'result:PURGE_DELETED_USER:done',
  'intent:SET_IMMUTABLE_ID',
  'result:SET_IMMUTABLE_ID:done',
];

/** A failure a technician can act on: a UserFacingError whose sentence carries no stack trace. */
function expectSentence(error: unknown, code: string | RegExp): UserFacingError {
  expect(error).toBeInstanceOf(UserFacingError);
  const e = error as UserFacingError;
  expect(e.code).toMatch(code);
  expect(`${e.message}\n${e.hint ?? ''}`).not.toMatch(/\n\s+at .+:\d+|this is a bug/);
  return e;
}

describe('faults: Microsoft Graph', () => {
  it('429 with Retry-After on a $batch: the read is retried and the fix completes', async () => {
    const r = await rig('recycle-bin-leftover');
    r.sim.faults.throttle({ path: '/$batch', times: 2, retryAfterSeconds: 0.05 });
    const report = await fix(r);
    expect(report.exitCode).toBe(0);
    expect(report.matched).toBe(true);
    const throttled = r.sim.log.outer().filter((e) => e.status === 429);
    expect(throttled).toHaveLength(2);
    expect(r.sim.log.outer().filter((e) => e.retryAttempt !== undefined)).toHaveLength(2);
    expect(await journalLines(r)).toEqual(FULL_FIX);
    await kept('graph 429 on $batch', r, answered(r, 429));
  });

  it('429 inside a $batch: the inner request is sent again after its Retry-After', async () => {
    const r = await rig('recycle-bin-leftover');
    r.sim.faults.throttle({ inBatch: true, path: '/users', times: 3, retryAfterSeconds: 0.05 });
    const report = await fix(r);
    expect(report.exitCode).toBe(0);
    const inner = r.sim.log.inner();
    expect(inner.filter((e) => e.status === 429)).toHaveLength(3);
    // The same inner request answered later.
    const first429 = inner.find((e) => e.status === 429)!;
    expect(inner.some((e) => e.url === first429.url && e.status === 200 && e.seq > first429.seq)).toBe(true);
    expect(await journalLines(r)).toEqual(FULL_FIX);
    await kept('graph 429 inside $batch', r, answered(r, 429));
  });

  it.each([
    ['503', (r: Rig) => r.sim.faults.unavailable({ path: '/$batch', times: 2 })],
    ['504', (r: Rig) => r.sim.faults.gatewayTimeout({ path: '/$batch', times: 2 })],
    ['503 inside $batch', (r: Rig) => r.sim.faults.unavailable({ inBatch: true, path: '/domains' })],
    ['503 on a re-read', (r: Rig) => r.sim.faults.unavailable({ path: '/users/', times: 2 })],
  ])('%s: reads are retried and the fix completes', async (name, inject) => {
    const r = await rig('recycle-bin-leftover');
    inject(r);
    const report = await fix(r);
    expect(report.exitCode).toBe(0);
    expect(r.sim.log.entries.some((e) => e.status === 503 || e.status === 504)).toBe(true);
    expect(await journalLines(r)).toEqual(FULL_FIX);
    await kept(`graph ${name}`, r, answered(r, 503) + answered(r, 504));
  });

  it('429 on a write: the client retries the same write; one intent covers both requests', async () => {
    const r = await rig('recycle-bin-leftover');
    // The DELETE only (the guard's GET of the typed collection is not throttled).
    r.sim.faults.throttle({ path: /^\/directory\/deletedItems\/[0-9a-f-]+$/, retryAfterSeconds: 0.05 });
    const report = await fix(r);
    expect(report.exitCode).toBe(0);
    const deletes = r.sim.log.entries.filter((e) => e.method === 'DELETE');
    expect(deletes.map((e) => e.status)).toEqual([429, 204]);
    expect(await journalLines(r)).toEqual(FULL_FIX);
    await kept('graph 429 on a write', r, answered(r, 429));
  });

  it('throttled beyond the retries: a sentence, exit 1, nothing written', async () => {
    const r = await rig('recycle-bin-leftover');
    r.sim.faults.throttle({ path: '/$batch', times: 50, retryAfterSeconds: 0.01 });
    await expect(r.services.diagnose('jdoe', () => {})).rejects.toSatisfy((e) => {
      expectSentence(e, 'GRAPH_THROTTLED');
      return true;
    });
    const report = await fix(r);
    expect(report.exitCode).toBe(1);
    expect(await journalLines(r)).toEqual([]);
    // The other $batch calls of the same round go on retrying a moment after the first gives up.
    await quiet(r);
    await kept('graph throttled beyond retries', r, answered(r, 429));
  });

  it('500 on a write: journalled as failed, re-read, shown; nothing written after it', async () => {
    const r = await rig('recycle-bin-leftover');
    r.sim.faults.failNextWrite();
    const report = await fix(r);
    expect(report.exitCode).toBe(1);
    expect(report.applied).toHaveLength(1);
    const [purge] = report.applied;
    expect(purge).toMatchObject({ action: 'PURGE_DELETED_USER', status: 'failed' });
    expect(purge!.detail).toMatch(
      /Microsoft Graph answered 500 .*Read back after the failure: state = "in the recycle bin"/,
    );
    expect(await journalLines(r)).toEqual(['intent:PURGE_DELETED_USER', 'result:PURGE_DELETED_USER:failed']);
    const { entries } = await r.journal.read();
    expect(entries[1]!.state).toMatchObject({ id: entries[0]!.target.id }); // the re-read, journalled
    expect(r.state.tenant.deletedUsers.some((u) => u.id === entries[0]!.target.id)).toBe(true);
    await kept('graph 500 on a write', r, answered(r, 500), { checkLiveState: true });
  });

  it('a read that does not answer once: asked again, and the fix completes', async () => {
    const r = await rig('recycle-bin-leftover', { graphTimeoutMs: 300 });
    r.sim.faults.hang({ path: '/$batch' });
    r.sim.faults.hang({ path: /^\/users\/[^/?]+$/ }); // the guard's re-read of the user
    const report = await fix(r);
    expect(report.exitCode).toBe(0);
    expect(await journalLines(r)).toEqual(FULL_FIX);
    await kept('graph read timeout once', r, unanswered(r));
  });

  it('a read that never answers: the timeout is a sentence, and nothing is written', async () => {
    const r = await rig('recycle-bin-leftover', { graphTimeoutMs: 300 });
    r.sim.faults.hang({ path: '/$batch', times: 100 });
    const error = await r.services.diagnose('jdoe', () => {}).catch((e: unknown) => e);
    expect(expectSentence(error, 'GRAPH_UNREACHABLE').message).toMatch(/did not answer in time/);
    expect(await journalLines(r)).toEqual([]);
    await kept('graph read timeout', r, unanswered(r));
  });

  it('a write whose answer never comes and that did not land: re-read, journalled as failed', async () => {
    const r = await rig('recycle-bin-leftover', { graphTimeoutMs: 300 });
    r.sim.faults.hang({ writesOnly: true });
    const report = await fix(r);
    expect(report.exitCode).toBe(1);
    expect(report.applied[0]).toMatchObject({ action: 'PURGE_DELETED_USER', status: 'failed' });
    expect(report.applied[0]!.detail).toMatch(/did not answer in time.*Read back after the failure/);
    expect(await journalLines(r)).toEqual(['intent:PURGE_DELETED_USER', 'result:PURGE_DELETED_USER:failed']);
    await kept('graph write timeout (not landed)', r, unanswered(r), { checkLiveState: true });
  });

  it('a write that landed but whose answer was lost: re-read finds it in place, journalled as done', async () => {
    const r = await rig('recycle-bin-leftover', { graphTimeoutMs: 300 });
    r.sim.faults.hang({ writesOnly: true, afterApply: true });
    const report = await fix(r);
    expect(report.applied[0]).toMatchObject({ action: 'PURGE_DELETED_USER', status: 'done' });
    expect(report.applied[0]!.detail).toMatch(/but the value is in place/);
    expect(report.exitCode).toBe(0);
    expect(await journalLines(r)).toEqual(FULL_FIX);
    await kept('graph write timeout (landed)', r, unanswered(r));
  });

  it('the token expires mid-read and the credential renews it: a sentence, exit 1, and a retry works', async () => {
    const r = await rig('recycle-bin-leftover');
    r.sim.expireToken({ afterRequests: 1 });
    const error = await r.services.diagnose('jdoe', () => {}).catch((e: unknown) => e);
    expect(expectSentence(error, 'GRAPH_UNAUTHORIZED').message).toMatch(/token is expired/);
    const report = await fix(r);
    expect(report.exitCode).toBe(0);
    expect(await journalLines(r)).toEqual(FULL_FIX);
    await kept('graph token expires mid-read', r, answered(r, 401));
  });

  it('the token expires just before a write: refused (401), journalled as failed, nothing changed', async () => {
    const r = await rig('recycle-bin-leftover', { credential: 'fixed' });
    const diagnosis = await r.services.diagnose('jdoe', () => {});
    const purge = diagnosis.plan.find((s) => s.action === 'PURGE_DELETED_USER')!;
    r.sim.expireToken({ afterRequests: 1 }); // the guard's re-read passes, the DELETE does not
    const outcome = await r.services.applyStep(purge, diagnosis, new AbortController().signal);
    expect(outcome.status).toBe('failed');
    expect(outcome.detail).toMatch(/did not accept the sign-in.*Reading it back failed as well/);
    expect(await journalLines(r)).toEqual(['intent:PURGE_DELETED_USER', 'result:PURGE_DELETED_USER:failed']);
    expect(r.sim.log.entries.filter((e) => e.method === 'DELETE').map((e) => e.status)).toEqual([401]);
    await kept('graph token expires before a write', r, answered(r, 401), {
      checkLiveState: true,
    });
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'hostile-values.json');
const fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (fakes.length) await fakes.pop()!.close();
});

const ldapOptions = (url: string, ca: string | undefined, extra: Partial<LdapDirectoryOptions> = {}) => ({
  urls: [url],
  ...(ca ? { ca } : {}),
  bindDn: 'svc-syncmatch@lab.example',
  password: 'not-the-real-one',
  baseDn: 'DC=lab,DC=example',
  connectTimeoutMs: 2_000,
  timeoutMs: 2_000,
  ...extra,
});

/** Opening the directory fails: the environment never opens, so nothing can be written. */
async function openFails(options: LdapDirectoryOptions, code: string | RegExp): Promise<UserFacingError> {
  const error = await createLdapDirectory(options).then(
    (d) => d.close().then(() => null),
    (e: unknown) => e,
  );
  return expectSentence(error, code);
}

describe('faults: LDAP', () => {
  it('server down: "nothing accepts connections", no stack trace', async () => {
    const port = await closedPort();
    const e = await openFails(ldapOptions(`ldaps://127.0.0.1:${port}`, undefined), 'LDAP_UNREACHABLE');
    expect(e.message).toBe(`Nothing accepts connections at ldaps://127.0.0.1:${port} (connection refused).`);
    recordFaultRun({
      run: 'ldap server down',
      faults: 1,
      writesSent: 0,
      writesWithoutJournal: 0,
      dataProblems: [],
    });
  });

  it('TLS failure: a certificate from another CA is not trusted', async () => {
    const fake = await startFakeLdap('busy');
    fakes.push(fake);
    const other = await createLabCertificates();
    await openFails(ldapOptions(fake.url, other.ca), 'LDAP_TLS_UNTRUSTED');
    recordFaultRun({
      run: 'ldap tls untrusted',
      faults: 1,
      writesSent: 0,
      writesWithoutJournal: 0,
      dataProblems: [],
    });
  });

  it('TLS failure: ldaps:// to a port that does not speak TLS', async () => {
    const plain = createServer((socket) => socket.end('this is not TLS\r\n', () => socket.destroy()));
    const port = await new Promise<number>((resolve) =>
      plain.listen(0, '127.0.0.1', () => resolve((plain.address() as { port: number }).port)),
    );
    fakes.push({ close: () => new Promise<void>((resolve) => plain.close(() => resolve())) });
    await openFails(
      ldapOptions(`ldaps://127.0.0.1:${port}`, undefined),
      /^LDAP_(TLS_FAILED|CONNECTION_CLOSED)$/,
    );
    recordFaultRun({
      run: 'ldap tls to plain port',
      faults: 1,
      writesSent: 0,
      writesWithoutJournal: 0,
      dataProblems: [],
    });
  });

  it('bind refused (AD data 52e): "the user name or password is wrong", not retried', async () => {
    const fake = await startFakeLdap('refuse-bind');
    fakes.push(fake);
    const e = await openFails(ldapOptions(fake.url, fake.ca), 'LDAP_BAD_CREDENTIALS');
    expect(e.message).toMatch(/the user name or password is wrong/);
    expect(e.message).not.toContain('not-the-real-one');
    expect(fake.connections()).toBe(1); // a refused password is not tried again (lockouts)
    recordFaultRun({
      run: 'ldap bind refused',
      faults: 1,
      writesSent: 0,
      writesWithoutJournal: 0,
      dataProblems: [],
    });
  });

  it.each([
    ['drop-on-search', 'LDAP_CONNECTION_CLOSED', 2],
    ['size-limit', 'LDAP_SIZE_LIMIT', 1],
    ['busy', 'LDAP_UNAVAILABLE', 1],
  ] as const)(
    '%s: the reading fails with a sentence, the fix exits 1, nothing written',
    async (behaviour, code, connections) => {
      const fake = await startFakeLdap(behaviour);
      fakes.push(fake);
      const directory = await createLdapDirectory(ldapOptions(fake.url, fake.ca));
      const r = await rig(FIXTURE, { directory });
      const error = await r.services.diagnose('jdoe', () => {}).catch((e: unknown) => e);
      expectSentence(error, code);
      // A dropped connection is reopened and the read asked once more before giving up.
      expect(fake.connections()).toBe(connections);
      const report = await fix(r);
      expect(report.exitCode).toBe(1);
      expect(await journalLines(r)).toEqual([]);
      expect(writeRequests(r.sim.log.entries)).toEqual([]);
      await kept(`ldap ${behaviour}`, r, behaviour === 'drop-on-search' ? fake.connections() : 2);
    },
  );
});

describe.skipIf(!samba)('faults: LDAP against the real Samba DC', () => {
  const s = samba!;
  const sambaOptions = (url: string, extra: Partial<LdapDirectoryOptions> = {}): LdapDirectoryOptions => ({
    urls: [url],
    caFile: s.caFile,
    bindDn: s.bindUpn,
    password: s.password,
    baseDn: s.baseDn,
    ...extra,
  });

  it('a connection dropped mid-search is reopened and the read asked again: the right user', async () => {
    const proxy = await startCuttingProxy({ host: '127.0.0.1', port: Number(new URL(s.url).port || 636) });
    fakes.push(proxy);
    const directory = await createLdapDirectory(sambaOptions(proxy.url));
    const r = await rig(FIXTURE, { directory });
    proxy.armCut(); // the search request that comes next is the one cut
    const d = await r.services.diagnose('jdoe', () => {});
    expect(d.onPrem).toMatchObject({ objectGuid: '5c29282a-8e00-41ff-b639-dc4da1aa9294' });
    expect(proxy.connections()).toBe(2);
    await kept('ldap dropped mid-search (Samba)', r, 1);
  });

  it('a wrong password: refused once, with what to check', async () => {
    const e = await openFails(sambaOptions(s.url, { password: 'Wr0ng-password!' }), 'LDAP_BAD_CREDENTIALS');
    expect(e.message).not.toContain('Wr0ng-password!');
    recordFaultRun({
      run: 'ldap bind refused (Samba)',
      faults: 1,
      writesSent: 0,
      writesWithoutJournal: 0,
      dataProblems: [],
    });
  });

  it('TLS failure: the DC is not trusted without its CA', async () => {
    const other = await createLabCertificates();
    await openFails({ ...sambaOptions(s.url), caFile: undefined, ca: other.ca }, 'LDAP_TLS_UNTRUSTED');
    recordFaultRun({
      run: 'ldap tls untrusted (Samba)',
      faults: 1,
      writesSent: 0,
      writesWithoutJournal: 0,
      dataProblems: [],
    });
  });
});

interface SshdService {
  host: string;
  port: number;
  username: string;
  privateKeyFile: string;
  wrongKeyFile: string;
  knownHostsFile: string;
}
const sshd = service<SshdService>('sshd');
const ANY_FINGERPRINT = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

describe('faults: the sync server (remoting)', () => {
  /** The fix with this trigger: the writes land and are journalled, then the sync step fails. */
  async function fixThenSyncFails(run: string, trigger: SyncTrigger, detail: RegExp): Promise<FixReport> {
    const r = await rig('recycle-bin-leftover', { trigger: () => trigger });
    const report = await fix(r);
    const sync = report.applied.find((a) => a.action === 'TRIGGER_DELTA_SYNC');
    // The writes landed and are journalled; the failed sync then undoes what can be undone
    // (issue 13, point 4): the anchor is cleared again (journalled), the purge is final and says so.
    expect(report.applied.filter((a) => a.status === 'done').map((a) => a.action)).toEqual([
      'PURGE_DELETED_USER',
      'SET_IMMUTABLE_ID',
      'CLEAR_IMMUTABLE_ID',
    ]);
    expect(sync?.status).toBe('failed');
    expect(sync?.detail).toMatch(detail);
    expect(sync?.detail).not.toMatch(/\n\s+at .+:\d+|this is a bug/);
    expect(report.rollback.map((l) => `${l.action}:${l.undone}`)).toEqual([
      'SET_IMMUTABLE_ID:true',
      'PURGE_DELETED_USER:false',
    ]);
    expect(report.rollback[1]!.detail).toMatch(/permanently deleted the user from the recycle bin/);
    expect(report.exitCode).toBe(1);
    expect(report.matched).toBe(false);
    expect(await journalLines(r)).toEqual([
      ...FULL_FIX,
      'intent:CLEAR_IMMUTABLE_ID',
      'result:CLEAR_IMMUTABLE_ID:done',
    ]);
    await kept(run, r, 1, { checkLiveState: true });
    return report;
  }

  it('host unreachable: the sync step fails with a sentence, the writes are journalled and the reversible one undone', async () => {
    const port = await closedPort();
    const trigger = createSyncTrigger(
      {
        transport: 'ssh',
        host: '127.0.0.1',
        port,
        username: 'svc',
        hostKeyFingerprint: ANY_FINGERPRINT,
        connectTimeoutMs: 1_000,
      },
      { password: 'x', env: {} },
    );
    await fixThenSyncFails(
      'sync host unreachable',
      trigger,
      new RegExp(`^Nothing accepts ssh connections at 127\\.0\\.0\\.1:${port} \\(connection refused\\)\\.$`),
    );
  });

  it('permission refused on the Connect server (not in ADSyncOperators): a sentence naming the group', async () => {
    const shim = installShim(['powershell.exe']);
    fakes.push({ close: async () => rmSync(shim.root, { recursive: true, force: true }) });
    shim.setMode('denied');
    const trigger = createSyncTrigger(
      {
        transport: 'command',
        command: [join(shim.binDir, 'powershell.exe'), '-NoProfile', '-EncodedCommand', '{encodedCommand}'],
      },
      { env: { PATH: process.env.PATH } },
    );
    await fixThenSyncFails(
      'sync permission denied',
      trigger,
      /^The account may not start a sync .*COM error 80070005.*not a member of ADSyncOperators/,
    );
  });

  it.skipIf(!sshd)(
    'ssh authentication refused (wrong key): a sentence, the writes journalled and the reversible one undone',
    async () => {
      const s = sshd!;
      const trigger = createSyncTrigger(
        {
          transport: 'ssh',
          host: s.host,
          port: s.port,
          username: s.username,
          privateKey: s.wrongKeyFile,
          knownHostsFile: s.knownHostsFile,
        },
        { env: {} },
      );
      await fixThenSyncFails(
        'sync ssh auth refused',
        trigger,
        /refused .*: authentication failed \(tried publickey/,
      );
    },
  );

  it('busy forever: waited out until the deadline, then a sentence; the writes journalled, the reversible one undone', async () => {
    const shim = installShim(['powershell.exe']);
    fakes.push({ close: async () => rmSync(shim.root, { recursive: true, force: true }) });
    shim.setMode('busy');
    const trigger = createSyncTrigger(
      {
        transport: 'command',
        command: [join(shim.binDir, 'powershell.exe'), '-NoProfile', '-EncodedCommand', '{encodedCommand}'],
      },
      { env: { PATH: process.env.PATH } },
    );
    await fixThenSyncFails('sync busy forever', trigger, /^The sync server was still busy after 60 s/);
    expect(shim.calls()).toBe(7); // asked every 10 s (virtual time) for 60 s
  });
});
