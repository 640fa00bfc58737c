import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import type { HttpResponse } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREATE_API_KEY,
  INVOCATIONS,
  INVOKE_MODEL,
  REVOKE_API_KEY,
  SEED_REQUEST,
  USAGE_SUMMARY,
  startTestStack,
  today,
  type TestStack,
  tamperedKey,
} from '../helpers/local-stack.ts';

/**
 * Claude 3 Haiku's on-demand price in bedrock-prices.json (region "*"): 0.00025 USD per 1,000 input
 * tokens = 250 nano-USD per token, 0.00125 USD per 1,000 output tokens = 1,250 nano-USD per token.
 */
const HAIKU_NANO_PER_INPUT_TOKEN = 250n;
const HAIKU_NANO_PER_OUTPUT_TOKEN = 1250n;

let stack: TestStack;
let admin: ReturnType<TestStack['as']>;
let userKey: string;
let userPrincipal: string;
let user: ReturnType<TestStack['as']>;

async function createKey(username: string, role: 'USER' | 'ADMIN' = 'USER') {
  const reply = await admin(CREATE_API_KEY, { input: { username, role } });
  expect(reply.body.errors).toBeUndefined();
  return reply.body.data?.createApiKey as { key: string; keyId: string; principalId: string };
}

async function usageOf(caller: ReturnType<TestStack['as']>, principalId?: string) {
  const reply = await caller(USAGE_SUMMARY, { from: today(), to: today(), principalId });
  expect(reply.body.errors).toBeUndefined();
  return reply.body.data?.usageSummary as { totals: { invocations: number; inputTokens: number; outputTokens: number; costNanoUsd: string; costUsd: string } };
}

/** What the emulator answers for the same request, read straight through the SDK (headers included). */
async function askEmulatorDirectly(body: unknown) {
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: stack.bedrockUrl ?? '',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const command = new InvokeModelCommand({ modelId: SEED_REQUEST.modelId, body: JSON.stringify(body), contentType: 'application/json' });
  let headers: Record<string, string> = {};
  command.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      headers = (out.response as HttpResponse).headers;
      return out;
    },
    { step: 'deserialize', name: 'captureHeaders' },
  );
  const out = await client.send(command);
  client.destroy();
  return { headers, body: JSON.parse(new TextDecoder().decode(out.body)) as Record<string, unknown> };
}

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
  const created = await createKey('Your Name');
  userKey = created.key;
  userPrincipal = created.principalId;
  user = stack.as(userKey);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('Mutation.invokeModel', () => {
  it("returns Bedrock's body with the token counts from Bedrock's headers and the exact catalogue cost", async () => {
    const before = await usageOf(user);
    const reply = await user(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    const result = reply.body.data?.invokeModel as {
      body: string;
      principalId: string;
      usage: { inputTokens: number; outputTokens: number; cacheReadInputTokens: number; cacheWriteInputTokens: number };
      cost: { usd: string; nanoUsd: string; priced: boolean };
    };
    const direct = await askEmulatorDirectly(SEED_REQUEST.body);
    expect(result.usage.inputTokens).toBe(Number(direct.headers['x-amzn-bedrock-input-token-count']));
    expect(result.usage.outputTokens).toBe(Number(direct.headers['x-amzn-bedrock-output-token-count']));
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.principalId).toBe(userPrincipal);

    const body = JSON.parse(result.body) as Record<string, unknown>;
    expect(body.type).toBe('message');
    expect(body.content).toEqual(direct.body.content);
    expect(body.usage).toEqual(direct.body.usage);

    const expectedNano =
      BigInt(result.usage.inputTokens) * HAIKU_NANO_PER_INPUT_TOKEN + BigInt(result.usage.outputTokens) * HAIKU_NANO_PER_OUTPUT_TOKEN;
    expect(result.cost).toEqual({ nanoUsd: expectedNano.toString(), usd: `0.${expectedNano.toString().padStart(9, '0')}`, priced: true });

    const after = await usageOf(user);
    expect(after.totals.invocations).toBe(before.totals.invocations + 1);
    expect(BigInt(after.totals.costNanoUsd) - BigInt(before.totals.costNanoUsd)).toBe(expectedNano);
  });

  it('counts a request sent twice with the same idempotencyKey once and returns the first result', async () => {
    const before = await usageOf(user);
    const input = { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body), idempotencyKey: 'seed-retry-1' };
    const first = await user(INVOKE_MODEL, { input });
    const second = await user(INVOKE_MODEL, { input });
    expect(first.body.errors).toBeUndefined();
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data?.invokeModel).toEqual(first.body.data?.invokeModel);
    const after = await usageOf(user);
    expect(after.totals.invocations).toBe(before.totals.invocations + 1);
  });

  it('fails with IdempotencyKeyMismatch when a key is reused for a different request', async () => {
    const input = { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body), idempotencyKey: 'seed-retry-2' };
    await user(INVOKE_MODEL, { input });
    const changed = { ...input, body: JSON.stringify({ ...SEED_REQUEST.body, max_tokens: 10 }) };
    const reply = await user(INVOKE_MODEL, { input: changed });
    expect(reply.body.errors?.[0]?.errorType).toBe('IdempotencyKeyMismatch');
  });

  it.each([
    ['malformed AWSJSON body', { modelId: SEED_REQUEST.modelId, body: '{"anthropic_version": ' }, null],
    ['unknown model', { modelId: 'anthropic.claude-does-not-exist-v9:0', body: JSON.stringify(SEED_REQUEST.body) }, /^Bedrock:/],
    [
      'missing max_tokens',
      { modelId: SEED_REQUEST.modelId, body: JSON.stringify({ ...SEED_REQUEST.body, max_tokens: undefined }) },
      'Bedrock:ValidationException',
    ],
    ['a body that is not an object', { modelId: SEED_REQUEST.modelId, body: '[1,2,3]' }, 'ValidationError'],
  ])('fails for a %s with an error and records nothing', async (_name, input, errorType) => {
    const before = await usageOf(user);
    const reply = await user(INVOKE_MODEL, { input });
    expect(reply.status).toBe(200);
    const error = reply.body.errors?.[0];
    expect(error).toBeDefined();
    if (errorType instanceof RegExp) expect(error?.errorType).toMatch(errorType);
    else if (errorType) expect(error?.errorType).toBe(errorType);
    else expect(error?.message).toMatch(/AWSJSON/);
    const after = await usageOf(user);
    expect(after.totals).toEqual(before.totals);
  });
});

