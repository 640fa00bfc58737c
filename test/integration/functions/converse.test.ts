/**
 * converse: Bedrock's Converse API recorded in the same ledger, with the same guarantees as
 * invokeModel. Claude 3.5 Haiku in bedrock-prices.json: input 0.0008, output 0.004, cache read
 * 0.00008, cache write 0.001 USD per 1,000 tokens = 800, 4,000, 80 and 1,000 nano-USD per token.
 * Emulator counts: a 400-code-point system prompt = 100 tokens, "Hello there" = 3 tokens, the reply
 * is cut at maxTokens 5 → 5 output tokens.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../../../functions/invoke-model/converse.ts';
import type { InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { startInvokeTestbed, type InvokeTestbed } from '../../helpers/invoke-testbed.ts';

const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0';

let bed: InvokeTestbed;
let deps: InvokeDependencies;

beforeAll(async () => {
  bed = await startInvokeTestbed({ emulator: { models: [HAIKU] }, budgets: true });
  deps = bed.deps;
});

afterAll(async () => {
  await bed.close();
});

const newCaller = (): Caller => bed.newCaller('converse');

const cachedRequest = (systemText: string) => ({
  modelId: HAIKU,
  system: JSON.stringify([{ text: systemText }, { cachePoint: { type: 'default' } }]),
  messages: JSON.stringify([{ role: 'user', content: [{ text: 'Hello there' }] }]),
  inferenceConfig: JSON.stringify({ maxTokens: 5 }),
});

async function ledger(principalId: string) {
  const out = await deps.db.send(
    new QueryCommand({ TableName: deps.ledgerTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PRINCIPAL#${principalId}` }, ConsistentRead: true }),
  );
  return out.Items ?? [];
}

describe('converse', () => {
  it('prices cache writes and cache reads at their own rates, not at zero or the input rate', async () => {
    const who = newCaller();
    const request = cachedRequest('w'.repeat(400));
    const first = await converse(deps, who, request);
    expect(first.usage).toEqual({ inputTokens: 3, outputTokens: 5, cacheReadInputTokens: 0, cacheWriteInputTokens: 100, cacheWrite1hInputTokens: 0 });
    expect(first.cost).toEqual({ nanoUsd: String(3 * 800 + 5 * 4000 + 100 * 1000), usd: '0.000122400', priced: true });
    expect(first.stopReason).toBe('max_tokens');
    expect(JSON.parse(first.body)).toMatchObject({ output: { message: { role: 'assistant', content: [{ text: 'Emulated reply to: H' }] } }, stopReason: 'max_tokens' });

    const second = await converse(deps, who, request);
    expect(second.usage).toEqual({ inputTokens: 3, outputTokens: 5, cacheReadInputTokens: 100, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 });
    expect(second.cost.nanoUsd).toBe(String(3 * 800 + 5 * 4000 + 100 * 80));

    const items = await ledger(who.principalId);
    const invocations = items.filter((item) => item.kind === 'INVOCATION');
    expect(invocations.map((item) => [item.operation, item.costNanoUsd, item.usageSource]).sort()).toEqual([
      ['Converse', 122_400, 'body'],
      ['Converse', 30_400, 'body'],
    ]);
    expect(items.find((item) => item.kind === 'MONTH')).toMatchObject({
      invocations: 2,
      inputTokens: 6,
      outputTokens: 10,
      cacheReadInputTokens: 100,
      cacheWriteInputTokens: 100,
      costNanoUsd: 152_800,
    });
  });

  it('returns the first result for a repeated idempotency key and counts it once', async () => {
    const who = newCaller();
    const request = { ...cachedRequest('i'.repeat(400)), idempotencyKey: 'converse-1' };
    const first = await converse(deps, who, request);
    const again = await converse(deps, who, request);
    expect(again).toEqual(first);
    expect((await ledger(who.principalId)).find((item) => item.kind === 'MONTH')).toMatchObject({ invocations: 1 });
  });

  it('fails with IdempotencyKeyMismatch when the key was used for a different conversation', async () => {
    const who = newCaller();
    await converse(deps, who, { ...cachedRequest('m'.repeat(400)), idempotencyKey: 'converse-2' });
    await expect(converse(deps, who, { ...cachedRequest('other'), idempotencyKey: 'converse-2' })).rejects.toMatchObject({ errorType: 'IdempotencyKeyMismatch' });
  });

  it('reserves against a hard budget and fails with ValidationError when maxTokens is not set', async () => {
    const who = newCaller();
    await deps.db.send(new PutCommand({
      TableName: bed.tables.budgets,
      Item: { pk: `PRINCIPAL#${who.principalId}`, sk: 'BUDGET', kind: 'BUDGET', listSk: who.principalId, principalId: who.principalId, limitNanoUsd: 1_000_000_000, period: 'MONTHLY', hard: true, alertThresholdsPercent: [80], updatedAt: new Date().toISOString() },
    }));
    const { inferenceConfig: _none, ...unbounded } = cachedRequest('b'.repeat(400));
    await expect(converse(deps, who, unbounded)).rejects.toMatchObject({ errorType: 'ValidationError' });
    const bounded = await converse(deps, who, cachedRequest('b'.repeat(400)));
    expect(bounded.cost.priced).toBe(true);
  });

  it.each([
    [{ messages: '[]' }, 'messages'],
    [{ messages: 'not json' }, 'messages'],
    [{ system: '{"text":"x"}' }, 'system'],
    [{ inferenceConfig: '[1]' }, 'inferenceConfig'],
    [{ idempotencyKey: 'has space' }, 'idempotencyKey'],
  ])('fails with ValidationError for %j and records nothing', async (override, field) => {
    const who = newCaller();
    await expect(converse(deps, who, { ...cachedRequest('v'), ...override })).rejects.toMatchObject({ errorType: 'ValidationError', message: expect.stringContaining(field) });
    expect(await ledger(who.principalId)).toEqual([]);
  });
});
