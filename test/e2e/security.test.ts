import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREATE_API_KEY,
  INVOKE_MODEL,
  REVOKE_API_KEY,
  SEED_REQUEST,
  USAGE_SUMMARY,
  startTestStack,
  today,
  type GraphqlReply,
  type TestStack,
  tamperedKey,
} from '../helpers/local-stack.ts';

const ME = 'query { me { principalId role } }';
const API_KEYS = 'query { apiKeys { items { keyId principalId username prefix status } } }';

let stack: TestStack;
let admin: ReturnType<TestStack['as']>;
let userKey: string;
let user: ReturnType<TestStack['as']>;
const replies: GraphqlReply[] = [];

async function createKey(input: Record<string, unknown>) {
  const reply = await admin(CREATE_API_KEY, { input });
  replies.push(reply);
  return reply;
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = stack.as(stack.adminKey ?? '');
  const created = await createKey({ username: 'Security Test' });
  userKey = (created.body.data?.createApiKey as { key: string }).key;
  user = stack.as(userKey);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('keys of every wrong shape', () => {
  const sameShapeWrongChecksum = () => tamperedKey(userKey);
  it.each([
    ['empty', () => ''],
    ['blank', () => '   '],
    ['a Bearer-prefixed key', () => `Bearer ${userKey}`],
    ['a key with a wrong checksum', sameShapeWrongChecksum],
    ['a well-formed key nobody issued', () => 'bdl_0000000000000000000000000000000000000A'],
    ['2,048 characters', () => 'x'.repeat(2048)],
    ['non-ASCII (Latin-1) text', () => `bdl_${'\u00e9'.repeat(38)}`],
    ['a JWT-looking value', () => 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'],
  ])('fails with 401 for %s', async (_case, key) => {
    const reply = await stack.graphql(ME, {}, { authorization: key() });
    replies.push(reply);
    expect(reply.status).toBe(401);
    expect(reply.body.errors?.[0]?.errorType).toBe('UnauthorizedException');
  });

  it('fails with 401 once a key has expired', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const created = await createKey({ username: 'Short Lived', expiresAt });
    const key = (created.body.data?.createApiKey as { key: string }).key;
    expect((await stack.graphql(ME, {}, { authorization: key })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await stack.graphql(ME, {}, { authorization: key })).status).toBe(401);
  });

  it('fails createApiKey with an expiry in the past and creates nothing', async () => {
    const before = await admin(API_KEYS);
    const reply = await createKey({ username: 'Already Expired', expiresAt: '2020-01-01T00:00:00Z' });
    expect(reply.body.errors?.[0]?.errorType).toBe('ValidationError');
    const after = await admin(API_KEYS);
    expect(after.body.data).toEqual(before.body.data);
  });
});

describe('a USER reaching beyond its principal', () => {
  it('fails to create keys, and nothing is created', async () => {
    const before = await admin(API_KEYS);
    const reply = await user(CREATE_API_KEY, { input: { username: 'Escalation', role: 'ADMIN' } });
    replies.push(reply);
    expect(reply.body.errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await admin(API_KEYS)).body.data).toEqual(before.body.data);
  });

  it("fails to revoke another principal's key, and the key keeps working", async () => {
    const other = await createKey({ username: 'Other Principal' });
    const { keyId, key } = other.body.data?.createApiKey as { keyId: string; key: string };
    const reply = await user(REVOKE_API_KEY, { keyId });
    replies.push(reply);
    expect(reply.body.errors?.[0]?.errorType).toBe('NotFound');
    expect((await stack.graphql(ME, {}, { authorization: key })).status).toBe(200);
  });

  it("fails to read another principal's usage or key list", async () => {
    const other = await createKey({ username: 'Other Reader' });
    const principalId = (other.body.data?.createApiKey as { principalId: string }).principalId;
    const usage = await user(USAGE_SUMMARY, { from: today(), to: today(), principalId });
    const keys = await user('query($p: ID) { apiKeys(principalId: $p) { items { keyId } } }', { p: principalId });
    replies.push(usage, keys);
    expect(usage.body.errors?.[0]?.errorType).toBe('Unauthorized');
    expect(keys.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});

describe('bad input', () => {
  it('fails unknown fields with a validation error and no data', async () => {
    const reply = await user('query { me { principalId secretHash } }');
    replies.push(reply);
    expect(reply.status).toBe(200);
    expect(reply.body.data).toBeNull();
    expect(reply.body.errors?.[0]?.path).toBeNull();
  });

  it.each([
    ['an empty body', '', 'Request body is empty.'],
    ['a body that is not JSON', 'meow', 'Unable to parse GraphQL query.'],
    ['JSON without a query', '{}', 'Unable to parse GraphQL query.'],
  ])('fails %s with 400 MalformedHttpRequestException', async (_case, body, message) => {
    const response = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: userKey }, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message, errorType: 'MalformedHttpRequestException' }] });
  });

  it.each([
    ['an injection-looking idempotency key', { idempotencyKey: "x'; DROP TABLE ledger; --" }, 'ValidationError'],
    ['an empty model id', { modelId: '   ' }, 'ValidationError'],
    ['a model id over 2,048 characters', { modelId: 'a'.repeat(2049) }, 'ValidationError'],
    ['a content type that is not a MIME type', { contentType: 'json' }, 'ValidationError'],
  ])('fails invokeModel with %s, recording nothing', async (_case, override, errorType) => {
    const before = await user(USAGE_SUMMARY, { from: today(), to: today() });
    const reply = await user(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body), ...override } });
    replies.push(reply);
    expect(reply.body.errors?.[0]?.errorType).toBe(errorType);
    const after = await user(USAGE_SUMMARY, { from: today(), to: today() });
    expect(after.body.data).toEqual(before.body.data);
  });

  it('stores an injection-looking username verbatim as data', async () => {
    const username = `<script>alert(1)</script>'; DROP TABLE keys; --`;
    const reply = await createKey({ username });
    expect((reply.body.data?.createApiKey as { username: string }).username).toBe(username);
  });
});

describe('leaks', () => {
  it('never returns a key, a key hash or a stack trace in any response of this suite', () => {
    expect(replies.length).toBeGreaterThan(10);
    for (const reply of replies) {
      const text = JSON.stringify(reply.body);
      const secrets = [userKey, ...replies.flatMap((r) => (r.body.data?.createApiKey ? [(r.body.data.createApiKey as { key: string }).key] : []))];
      const ownCreate = reply.body.data?.createApiKey ? (reply.body.data.createApiKey as { key: string }).key : null;
      for (const secret of secrets) if (secret !== ownCreate) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/keyHash|[0-9a-f]{64}/);
      expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
    }
  });
});
