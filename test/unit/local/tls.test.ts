import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalCertificate } from '../../../local/tls.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-tls-test-'));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('ensureLocalCertificate', () => {
  it('creates a CA and a certificate for localhost, 127.0.0.1 and ::1 signed by it', async () => {
    const dir = tempDir();
    const made = await ensureLocalCertificate(dir);
    const ca = new X509Certificate(made.ca);
    const leaf = new X509Certificate(made.cert);
    expect(made.caPath).toBe(join(dir, 'ca.pem'));
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBe('::1');
  });

  it('reuses the certificate already under the directory', async () => {
    const dir = tempDir();
    const first = await ensureLocalCertificate(dir);
    const second = await ensureLocalCertificate(dir);
    expect(second.cert).toBe(first.cert);
  });

  it('replaces a certificate that expires within a day', async () => {
    const dir = tempDir();
    const first = await ensureLocalCertificate(dir);
    const later = new Date(Date.now() + 365 * 86_400_000);
    const second = await ensureLocalCertificate(dir, later);
    expect(second.cert).not.toBe(first.cert);
  });

  it('gives each CA its own name, so two local CAs can be trusted together', async () => {
    const [one, two] = await Promise.all([ensureLocalCertificate(tempDir()), ensureLocalCertificate(tempDir())]);
    expect(new X509Certificate(one.ca).subject).not.toBe(new X509Certificate(two.ca).subject);
  });
});
