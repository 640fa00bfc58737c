import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { iamIdentity, verifySigV4 } from '../../../../local/graphql/sigv4.ts';

const CREDENTIALS = { accessKeyId: 'AKIDLOCALEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', userArn: 'arn:aws:iam::123456789012:user/appsync' };
const BODY = JSON.stringify({ query: '{ serviceInfo { name } }' });
const NOW = new Date('2026-11-26T10:00:00Z');

/** Signs the way AWS SDKs and Amplify do (the real signer is the oracle). */
async function signed(overrides: { secret?: string; service?: string; body?: string; at?: Date } = {}) {
  const signer = new SignatureV4({
    service: overrides.service ?? 'appsync',
    region: 'us-east-1',
    credentials: { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: overrides.secret ?? CREDENTIALS.secretAccessKey },
    sha256: Sha256,
  });
  const request = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4000, path: '/graphql', query: {}, headers: { host: '127.0.0.1:4000', 'content-type': 'application/json' }, body: BODY },
    { signingDate: overrides.at ?? NOW },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = String(value);
  return { method: 'POST', path: '/graphql', query: '', headers, body: overrides.body ?? BODY };
}

describe('verifySigV4', () => {
  it('accepts a request signed by the AWS signer with configured credentials', async () => {
    expect(verifySigV4(await signed(), [CREDENTIALS], NOW)).toEqual({ ok: true, credentials: CREDENTIALS, region: 'us-east-1' });
  });

  it.each([
    ['a wrong secret', { secret: 'not-the-secret' }, 'signature does not match'],
    ['a body changed after signing', { body: JSON.stringify({ query: '{ me { principalId } }' }) }, 'signature does not match'],
    ['another service', { service: 'bedrock' }, 'credential scope names service bedrock, not appsync'],
    ['a signature older than 15 minutes', { at: new Date('2026-11-26T09:40:00Z') }, 'signature expired'],
  ])('fails for %s', async (_case, overrides, reason) => {
    expect(verifySigV4(await signed(overrides), [CREDENTIALS], NOW)).toEqual({ ok: false, reason });
  });

  it('fails for an access key it does not know', async () => {
    expect(verifySigV4(await signed(), [{ ...CREDENTIALS, accessKeyId: 'AKIDOTHER' }], NOW)).toEqual({ ok: false, reason: 'unknown access key' });
  });
});

describe('iamIdentity', () => {
  it('reports the caller as AppSync does for IAM (reference §1.2)', () => {
    expect(iamIdentity(CREDENTIALS, ['127.0.0.1'])).toEqual({
      accountId: '123456789012',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: ['127.0.0.1'],
      username: 'AKIDLOCALEXAMPLE',
      userArn: 'arn:aws:iam::123456789012:user/appsync',
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    });
  });
});
