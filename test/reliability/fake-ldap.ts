// Misbehaving LDAP servers on 127.0.0.1 for fault runs, speaking just enough LDAP (BER by hand):
// a TLS server that accepts the bind and then drops the connection on a search, answers it with a
// size-limit error, or refuses the bind the way AD does; and a TCP proxy in front of a real DC that
// can cut connections the moment the next request arrives (dropped mid-search).
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { createLabCertificates, type LabCertificates } from '../../src/lab/graph-simulator/tls.js';

export type FakeBehaviour =
  /** Bind succeeds; every search request closes the connection without an answer. */
  | 'drop-on-search'
  /** Bind succeeds; every search ends with sizeLimitExceeded (4). */
  | 'size-limit'
  /** Bind refused: invalidCredentials (49) with AD's "data 52e" text. */
  | 'refuse-bind'
  /** Bind succeeds; every search answers busy (51). */
  | 'busy';

export interface FakeLdap {
  url: string;
  /** The CA that issued the server's certificate. */
  ca: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

const tag = { bindRequest: 0x60, unbindRequest: 0x42, searchRequest: 0x63 } as const;

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(t: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([t]), encodeLength(value.length), value]);
}

/** An LDAPResult inside `op` (bindResponse 0x61, searchResDone 0x65). */
function result(messageId: Buffer, op: number, code: number, message: string): Buffer {
  const body = Buffer.concat([
    tlv(0x0a, Buffer.from([code])),
    tlv(0x04, Buffer.alloc(0)),
    tlv(0x04, Buffer.from(message, 'utf8')),
  ]);
  return tlv(0x30, Buffer.concat([messageId, tlv(op, body)]));
}

/** Splits whole LDAPMessages off the front of `buffer`: [messageID TLV, operation tag][], rest. */
function readMessages(buffer: Buffer): { messages: { id: Buffer; op: number }[]; rest: Buffer } {
  const messages: { id: Buffer; op: number }[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) break;
    let len = buffer[offset + 1]!;
    let header = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (buffer.length - offset < 2 + n) break;
      len = 0;
      for (let i = 0; i < n; i++) len = (len << 8) | buffer[offset + 2 + i]!;
      header = 2 + n;
    }
    if (buffer.length - offset < header + len) break;
    const start = offset + header;
    const idLength = buffer[start + 1]!;
    const id = buffer.subarray(start, start + 2 + idLength);
    messages.push({ id, op: buffer[start + 2 + idLength]! });
    offset = start + len;
  }
  return { messages, rest: buffer.subarray(offset) };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return (server.address() as { port: number }).port;
}

function stopper(server: Server, sockets: Set<Socket>, maxMs = 60_000): () => Promise<void> {
  const timer = setTimeout(() => void stop(), maxMs);
  timer.unref();
  let stopping: Promise<void> | null = null;
  function stop(): Promise<void> {
    clearTimeout(timer);
    stopping ??= new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
    return stopping;
  }
  return stop;
}

/** An LDAPS server with one misbehaviour. Its certificate is for 127.0.0.1, issued by `ca`. */
export async function startFakeLdap(
  behaviour: FakeBehaviour,
  certificates?: LabCertificates,
): Promise<FakeLdap> {
  const tls = certificates ?? (await createLabCertificates());
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createTlsServer({ cert: tls.cert, key: tls.key }, (socket: TLSSocket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { messages, rest } = readMessages(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const m of messages) answer(socket, m);
    });
  });
  server.on('tlsClientError', () => undefined);

  function answer(socket: TLSSocket, m: { id: Buffer; op: number }): void {
    if (m.op === tag.unbindRequest) return void socket.end();
    if (m.op === tag.bindRequest) {
      if (behaviour === 'refuse-bind') {
        const text =
          '80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1';
        return void socket.write(result(m.id, 0x61, 49, text));
      }
      return void socket.write(result(m.id, 0x61, 0, ''));
    }
    if (m.op === tag.searchRequest) {
      if (behaviour === 'drop-on-search') return void socket.destroy();
      if (behaviour === 'size-limit') return void socket.write(result(m.id, 0x65, 4, 'Size limit exceeded'));
      if (behaviour === 'busy') return void socket.write(result(m.id, 0x65, 51, 'Server busy'));
    }
    socket.destroy();
  }

  const port = await listen(server);
  return {
    url: `ldaps://127.0.0.1:${port}`,
    ca: tls.ca,
    connections: () => accepted,
    close: stopper(server, sockets),
  };
}

export interface CuttingProxy {
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Every connection open now is cut as soon as the client sends its next bytes. */
  armCut(): void;
  close(): Promise<void>;
}

/** A TCP proxy to `target` (host:port). TLS passes through untouched; only the cut is ours. */
export async function startCuttingProxy(target: { host: string; port: number }): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const armed = new Set<Socket>();
  let accepted = 0;
  const server = createTcpServer((client) => {
    accepted += 1;
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      if (armed.has(client)) {
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await listen(server);
  return {
    url: `ldaps://127.0.0.1:${port}`,
    connections: () => accepted,
    armCut() {
      for (const s of sockets) armed.add(s);
    },
    close: stopper(server, sockets),
  };
}