describe('authorization', () => {
  const ME = 'query { me { principalId role username keyId } }';

  it('fails with 401 and AppSync\'s body without any key', async () => {
    const reply = await stack.graphql(ME, {}, {});
    expect(reply.status).toBe(401);
    expect(reply.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(reply.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
  });

  it('fails with 401 for a wrong key', async () => {
    const wrong = tamperedKey(userKey);
    const reply = await stack.graphql(ME, {}, { authorization: wrong });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });
  });

  it('fails with 401 for a revoked key', async () => {
    const created = await createKey('Soon Revoked');
    const revoked = await admin(REVOKE_API_KEY, { keyId: created.keyId });
    expect(revoked.body.data?.revokeApiKey).toMatchObject({ keyId: created.keyId, status: 'REVOKED' });
    const reply = await stack.graphql(ME, {}, { authorization: created.key });
    expect(reply.status).toBe(401);
  });

  it('answers me with the principal behind the key', async () => {
    const reply = await user(ME);
    expect(reply.body.data?.me).toMatchObject({ principalId: userPrincipal, role: 'USER', username: 'Your Name' });
  });

  it("fails when a USER asks for another principal's usage", async () => {
    const other = await createKey('Someone Else');
    const reply = await user(USAGE_SUMMARY, { from: today(), to: today(), principalId: other.principalId });
    expect(reply.body.data).toBeNull();
    expect(reply.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it("lets an ADMIN read any principal's usage and invocations", async () => {
    const usage = await usageOf(admin, userPrincipal);
    expect(usage.totals.invocations).toBeGreaterThan(0);
    const page = await admin(INVOCATIONS, { principalId: userPrincipal, limit: 1 });
    const invocations = page.body.data?.invocations as { items: { principalId: string }[]; nextToken: string | null };
    expect(invocations.items).toHaveLength(1);
    expect(invocations.items[0]?.principalId).toBe(userPrincipal);
    expect(invocations.nextToken).toEqual(expect.any(String));
  });

  it('fails when a USER key calls createApiKey', async () => {
    const reply = await user(CREATE_API_KEY, { input: { username: 'Intruder', role: 'ADMIN' } });
    expect(reply.body.data).toBeNull();
    expect(reply.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it('serves serviceInfo to the AppSync API key but not the caller fields', async () => {
    const info = await stack.graphql('query { serviceInfo { name version } }', {}, { 'x-api-key': stack.appSyncApiKey });
    expect(info.body.data?.serviceInfo).toEqual({ name: 'bedrock-ledger', version: expect.any(String) });
    const me = await stack.graphql(ME, {}, { 'x-api-key': stack.appSyncApiKey });
    expect(me.body.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access me on type Query' });
  });
});
