// Connecting to AD: LDAPS and StartTLS with the lab CA against the real Samba DC, the three bind
// forms, base DN discovery, and each failure a technician meets on site with the sentence it gets.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StrongAuthRequiredError } from 'ldapts';
import { generate } from 'selfsigned';
import { afterAll, describe, expect, it } from 'vitest';
import { createLdapDirectory } from '../../src/adapters/ldap/ldap-directory.js';
import { toLdapUserFacingError } from '../../src/adapters/ldap/errors.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import { UserFacingError } from '../../src/core/errors.js';
import { openSamba, samba } from './ldap-service.js';

/** A loopback TCP server that records connections and does whatever `onSocket` says. */
async function tcpServer(host = '127.0.0.1', onSocket: (s: Socket) => void = () => {}) {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => {
    sockets.push(s);
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    get connections() {
      return sockets.length;
    },
    /** Cuts every open connection (as a DC or firewall dropping an idle one) and keeps listening. */
    drop() {
      sockets.forEach((s) => s.destroy());
    },
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (a server opened and closed again). */
async function closedPort(): Promise<number> {
  const s = await tcpServer();
  await s.close();
  return s.port;
}

async function failure(p: Promise<unknown>): Promise<UserFacingError> {
  const e = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserFacingError);
  return e as UserFacingError;
}

const PASSWORD = 'not-the-real-one-Zq7!';
const tmp = mkdtempSync(join(tmpdir(), 'syncmatch-ldap-'));

describe('LDAP connection safety (no server needed)', () => {
  it('refuses a simple bind over plain ldap:// before sending anything, and says why', async () => {
    const server = await tcpServer();
    try {
      const e = await failure(
        createLdapDirectory({
          urls: [`ldap://127.0.0.1:${server.port}`],
          bindDn: 'svc@lab.example',
          password: PASSWORD,
        }),
      );
      expect(e.code).toBe('LDAP_PLAIN_BIND_REFUSED');
      expect(e.message).toMatch(/clear text/);
      expect(e.message).toMatch(/Transport encryption required/);
      expect(e.hint).toMatch(/ldaps:\/\/127\.0\.0\.1:636.*StartTLS/);
      expect(server.connections).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('refuses when any configured server is plain ldap:// without StartTLS', async () => {
    const e = await failure(
      createLdapDirectory({
        urls: ['ldaps://127.0.0.1:1', 'ldap://127.0.0.1:2'],
        bindDn: 'svc@lab.example',
        password: PASSWORD,
      }),
    );
    expect(e.code).toBe('LDAP_PLAIN_BIND_REFUSED');
  });

  it('rejects URLs that are not LDAP, with the expected form', async () => {
    const e = await failure(createLdapDirectory({ urls: ['https://dc01'], bindDn: 'x', password: 'y' }));
    expect(e.code).toBe('LDAP_BAD_URL');
    expect(e.message).toMatch(/ldaps:\/\/ or ldap:\/\//);
  });

  it('says nothing answers when the port is closed', async () => {
    const port = await closedPort();
    const e = await failure(
      createLdapDirectory({
        urls: [`ldaps://127.0.0.1:${port}`],
        bindDn: 'svc@lab.example',
        password: PASSWORD,
      }),
    );
    expect(e.code).toBe('LDAP_UNREACHABLE');
    expect(e.message).toContain(`ldaps://127.0.0.1:${port}`);
    expect(e.message).toMatch(/connection refused/);
    expect(e.hint).toMatch(/port/);
  });

  it('times out connecting to a server that accepts but never completes TLS', async () => {
    const silent = await tcpServer();
    try {
      const t0 = performance.now();
      const e = await failure(
        createLdapDirectory({
          urls: [`ldaps://127.0.0.1:${silent.port}`],
          bindDn: 'svc@lab.example',
          password: PASSWORD,
          connectTimeoutMs: 300,
        }),
      );
      expect(e.code).toBe('LDAP_TIMEOUT');
      expect(e.message).toMatch(/Timed out connecting to ldaps:\/\/127\.0\.0\.1/);
      expect(performance.now() - t0).toBeLessThan(3000);
    } finally {
      await silent.close();
    }
  });

  it('times out waiting for a StartTLS answer from a silent server', async () => {
    const silent = await tcpServer();
    try {
      const e = await failure(
        createLdapDirectory({
          urls: [`ldap://127.0.0.1:${silent.port}`],
          startTls: true,
          bindDn: 'svc@lab.example',
          password: PASSWORD,
          timeoutMs: 300,
        }),
      );
      expect(e.code).toBe('LDAP_TIMEOUT');
      expect(e.message).toMatch(/waiting for an answer/);
    } finally {
      await silent.close();
    }
  });

  it('says which CA file cannot be read, or holds no certificate', async () => {
    const base = { urls: ['ldaps://127.0.0.1:1'], bindDn: 'svc@lab.example', password: PASSWORD };
    const missing = join(tmp, 'missing.pem');
    const e1 = await failure(createLdapDirectory({ ...base, caFile: missing }));
    expect(e1.code).toBe('LDAP_CA_FILE');
    expect(e1.message).toContain(missing);
    expect(e1.message).toMatch(/ENOENT/);
    const notPem = join(tmp, 'ca.der');
    writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01, 0x00]));
    const e2 = await failure(createLdapDirectory({ ...base, caFile: notPem }));
    expect(e2.code).toBe('LDAP_CA_FILE');
    expect(e2.hint).toMatch(/BEGIN CERTIFICATE/);
  });

  it('refuses an anchor attribute that is not an attribute name', async () => {
    const e = await failure(
      createLdapDirectory({
        urls: ['ldaps://127.0.0.1:1'],
        bindDn: 'x',
        password: 'y',
        anchorAttribute: 'employeeID)(objectClass=*',
      }),
    );
    expect(e.code).toBe('LDAP_BAD_ANCHOR');
  });
});

describe.skipIf(!samba)('LDAP against the Samba DC', () => {
  const s = samba!;
  const opened: { close(): Promise<void> }[] = [];
  const keep = <T extends { close(): Promise<void> }>(d: T) => (opened.push(d), d);
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
  });

  it.each([
    ['UPN', () => s.bindUpn],
    ['DOMAIN\\user', () => s.bindDomainUser],
    ['DN', () => s.bindDn],
  ])('binds over LDAPS with the CA file, as %s', async (_form, bindDn) => {
    const dir = keep(await openSamba(s, { bindDn: bindDn() }));
    expect(dir.url).toBe('ldaps://127.0.0.1:636');
    const [john] = await dir.findUser(parseIdentity('jdoe'));
    expect(john?.objectGuid).toBe(s.objects.john!.guid);
  });

  it('binds over ldap:// with StartTLS and the CA file', async () => {
    const dir = keep(await openSamba(s, { urls: [s.starttlsUrl], startTls: true }));
    expect(dir.url).toBe('ldap://127.0.0.1:389');
    const [jane] = await dir.findUser(parseIdentity('roe.jane@lab.example'));
    expect(jane?.objectGuid).toBe(s.objects.jane!.guid);
  });

  it('takes the CA as PEM text as well as a file', async () => {
    const dir = keep(await openSamba(s, { caFile: undefined, ca: readFileSync(s.caFile, 'utf8') }));
    expect(await dir.readByGuid(s.objects.group!.guid)).not.toBeNull();
  });

  it('discovers the base DN from the rootDSE when none is given', async () => {
    const dir = keep(await openSamba(s, { baseDn: undefined }));
    expect(dir.baseDn).toBe('DC=lab,DC=example');
    expect(await dir.findUser(parseIdentity('jdoe'))).toHaveLength(1);
  });

  it('the server itself refuses a simple bind on plain LDAP (why the adapter refuses first)', async () => {
    const raw = new Client({ url: s.starttlsUrl });
    const err = await raw.bind(s.bindDn, s.password).then(
      () => null,
      (e: unknown) => e,
    );
    await raw.unbind();
    expect(err).toBeInstanceOf(StrongAuthRequiredError);
    expect((err as Error).message).toMatch(/BindSimple: Transport encryption required/);
    const mapped = toLdapUserFacingError(err, { url: s.starttlsUrl, phase: 'bind' });
    expect(mapped.code).toBe('LDAP_ENCRYPTION_REQUIRED');
    expect(mapped.hint).toMatch(/StartTLS/);
  });

  it('says the user name or password is wrong (AD data 52e), without echoing the password', async () => {
    const e = await failure(openSamba(s, { password: PASSWORD }));
    expect(e.code).toBe('LDAP_BAD_CREDENTIALS');
    expect(e.message).toBe(
      `Signing in to ldaps://127.0.0.1:636 as "${s.bindUpn}" failed: the user name or password is wrong.`,
    );
    expect(`${e.message} ${e.hint}`).not.toContain(PASSWORD);
  });

  it('does not retry a refused password on the next server (lockouts)', async () => {
    const next = await tcpServer();
    try {
      const e = await failure(
        openSamba(s, { urls: [s.url, `ldaps://127.0.0.1:${next.port}`], password: PASSWORD }),
      );
      expect(e.code).toBe('LDAP_BAD_CREDENTIALS');
      expect(next.connections).toBe(0);
    } finally {
      await next.close();
    }
  });

  it('moves on to the next server when one is unreachable', async () => {
    const port = await closedPort();
    const dir = keep(await openSamba(s, { urls: [`ldaps://127.0.0.1:${port}`, s.url] }));
    expect(dir.url).toBe(s.url);
  });

  it('says the certificate is not trusted without the CA, and with the wrong CA names the file', async () => {
    const e1 = await failure(openSamba(s, { caFile: undefined }));
    expect(e1.code).toBe('LDAP_TLS_UNTRUSTED');
    expect(e1.hint).toMatch(/CA file/);
    const other = await generate([{ name: 'commonName', value: 'Some Other CA' }], { keySize: 2048 });
    const otherFile = join(tmp, 'other-ca.pem');
    writeFileSync(otherFile, other.cert);
    const e2 = await failure(openSamba(s, { caFile: otherFile }));
    expect(e2.code).toBe('LDAP_TLS_UNTRUSTED');
    expect(e2.hint).toContain(otherFile);
  });

  /** 127.0.0.2 reaches the DC through a relay; the certificate names 127.0.0.1 and localhost only. */
  async function relayTo(port: number) {
    return tcpServer('127.0.0.2', (client) => {
      const upstream = connect(port, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  }

  it('says the certificate does not name the address connected to (LDAPS)', async () => {
    const relay = await relayTo(636);
    try {
      const url = `ldaps://127.0.0.2:${relay.port}`;
      const e = await failure(openSamba(s, { urls: [url] }));
      expect(e.code).toBe('LDAP_TLS_HOSTNAME');
      expect(e.message).toMatch(/127\.0\.0\.2/);
      const insecure = keep(await openSamba(s, { urls: [url], insecureTls: true }));
      expect(await insecure.findUser(parseIdentity('jdoe'))).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('verifies the certificate after StartTLS too: the name, and the CA', async () => {
    const relay = await relayTo(389);
    try {
      const url = `ldap://127.0.0.2:${relay.port}`;
      const e1 = await failure(openSamba(s, { urls: [url], startTls: true }));
      expect(e1.code).toBe('LDAP_TLS_HOSTNAME');
      const e2 = await failure(openSamba(s, { urls: [s.starttlsUrl], startTls: true, caFile: undefined }));
      expect(e2.code).toBe('LDAP_TLS_UNTRUSTED');
    } finally {
      await relay.close();
    }
  });

  it('connects and binds again when the connection was dropped between searches', async () => {
    const relay = await tcpServer('127.0.0.1', (client) => {
      const upstream = connect(636, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    try {
      const dir = keep(await openSamba(s, { urls: [`ldaps://127.0.0.1:${relay.port}`] }));
      const [john] = await dir.findUser(parseIdentity('jdoe'));
      relay.drop();
      const related = await dir.findRelated(john!);
      expect(related).toHaveLength(3);
      expect(relay.connections).toBe(2);
    } finally {
      await relay.close();
    }
  });

  it('explains an ldaps:// URL pointed at the plain LDAP port', async () => {
    const e = await failure(openSamba(s, { urls: ['ldaps://127.0.0.1:389'], connectTimeoutMs: 3000 }));
    expect(['LDAP_CONNECTION_CLOSED', 'LDAP_TLS_FAILED']).toContain(e.code);
    expect(e.hint).toMatch(/636/);
  });

  it('says the base DN does not exist', async () => {
    const dir = keep(await openSamba(s, { baseDn: 'DC=nowhere,DC=example' }));
    const e = await failure(dir.findUser(parseIdentity('jdoe')));
    expect(e.code).toBe('LDAP_BASE_DN_NOT_FOUND');
    expect(e.message).toContain('DC=nowhere,DC=example');
  });

  it('says an anonymous search is refused for want of a bind (server text mapped)', async () => {
    const raw = new Client({ url: s.url, tlsOptions: { ca: [readFileSync(s.caFile, 'utf8')] } });
    const err = await raw.search(s.baseDn, { filter: '(objectClass=user)' }).then(
      () => null,
      (e: unknown) => e,
    );
    await raw.unbind();
    const mapped = toLdapUserFacingError(err, { url: s.url, phase: 'search' });
    expect(mapped.code).toBe('LDAP_NOT_AUTHENTICATED');
  });
});
