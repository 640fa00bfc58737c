/**
 * The certificate the local server presents to TLS clients on its one port (reference §7.6: Amplify v6
 * dials wss:// even for an http:// endpoint). Generated on first start without network or OpenSSL: a
 * local CA and a certificate for localhost, 127.0.0.1 and ::1 signed by it. Clients trust the CA
 * (`NODE_EXTRA_CA_CERTS=<ca.pem>` for Node).
 */
import { X509Certificate, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface LocalCertificate {
  /** The CA certificate clients should trust (PEM file). */
  readonly caPath: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

const DAY_MS = 86_400_000;

function stillGood(certPem: string, now: Date): boolean {
  try {
    const certificate = new X509Certificate(certPem);
    return new Date(certificate.validTo).getTime() - now.getTime() > DAY_MS && certificate.checkIP('127.0.0.1') !== undefined;
  } catch {
    return false;
  }
}

/** Reads the certificate under `dir`, or creates it there when missing or about to expire. */
export async function ensureLocalCertificate(dir: string, now = new Date()): Promise<LocalCertificate> {
  const caPath = join(dir, 'ca.pem');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(caPath) && existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    if (stillGood(cert, now)) return { caPath, ca: readFileSync(caPath, 'utf8'), cert, key: readFileSync(keyPath, 'utf8') };
  }
  mkdirSync(dir, { recursive: true });
  // A name of its own per CA: TLS clients look issuers up by name, so two local CAs (two data dirs)
  // trusted at once must not share one.
  const ca = await generate([{ name: 'commonName', value: `bedrock-ledger local CA ${randomBytes(4).toString('hex')}` }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + 3650 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + 365 * DAY_MS),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  writeFileSync(caPath, ca.cert);
  writeFileSync(certPath, leaf.cert);
  writeFileSync(keyPath, leaf.private, { mode: 0o600 });
  return { caPath, ca: ca.cert, cert: leaf.cert, key: leaf.private };
}
