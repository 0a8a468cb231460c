// A certificate authority and a server certificate for one run of the simulator. The Graph client
// only sends the token to https:// hosts (stack notes), so the lab must speak TLS; a CA made per run
// means nothing is installed on the machine and the PEM is handed to the client explicitly.
import { generate } from 'selfsigned';

export interface LabCertificates {
  /** The CA certificate (PEM) a client must trust. */
  ca: string;
  /** The server certificate (PEM), signed by the CA, valid for IP 127.0.0.1 and localhost. */
  cert: string;
  /** The server's private key (PEM). */
  key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Generates a fresh CA and a server certificate (EC P-256: fast to generate, fine for TLS 1.3).
 * Two local servers trusted together need CAs of different names: with two of one name in a
 * NODE_EXTRA_CA_CERTS bundle, OpenSSL picks the first and fails with CERT_SIGNATURE_FAILURE.
 */
export async function createLabCertificates(
  caName = 'syncmatch lab CA (this run only)',
): Promise<LabCertificates> {
  // A minute of slack for clocks; a lab run never lasts a week.
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + 7 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: caName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { ca: ca.cert, cert: server.cert, key: server.private };
}
