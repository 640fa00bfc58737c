import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { converseUsage } from '../../../../functions/invoke-model/converse.ts';

const output = (usage: ConverseCommandOutput['usage']): ConverseCommandOutput => ({
  $metadata: {},
  output: { message: { role: 'assistant', content: [{ text: 'Hello' }] } },
  stopReason: 'end_turn',
  usage,
  metrics: { latencyMs: 250 },
});

describe('converseUsage', () => {
  it('records the reference response: 4 cache writes, none of them 1-hour', () => {
    // Reference §3.12 Converse response.
    const usage = converseUsage(
      output({
        inputTokens: 7,
        outputTokens: 2,
        totalTokens: 13,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 4,
        cacheDetails: [{ ttl: '5m', inputTokens: 4 }],
      }),
    );
    expect(usage).toMatchObject({ inputTokens: 7, outputTokens: 2, cacheWriteInputTokens: 4, cacheWrite1hInputTokens: 0, latencyMs: 250 });
  });

  it('records the 1-hour part of the writes from cacheDetails, total unchanged', () => {
    const usage = converseUsage(
      output({
        inputTokens: 7,
        outputTokens: 2,
        totalTokens: 1033,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 1024,
        cacheDetails: [{ ttl: '1h', inputTokens: 1000 }, { ttl: '5m', inputTokens: 24 }],
      }),
    );
    expect(usage).toMatchObject({ inputTokens: 7, cacheWriteInputTokens: 1024, cacheWrite1hInputTokens: 1000 });
  });
});
