/** Every key and price change leaves an audit record; none holds a secret. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_API_KEY, REVOKE_API_KEY, startTestStack, type TestStack } from '../helpers/local-stack.ts';

const AUDIT = `query A($date: AWSDate!) { auditLog(date: $date) { items { id action actorPrincipalId actorKeyId target details createdAt } nextToken } }`;

let stack: TestStack;
let admin: ReturnType<TestStack['as']>;

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('Query.auditLog', () => {
  it('records createApiKey, rotateApiKey, revokeApiKey and setPrice with who did it, and never the secret', async () => {
    const me = (await admin('query { me { principalId keyId } }')).body.data?.me as { principalId: string; keyId: string };
    const created = (await admin(CREATE_API_KEY, { input: { username: 'Audited', team: 'audit-team', tags: [{ key: 'project', value: 'atlas' }] } })).body.data?.createApiKey as { key: string; keyId: string; principalId: string };
    const rotated = (await admin(`mutation { rotateApiKey(keyId: "${created.keyId}", overlapSeconds: 60) { newKey { key keyId } } }`)).body.data?.rotateApiKey as { newKey: { key: string; keyId: string } };
    expect((await admin(REVOKE_API_KEY, { keyId: rotated.newKey.keyId })).body.errors).toBeUndefined();
    const effectiveFrom = new Date(Date.now() + 3_600_000).toISOString();
    const price = await admin(`mutation { setPrice(input: { modelId: "meta.llama3-8b-instruct-v1:0", region: "us-east-1", effectiveFrom: "${effectiveFrom}", inputPer1k: "0.0004", outputPer1k: "0.0007", provider: "meta", source: "audit test" }) { version effectiveFrom } }`);
    expect(price.body.errors).toBeUndefined();
    const version = (price.body.data?.setPrice as { version: string }).version;

    const reply = await admin(AUDIT, { date: new Date().toISOString().slice(0, 10) });
    expect(reply.body.errors).toBeUndefined();
    const items = (reply.body.data?.auditLog as { items: { action: string; actorPrincipalId: string; actorKeyId: string; target: string; details: string }[] }).items;
    expect(items.map((item) => [item.action, item.target])).toEqual([
      ['createApiKey', created.keyId],
      ['rotateApiKey', created.keyId],
      ['revokeApiKey', rotated.newKey.keyId],
      ['setPrice', `meta.llama3-8b-instruct-v1:0|us-east-1|${effectiveFrom}`],
    ]);
    for (const item of items) expect(item).toMatchObject({ actorPrincipalId: me.principalId, actorKeyId: me.keyId });
    expect(JSON.parse(items[0]?.details ?? '{}')).toEqual({
      principalId: created.principalId,
      role: 'USER',
      status: null,
      team: 'audit-team',
      tags: [{ key: 'project', value: 'atlas' }],
    });
    expect(JSON.parse(items[1]?.details ?? '{}')).toMatchObject({ newKeyId: rotated.newKey.keyId, principalId: created.principalId, role: 'USER' });
    expect(JSON.parse(items[3]?.details ?? '{}')).toEqual({ version, inputPer1k: '0.0004', outputPer1k: '0.0007', cacheReadPer1k: null, cacheWritePer1k: null, cacheWrite1hPer1k: null });
    const text = JSON.stringify(items);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(rotated.newKey.key);
  });

  it('fails with Unauthorized for a USER key and ValidationError for a malformed date', async () => {
    const created = (await admin(CREATE_API_KEY, { input: { username: 'Curious' } })).body.data?.createApiKey as { key: string };
    expect((await stack.as(created.key)(AUDIT, { date: '2026-11-26' })).body.errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await admin(AUDIT, { date: '2026-11-26T00:00:00Z' })).body.errors?.[0]).toBeDefined();
  });
});
