/**
 * The effective-dated price catalogue over GraphQL. Claude 3 Haiku in bedrock-prices.json: 0.00025 /
 * 0.00125 USD per 1,000 tokens = 250 / 1,250 nano-USD per token; the seed request is 4 input and 8
 * output tokens in the emulator, so it costs 11,000 nano-USD at the bundled price, and
 * 4 × 1,000 + 8 × 2,000 = 20,000 at the price this test sets (0.001 / 0.002 USD per 1,000).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_MODEL, SEED_REQUEST, USAGE_SUMMARY, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';

const PRICE_FIELDS = 'modelId baseModelId region effectiveFrom version provider inputPer1k outputPer1k cacheReadPer1k cacheWritePer1k source createdBy';
const EFFECTIVE_PRICE = `query P($modelId: String!, $region: String!, $at: AWSDateTime) { effectivePrice(modelId: $modelId, region: $region, at: $at) { ${PRICE_FIELDS} } }`;
const SET_PRICE = `mutation S($input: SetPriceInput!) { setPrice(input: $input) { ${PRICE_FIELDS} } }`;

type Caller = ReturnType<TestStack['as']>;
let stack: TestStack;
let admin: Caller;
let user: Caller;

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
  user = (await stack.newKey({ username: 'Price Watcher' })).call;
}, 120_000);

afterAll(async () => {
  await stack.close();
});

const priceInput = (overrides: Record<string, unknown> = {}) => ({
  modelId: SEED_REQUEST.modelId,
  region: 'us-east-1',
  effectiveFrom: new Date(Date.now() + 60_000).toISOString(),
  inputPer1k: '0.001',
  outputPer1k: '0.002',
  provider: 'anthropic',
  source: 'test contract',
  ...overrides,
});

describe('Query.effectivePrice', () => {
  it('returns the bundled row for a model with no admin price', async () => {
    const reply = await user(EFFECTIVE_PRICE, { modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0', region: 'us-east-1' });
    expect(reply.body.data?.effectivePrice).toMatchObject({
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      region: '*',
      version: 'bundled',
      effectiveFrom: '1970-01-01T00:00:00.000Z',
      inputPer1k: '0.0008',
      outputPer1k: '0.004',
      cacheReadPer1k: '0.00008',
      cacheWritePer1k: '0.001',
    });
  });

  it('falls back from a geographic profile id to its base row when the profile has no price of its own', async () => {
    const reply = await user(EFFECTIVE_PRICE, { modelId: 'us.anthropic.claude-3-haiku-20240307-v1:0', region: 'us-east-1' });
    expect(reply.body.data?.effectivePrice).toMatchObject({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', inputPer1k: '0.00025' });
  });

  it('returns null for a model without any price', async () => {
    const reply = await user(EFFECTIVE_PRICE, { modelId: 'anthropic.claude-future-model-v1:0', region: 'us-east-1' });
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data?.effectivePrice).toBeNull();
  });
});

describe('Mutation.setPrice', () => {
  it('applies a new price from its start on, and never re-prices what was recorded before', async () => {
    const before = await user(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
    expect((before.body.data?.invokeModel as { cost: { nanoUsd: string } }).cost.nanoUsd).toBe('11000');

    const start = new Date(Date.now() + 1500).toISOString();
    const set = await admin(SET_PRICE, { input: priceInput({ effectiveFrom: start }) });
    expect(set.body.errors).toBeUndefined();
    const row = set.body.data?.setPrice as { version: string; effectiveFrom: string };
    expect(row).toMatchObject({ modelId: SEED_REQUEST.modelId, region: 'us-east-1', effectiveFrom: start, inputPer1k: '0.001' });
    expect(row.version).not.toBe('bundled');

    const justBefore = new Date(Date.parse(start) - 1).toISOString();
    expect((await user(EFFECTIVE_PRICE, { modelId: SEED_REQUEST.modelId, region: 'us-east-1', at: justBefore })).body.data?.effectivePrice).toMatchObject({ version: 'bundled' });
    expect((await user(EFFECTIVE_PRICE, { modelId: SEED_REQUEST.modelId, region: 'us-east-1', at: start })).body.data?.effectivePrice).toMatchObject({ version: row.version });
    // Another Region keeps the bundled '*' row.
    expect((await user(EFFECTIVE_PRICE, { modelId: SEED_REQUEST.modelId, region: 'eu-central-1', at: start })).body.data?.effectivePrice).toMatchObject({ version: 'bundled', region: '*' });

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(start) - Date.now() + 200)));
    const after = await user(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
    expect((after.body.data?.invokeModel as { cost: { nanoUsd: string } }).cost.nanoUsd).toBe('20000');
    const usage = await user(USAGE_SUMMARY, { from: today(), to: today() });
    expect(usage.body.data?.usageSummary).toMatchObject({ totals: { invocations: 2, costNanoUsd: '31000' } });
  });

  it.each([
    [{ effectiveFrom: '2001-01-01T00:00:00Z' }, 'in the past'],
    [{ inputPer1k: '1e-5' }, 'inputPer1k'],
    [{ outputPer1k: '-1' }, 'outputPer1k'],
    [{ region: 'mars-1' }, 'region'],
    [{ modelId: 'arn:aws:bedrock:us-east-1::foundation-model/x' }, 'modelId'],
  ])('fails with ValidationError for %j', async (override, message) => {
    const reply = await admin(SET_PRICE, { input: priceInput(override) });
    expect(reply.body.errors?.[0]).toMatchObject({ errorType: 'ValidationError', message: expect.stringContaining(message) });
  });

  it('fails with ValidationError for a second row with the same start: rows are immutable', async () => {
    const input = priceInput({ modelId: 'meta.llama3-8b-instruct-v1:0', effectiveFrom: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await admin(SET_PRICE, { input })).body.errors).toBeUndefined();
    expect((await admin(SET_PRICE, { input: { ...input, inputPer1k: '9' } })).body.errors?.[0]?.errorType).toBe('ValidationError');
  });

  it('fails with Unauthorized for a USER key', async () => {
    expect((await user(SET_PRICE, { input: priceInput() })).body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});

const UNPRICED_USAGE = `query U($month: String!) { unpricedUsage(month: $month) { items { invocationId pricedAt adjustmentNanoUsd } nextToken } }`;
const PRICE_UNPRICED = `mutation R($month: String!) { priceUnpricedUsage(month: $month) { month examined priced stillUnpriced adjustmentNanoUsd adjustmentUsd } }`;

describe('Query.unpricedUsage and Mutation.priceUnpricedUsage', () => {
  it('list nothing and price nothing for a month where every invocation had a price', async () => {
    const month = new Date().toISOString().slice(0, 7);
    expect((await admin(UNPRICED_USAGE, { month })).body.data?.unpricedUsage).toEqual({ items: [], nextToken: null });
    expect((await admin(PRICE_UNPRICED, { month })).body.data?.priceUnpricedUsage).toEqual({
      month, examined: 0, priced: 0, stillUnpriced: 0, adjustmentNanoUsd: '0', adjustmentUsd: '0.000000000',
    });
  });

  it('fail with ValidationError for a malformed month and Unauthorized for a USER key', async () => {
    expect((await admin(UNPRICED_USAGE, { month: '2026-13' })).body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await admin(PRICE_UNPRICED, { month: 'November' })).body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await user(UNPRICED_USAGE, { month: '2026-11' })).body.errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await user(PRICE_UNPRICED, { month: '2026-11' })).body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
