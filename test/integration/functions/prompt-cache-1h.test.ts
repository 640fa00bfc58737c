/**
 * 1-hour prompt-cache writes, from the Bedrock emulator through the real SDK to the ledger in DynamoDB
 * Local. Claude Haiku 4.5 in bedrock-prices.json: input 0.001, output 0.005, cache read 0.0001, 5-minute
 * cache write 0.00125 USD per 1,000 tokens; the 1-hour write is 2 × input = 0.002 (reference "Pricing
 * rules": Anthropic cache multipliers). Per token: 1,000 / 5,000 / 100 / 1,250 / 2,000 nano-USD.
 * Emulator counts: 4,000 code points of system prompt = 1,000 tokens, 400 = 100, "Good morning!" = 4,
 * the reply "Emulated reply to: Good morning!" = 8 tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../../../functions/invoke-model/converse.ts';
import { invokeModel, type InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { startInvokeTestbed, type InvokeTestbed } from '../../helpers/invoke-testbed.ts';

const HAIKU_4_5 = 'anthropic.claude-haiku-4-5-20251001-v1:0';

let bed: InvokeTestbed;
let deps: InvokeDependencies;

beforeAll(async () => {
  bed = await startInvokeTestbed({ emulator: { models: [HAIKU_4_5] }, prices: true });
  deps = bed.deps;
});

afterAll(async () => {
  await bed.close();
});

const newCaller = (): Caller => bed.newCaller('cache1h');
const ledgerItems = (principalId: string) => bed.ledgerItems(principalId);

/** An Anthropic Messages body whose 4,000-code-point system prompt is cached with the given TTL. */
const messagesBody = (systemText: string, ttl: '5m' | '1h') =>
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 16,
    system: [{ type: 'text', text: systemText, cache_control: { type: 'ephemeral', ttl } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Good morning!' }] }],
  });

describe('invokeModel with a 1-hour cache write', () => {
  it('charges the 1-hour write at twice the input rate and records the split', async () => {
    const caller = newCaller();
    const result = await invokeModel(deps, caller, { modelId: HAIKU_4_5, body: messagesBody('A'.repeat(4000), '1h') });

    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 8, cacheReadInputTokens: 0, cacheWriteInputTokens: 1000, cacheWrite1hInputTokens: 1000 });
    // 4 × 1,000 + 1,000 × 2,000 + 8 × 5,000 = 4,000 + 2,000,000 + 40,000 = 2,044,000 nano-USD
    expect(result.cost).toEqual({ usd: '0.002044000', nanoUsd: '2044000', priced: true });
  });

  it('keeps the 1-hour count and rate on the ledger item, so the cost re-derives', async () => {
    const caller = newCaller();
    const result = await invokeModel(deps, caller, { modelId: HAIKU_4_5, body: messagesBody('B'.repeat(4000), '1h') });
    const item = (await ledgerItems(caller.principalId)).find((candidate) => candidate.invocationId === result.invocationId);

    expect(item).toMatchObject({
      cacheWriteInputTokens: 1000,
      cacheWrite1hInputTokens: 1000,
      costNanoUsd: 2_044_000,
      costExactNanoUsd: '2044000',
      rates: { inputPer1k: '0.001', outputPer1k: '0.005', cacheReadPer1k: '0.0001', cacheWritePer1k: '0.00125', cacheWrite1hPer1k: '0.002' },
    });
    const month = (await ledgerItems(caller.principalId)).find((candidate) => candidate.kind === 'MONTH');
    expect(month).toMatchObject({ cacheWriteInputTokens: 1000, costNanoUsd: 2_044_000 });
  });

  it('charges the same write for 5 minutes at the 5-minute rate', async () => {
    const result = await invokeModel(deps, newCaller(), { modelId: HAIKU_4_5, body: messagesBody('C'.repeat(4000), '5m') });

    expect(result.usage).toMatchObject({ cacheWriteInputTokens: 1000, cacheWrite1hInputTokens: 0 });
    // 4 × 1,000 + 1,000 × 1,250 + 8 × 5,000 = 4,000 + 1,250,000 + 40,000 = 1,294,000 nano-USD
    expect(result.cost.nanoUsd).toBe('1294000');
  });

  it('charges the next call reading the 1-hour cache at the cache-read rate', async () => {
    await invokeModel(deps, newCaller(), { modelId: HAIKU_4_5, body: messagesBody('D'.repeat(4000), '1h') });
    const result = await invokeModel(deps, newCaller(), { modelId: HAIKU_4_5, body: messagesBody('D'.repeat(4000), '1h') });

    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 8, cacheReadInputTokens: 1000, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 });
    // 4 × 1,000 + 1,000 × 100 + 8 × 5,000 = 4,000 + 100,000 + 40,000 = 144,000 nano-USD
    expect(result.cost.nanoUsd).toBe('144000');
  });
});

describe('converse with a 1-hour cache point', () => {
  it('charges the 1-hour write at twice the input rate', async () => {
    const result = await converse(deps, newCaller(), {
      modelId: HAIKU_4_5,
      system: JSON.stringify([{ text: 'E'.repeat(4000) }, { cachePoint: { type: 'default', ttl: '1h' } }]),
      messages: JSON.stringify([{ role: 'user', content: [{ text: 'Good morning!' }] }]),
      inferenceConfig: JSON.stringify({ maxTokens: 16 }),
    });

    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 8, cacheReadInputTokens: 0, cacheWriteInputTokens: 1000, cacheWrite1hInputTokens: 1000 });
    // 4 × 1,000 + 1,000 × 2,000 + 8 × 5,000 = 2,044,000 nano-USD
    expect(result.cost.nanoUsd).toBe('2044000');
  });

  it('charges each part of a mixed-TTL write at its own rate', async () => {
    const result = await converse(deps, newCaller(), {
      modelId: HAIKU_4_5,
      system: JSON.stringify([{ text: 'F'.repeat(4000) }, { cachePoint: { type: 'default', ttl: '1h' } }]),
      messages: JSON.stringify([{ role: 'user', content: [{ text: 'G'.repeat(400) }, { cachePoint: { type: 'default', ttl: '5m' } }, { text: 'Good morning!' }] }]),
      inferenceConfig: JSON.stringify({ maxTokens: 16 }),
    });

    // The reply quotes 200 code points of the long user text and is cut at 16 tokens.
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 16, cacheReadInputTokens: 0, cacheWriteInputTokens: 1100, cacheWrite1hInputTokens: 1000 });
    // 4 × 1,000 + 1,000 × 2,000 + 100 × 1,250 + 16 × 5,000 = 4,000 + 2,000,000 + 125,000 + 80,000 = 2,209,000
    expect(result.cost.nanoUsd).toBe('2209000');
  });
});
