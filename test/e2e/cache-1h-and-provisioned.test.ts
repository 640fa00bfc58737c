/**
 * 1-hour prompt-cache writes and provisioned throughput over GraphQL, against the whole local stack.
 * Claude Haiku 4.5 in bedrock-prices.json: input 0.001, output 0.005, 5-minute cache write 0.00125 USD
 * per 1,000 tokens; its 1-hour write is 2 × input = 0.002 (reference "Pricing rules": Anthropic cache
 * multipliers) — 1,000 / 5,000 / 1,250 / 2,000 nano-USD per token. Emulator counts: 4,000 code points
 * of system prompt = 1,000 tokens, "Good morning!" = 4 tokens, the reply 8 tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REQUEST, startTestStack, type TestStack } from '../helpers/local-stack.ts';

const HAIKU_4_5 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const PROVISIONED = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl';

const PRICE_FIELDS = 'modelId region version inputPer1k cacheWritePer1k cacheWrite1hPer1k';
const EFFECTIVE_PRICE = `query P($modelId: String!, $region: String!, $at: AWSDateTime) { effectivePrice(modelId: $modelId, region: $region, at: $at) { ${PRICE_FIELDS} } }`;
const SET_PRICE = `mutation S($input: SetPriceInput!) { setPrice(input: $input) { ${PRICE_FIELDS} } }`;
const INVOKE = /* GraphQL */ `
  mutation Invoke($input: InvokeModelInput!) {
    invokeModel(input: $input) {
      invocationId
      usage { inputTokens outputTokens cacheReadInputTokens cacheWriteInputTokens cacheWrite1hInputTokens }
      cost { usd nanoUsd priced }
    }
  }
`;
const INVOCATIONS = /* GraphQL */ `
  query Invocations {
    invocations(limit: 10) {
      items { invocationId modelId provisioned usage { inputTokens outputTokens cacheWriteInputTokens cacheWrite1hInputTokens } cost { nanoUsd priced } }
    }
  }
`;

type Caller = ReturnType<TestStack['as']>;
let stack: TestStack;
let admin: Caller;
let user: Caller;

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
  user = (await stack.newKey({ username: 'Cache Watcher' })).call;
}, 120_000);

afterAll(async () => {
  await stack.close();
});

interface InvokeReply {
  invocationId: string;
  usage: Record<string, number>;
  cost: { usd: string; nanoUsd: string; priced: boolean };
}

async function invoke(modelId: string, body: unknown): Promise<InvokeReply> {
  const reply = await user(INVOKE, { input: { modelId, body: JSON.stringify(body) } });
  expect(reply.body.errors).toBeUndefined();
  return reply.body.data?.invokeModel as InvokeReply;
}

const oneHourBody = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 16,
  system: [{ type: 'text', text: 'A'.repeat(4000), cache_control: { type: 'ephemeral', ttl: '1h' } }],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Good morning!' }] }],
};

describe('1-hour cache writes', () => {
  it('shows the derived 1-hour rate of a bundled Anthropic row', async () => {
    const reply = await user(EFFECTIVE_PRICE, { modelId: HAIKU_4_5, region: 'us-east-1' });
    expect(reply.body.data?.effectivePrice).toEqual({
      modelId: HAIKU_4_5,
      region: '*',
      version: 'bundled',
      inputPer1k: '0.001',
      cacheWritePer1k: '0.00125',
      cacheWrite1hPer1k: '0.002',
    });
  });

  it('charges a 1-hour write at twice the input rate and reports the split', async () => {
    const result = await invoke(HAIKU_4_5, oneHourBody);
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 8, cacheReadInputTokens: 0, cacheWriteInputTokens: 1000, cacheWrite1hInputTokens: 1000 });
    // 4 × 1,000 + 1,000 × 2,000 + 8 × 5,000 = 4,000 + 2,000,000 + 40,000 = 2,044,000 nano-USD
    expect(result.cost).toEqual({ usd: '0.002044000', nanoUsd: '2044000', priced: true });
  });
});

describe('Mutation.setPrice with a 1-hour cache-write rate', () => {
  const input = (overrides: Record<string, unknown>) => ({
    modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    region: 'eu-west-3',
    effectiveFrom: new Date(Date.now() + 60_000).toISOString(),
    inputPer1k: '0.0012',
    outputPer1k: '0.006',
    cacheWritePer1k: '0.0015',
    provider: 'anthropic',
    source: 'test contract',
    ...overrides,
  });

  it('stores the rate and returns it from effectivePrice once the row applies', async () => {
    const effectiveFrom = new Date(Date.now() + 60_000).toISOString();
    const set = await admin(SET_PRICE, { input: input({ effectiveFrom, cacheWrite1hPer1k: '0.0025' }) });
    expect(set.body.errors).toBeUndefined();
    expect(set.body.data?.setPrice).toMatchObject({ region: 'eu-west-3', cacheWrite1hPer1k: '0.0025' });

    const later = new Date(Date.parse(effectiveFrom) + 1000).toISOString();
    const reply = await user(EFFECTIVE_PRICE, { modelId: HAIKU_4_5, region: 'eu-west-3', at: later });
    expect(reply.body.data?.effectivePrice).toMatchObject({ region: 'eu-west-3', inputPer1k: '0.0012', cacheWrite1hPer1k: '0.0025' });
  });

  it('leaves the rate null when it is not given', async () => {
    const set = await admin(SET_PRICE, { input: input({ region: 'eu-south-1' }) });
    expect(set.body.data?.setPrice).toMatchObject({ region: 'eu-south-1', cacheWrite1hPer1k: null });
  });

  it.each(['2e-3', '-0.002', '0.002 USD'])('fails with ValidationError for the rate "%s" and saves nothing', async (rate) => {
    const effectiveFrom = new Date(Date.now() + 120_000).toISOString();
    const set = await admin(SET_PRICE, { input: input({ region: 'ap-south-1', effectiveFrom, cacheWrite1hPer1k: rate }) });
    expect(set.body.errors?.[0]?.errorType).toBe('ValidationError');
    expect(set.body.errors?.[0]?.message).toContain('cacheWrite1hPer1k');
    const reply = await user(EFFECTIVE_PRICE, { modelId: HAIKU_4_5, region: 'ap-south-1', at: new Date(Date.parse(effectiveFrom) + 1000).toISOString() });
    expect(reply.body.data?.effectivePrice).toMatchObject({ region: '*', version: 'bundled' });
  });
});

describe('provisioned throughput', () => {
  it('records an invocation through a provisioned-model ARN with its tokens, unpriced and flagged provisioned', async () => {
    const result = await invoke(PROVISIONED, SEED_REQUEST.body);
    expect(result.usage).toMatchObject({ inputTokens: 4, outputTokens: 8 });
    expect(result.cost).toEqual({ usd: '0.000000000', nanoUsd: '0', priced: false });

    const reply = await user(INVOCATIONS, {});
    const items = (reply.body.data?.invocations as { items: { invocationId: string; provisioned: boolean }[] }).items;
    expect(items.find((item) => item.invocationId === result.invocationId)).toEqual({
      invocationId: result.invocationId,
      modelId: PROVISIONED,
      provisioned: true,
      usage: { inputTokens: 4, outputTokens: 8, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 },
      cost: { nanoUsd: '0', priced: false },
    });
    expect(items.filter((item) => item.invocationId !== result.invocationId).every((item) => !item.provisioned)).toBe(true);
  });
});
