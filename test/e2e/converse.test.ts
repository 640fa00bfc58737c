/**
 * The converse mutation over GraphQL on the running local API. Claude 3 Haiku (bedrock-prices.json):
 * 250 nano-USD per input token, 1,250 per output token. The emulator counts "Good morning!" as 4
 * tokens and answers "Emulated reply to: Good morning!" (8 tokens): 4 × 250 + 8 × 1,250 = 11,000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_API_KEY, USAGE_SUMMARY, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';

const CONVERSE = /* GraphQL */ `
  mutation Converse($input: ConverseInput!) {
    converse(input: $input) {
      invocationId principalId modelId body stopReason latencyMs createdAt
      usage { inputTokens outputTokens cacheReadInputTokens cacheWriteInputTokens }
      cost { usd nanoUsd priced }
    }
  }
`;

let stack: TestStack;
let user: ReturnType<TestStack['as']>;
let principalId: string;

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  const created = await stack.as(stack.adminKey)(CREATE_API_KEY, { input: { username: 'Converser' } });
  const key = created.body.data?.createApiKey as { key: string; principalId: string };
  user = stack.as(key.key);
  principalId = key.principalId;
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('Mutation.converse', () => {
  it('answers with Bedrock\'s Converse response and records its usage and cost in the aggregates', async () => {
    const reply = await user(CONVERSE, {
      input: {
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: JSON.stringify([{ role: 'user', content: [{ text: 'Good morning!' }] }]),
        inferenceConfig: JSON.stringify({ maxTokens: 100 }),
      },
    });
    expect(reply.body.errors).toBeUndefined();
    const result = reply.body.data?.converse as { body: string; stopReason: string; usage: unknown; cost: unknown; principalId: string };
    expect(result.principalId).toBe(principalId);
    expect(result.stopReason).toBe('end_turn');
    expect(JSON.parse(result.body)).toMatchObject({
      output: { message: { role: 'assistant', content: [{ text: 'Emulated reply to: Good morning!' }] } },
      usage: { inputTokens: 4, outputTokens: 8, totalTokens: 12 },
    });
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 8, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 });
    expect(result.cost).toEqual({ usd: '0.000011000', nanoUsd: '11000', priced: true });

    const usage = await user(USAGE_SUMMARY, { from: today(), to: today() });
    expect(usage.body.data?.usageSummary).toMatchObject({ totals: { invocations: 1, inputTokens: 4, outputTokens: 8, costNanoUsd: '11000' } });
  });

  it('fails with Bedrock:ValidationException for a conversation Bedrock refuses, and records nothing more', async () => {
    const reply = await user(CONVERSE, {
      input: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: JSON.stringify([{ role: 'assistant', content: [{ text: 'hi' }] }]) },
    });
    expect(reply.body.errors?.[0]?.errorType).toBe('Bedrock:ValidationException');
    const usage = await user(USAGE_SUMMARY, { from: today(), to: today() });
    expect(usage.body.data?.usageSummary).toMatchObject({ totals: { invocations: 1 } });
  });

  it('fails with ValidationError for an empty message list', async () => {
    const reply = await user(CONVERSE, { input: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: '[]' } });
    expect(reply.body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});
