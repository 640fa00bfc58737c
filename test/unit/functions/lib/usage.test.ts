import { describe, expect, it } from 'vitest';
import { converseCacheWrite1h, extractUsage, modelFamily } from '../../../../functions/lib/usage.ts';
import type { UsageInput } from '../../../../functions/lib/usage.ts';

const HAIKU_3_5 = 'anthropic.claude-3-5-haiku-20241022-v1:0';

const response = (overrides: Partial<UsageInput> = {}): UsageInput => ({
  modelId: HAIKU_3_5,
  headers: {},
  body: {},
  ...overrides,
});

describe('modelFamily', () => {
  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic'],
    ['anthropic.claude-opus-4-7', 'anthropic'],
    ['amazon.nova-lite-v1:0', 'nova'],
    ['amazon.nova-2-lite-v1:0', 'nova'],
    ['amazon.titan-text-express-v1', 'titan-text'],
    ['amazon.titan-text-premier-v1:0', 'titan-text'],
    ['amazon.titan-embed-text-v2:0', 'titan-embed'],
    ['cohere.embed-v4:0', 'cohere-embed'],
    ['cohere.embed-english-v3', 'cohere-embed'],
    ['cohere.command-r-plus-v1:0', 'cohere-command'],
    ['meta.llama3-8b-instruct-v1:0', 'llama'],
    ['meta.llama4-scout-17b-instruct-v1:0', 'llama'],
    ['mistral.mistral-large-2407-v1:0', 'mistral'],
    ['mistral.mixtral-8x7b-instruct-v0:1', 'mistral'],
    ['ai21.jamba-1-5-mini-v1:0', 'jamba'],
    ['deepseek.r1-v1:0', 'deepseek'],
    ['openai.gpt-oss-20b-1:0', 'gpt-oss'],
    ['acme.model-v1:0', 'unknown'],
  ])('places %s in the %s family', (baseModelId, family) => {
    expect(modelFamily(baseModelId)).toBe(family);
  });
});

describe('extractUsage', () => {
  it('reads all counts and the latency from the headers (recorded Claude 3.5 Haiku cache write)', () => {
    const usage = extractUsage(
      response({
        headers: {
          'X-Amzn-Bedrock-Input-Token-Count': '4',
          'X-Amzn-Bedrock-Output-Token-Count': '50',
          'X-Amzn-Bedrock-Cache-Read-Input-Token-Count': '0',
          'X-Amzn-Bedrock-Cache-Write-Input-Token-Count': '18131',
          'X-Amzn-Bedrock-Invocation-Latency': '7275',
        },
        body: {
          usage: {
            input_tokens: 4,
            cache_creation_input_tokens: 18131,
            cache_read_input_tokens: 0,
            output_tokens: 50,
          },
        },
      }),
    );
    expect(usage).toEqual({
      inputTokens: 4,
      outputTokens: 50,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 18131,
      cacheWrite1hInputTokens: 0,
      latencyMs: 7275,
      source: 'headers',
      complete: true,
      missing: [],
    });
  });

  it('trusts the headers over a body a guardrail cut down (recorded Nova Lite call)', () => {
    const usage = extractUsage({
      modelId: 'us.amazon.nova-lite-v1:0',
      headers: {
        'x-amzn-bedrock-input-token-count': '30',
        'x-amzn-bedrock-output-token-count': '51',
      },
      body: { usage: { inputTokens: 30 } },
    });
    expect(usage).toMatchObject({
      inputTokens: 30,
      outputTokens: 51,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
      source: 'headers',
      complete: true,
    });
  });

  it('takes the header value when header and body disagree', () => {
    const usage = extractUsage(
      response({
        headers: {
          'x-amzn-bedrock-input-token-count': '30',
          'x-amzn-bedrock-output-token-count': '51',
        },
        body: { usage: { input_tokens: 99, output_tokens: 99 } },
      }),
    );
    expect([usage.inputTokens, usage.outputTokens]).toEqual([30, 51]);
  });

  it('fills counts whose header is missing from the body and reports a mixed source', () => {
    const usage = extractUsage(
      response({
        headers: {
          'x-amzn-bedrock-input-token-count': '4',
          'x-amzn-bedrock-output-token-count': '50',
        },
        body: {
          usage: {
            input_tokens: 4,
            cache_creation_input_tokens: 18131,
            cache_read_input_tokens: 7,
            output_tokens: 50,
          },
        },
      }),
    );
    expect(usage).toMatchObject({
      cacheReadInputTokens: 7,
      cacheWriteInputTokens: 18131,
      source: 'mixed',
    });
  });

  it.each(['-5', '3.5', '1e3', 'abc', '', '9007199254740993'])(
    'ignores the header value "%s" and falls back to the body',
    (bad) => {
      const usage = extractUsage(
        response({
          headers: {
            'x-amzn-bedrock-input-token-count': bad,
            'x-amzn-bedrock-output-token-count': '50',
          },
          body: { usage: { input_tokens: 4, output_tokens: 50 } },
        }),
      );
      expect(usage).toMatchObject({ inputTokens: 4, source: 'mixed', complete: true });
    },
  );

  it('accepts a header value surrounded by whitespace', () => {
    const usage = extractUsage(
      response({ headers: { 'x-amzn-bedrock-input-token-count': ' 12 ' } }),
    );
    expect(usage.inputTokens).toBe(12);
  });

  it('reports no latency when the latency header is missing or malformed', () => {
    expect(extractUsage(response()).latencyMs).toBeNull();
    expect(
      extractUsage(response({ headers: { 'x-amzn-bedrock-invocation-latency': '12.5' } }))
        .latencyMs,
    ).toBeNull();
  });

  describe('body fallback', () => {
    it.each<[string, string, unknown, [number, number, number, number]]>([
      [
        'Anthropic',
        HAIKU_3_5,
        {
          usage: {
            input_tokens: 4,
            cache_creation_input_tokens: 18131,
            cache_read_input_tokens: 2,
            output_tokens: 50,
          },
        },
        [4, 50, 2, 18131],
      ],
      [
        'Nova',
        'amazon.nova-pro-v1:0',
        {
          usage: {
            inputTokens: 30,
            outputTokens: 51,
            totalTokens: 81,
            cacheReadInputTokenCount: 5,
            cacheWriteInputTokenCount: 6,
          },
        },
        [30, 51, 5, 6],
      ],
      [
        'Titan Text',
        'amazon.titan-text-express-v1',
        {
          inputTextTokenCount: 30,
          results: [{ tokenCount: 29, outputText: '...', completionReason: 'FINISH' }],
        },
        [30, 29, 0, 0],
      ],
      [
        'Titan Text with several results',
        'amazon.titan-text-lite-v1',
        { inputTextTokenCount: 30, results: [{ tokenCount: 29 }, { tokenCount: 3 }] },
        [30, 32, 0, 0],
      ],
      [
        'Titan embeddings',
        'amazon.titan-embed-text-v2:0',
        { embedding: [0.01, -0.02], inputTextTokenCount: 2 },
        [2, 0, 0, 0],
      ],
      [
        'Llama',
        'meta.llama3-8b-instruct-v1:0',
        {
          generation: '...',
          prompt_token_count: 18,
          generation_token_count: 95,
          stop_reason: 'stop',
        },
        [18, 95, 0, 0],
      ],
      [
        'AI21 Jamba',
        'ai21.jamba-1-5-large-v1:0',
        { choices: [], usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 } },
        [10, 20, 0, 0],
      ],
      [
        'gpt-oss',
        'openai.gpt-oss-120b-1:0',
        {
          object: 'chat.completion',
          choices: [],
          usage: { prompt_tokens: 12, completion_tokens: 34, total_tokens: 46 },
        },
        [12, 34, 0, 0],
      ],
    ])('reads the %s body', (_family, modelId, body, [input, output, cacheRead, cacheWrite]) => {
      expect(extractUsage({ modelId, headers: {}, body })).toMatchObject({
        inputTokens: input,
        outputTokens: output,
        cacheReadInputTokens: cacheRead,
        cacheWriteInputTokens: cacheWrite,
        source: 'body',
        complete: true,
      });
    });

    it('reads the body of a model invoked through a profile ARN by its base family', () => {
      const usage = extractUsage({
        modelId:
          'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-2-1b-instruct-v1:0',
        headers: {},
        body: { generation: '...', prompt_token_count: 18, generation_token_count: 95 },
      });
      expect([usage.inputTokens, usage.outputTokens]).toEqual([18, 95]);
    });

    it.each<[string, string, unknown]>([
      [
        'Mistral',
        'mistral.mistral-7b-instruct-v0:2',
        { outputs: [{ text: '...', stop_reason: 'stop' }] },
      ],
      [
        'Cohere Command R',
        'cohere.command-r-v1:0',
        { response_id: 'r', text: '...', finish_reason: 'COMPLETE' },
      ],
      ['DeepSeek', 'us.deepseek.r1-v1:0', { choices: [{ text: '...', stop_reason: 'stop' }] }],
    ])('finds no counts in a %s body and flags the usage incomplete', (_family, modelId, body) => {
      expect(extractUsage({ modelId, headers: {}, body })).toEqual({
        inputTokens: 0,
        outputTokens: 0,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
        cacheWrite1hInputTokens: 0,
        latencyMs: null,
        source: 'none',
        complete: false,
        missing: ['inputTokens', 'outputTokens'],
      });
    });

    it('takes Mistral counts from the headers alone', () => {
      const usage = extractUsage({
        modelId: 'mistral.mistral-7b-instruct-v0:2',
        headers: {
          'x-amzn-bedrock-input-token-count': '11',
          'x-amzn-bedrock-output-token-count': '22',
        },
        body: { outputs: [{ text: '...', stop_reason: 'stop' }] },
      });
      expect(usage).toMatchObject({
        inputTokens: 11,
        outputTokens: 22,
        source: 'headers',
        complete: true,
      });
    });

    it('treats a missing output count of an embedding model as zero, not a gap', () => {
      const usage = extractUsage({
        modelId: 'cohere.embed-english-v3',
        headers: { 'x-amzn-bedrock-input-token-count': '7' },
        body: {
          id: 'e',
          response_type: 'embeddings_floats',
          embeddings: [[0.01]],
          texts: ['hello'],
        },
      });
      expect(usage).toMatchObject({
        inputTokens: 7,
        outputTokens: 0,
        source: 'headers',
        complete: true,
        missing: [],
      });
    });

    it('flags a Cohere Embed response without headers as missing its input count', () => {
      const usage = extractUsage({
        modelId: 'cohere.embed-v4:0',
        headers: {},
        body: { embeddings: [[0.01]] },
      });
      expect(usage).toMatchObject({ complete: false, missing: ['inputTokens'] });
    });

    it('ignores negative or fractional body counts', () => {
      const usage = extractUsage(
        response({ body: { usage: { input_tokens: -4, output_tokens: 2.5 } } }),
      );
      expect(usage).toMatchObject({
        inputTokens: 0,
        outputTokens: 0,
        complete: false,
        source: 'none',
      });
    });

    it('ignores Titan results with an unreadable token count', () => {
      const usage = extractUsage({
        modelId: 'amazon.titan-text-express-v1',
        headers: {},
        body: {
          inputTextTokenCount: 30,
          results: [{ tokenCount: 29 }, { outputText: 'no count' }],
        },
      });
      expect(usage).toMatchObject({
        inputTokens: 30,
        outputTokens: 0,
        complete: false,
        missing: ['outputTokens'],
      });
    });

    it('reads only headers for an application inference profile, whose family is unknown', () => {
      const usage = extractUsage({
        modelId:
          'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
        headers: {},
        body: { usage: { input_tokens: 4, output_tokens: 50 } },
      });
      expect(usage).toMatchObject({
        inputTokens: 0,
        outputTokens: 0,
        source: 'none',
        complete: false,
      });
    });

    it('reads nothing from a body that is not an object', () => {
      expect(extractUsage(response({ body: 'not json' }))).toMatchObject({
        source: 'none',
        complete: false,
      });
      expect(extractUsage(response({ body: null }))).toMatchObject({
        source: 'none',
        complete: false,
      });
    });
  });
});

describe('extractUsage: 1-hour cache writes', () => {
  // Anthropic Messages usage with the TTL split (reference §3.2: `cache_creation` carries
  // `ephemeral_5m_input_tokens` and `ephemeral_1h_input_tokens`; the headers carry only the total).
  const splitBody = (fiveMinutes: number, oneHour: number) => ({
    usage: {
      input_tokens: 4,
      cache_creation_input_tokens: fiveMinutes + oneHour,
      cache_read_input_tokens: 0,
      output_tokens: 50,
      cache_creation: { ephemeral_5m_input_tokens: fiveMinutes, ephemeral_1h_input_tokens: oneHour },
    },
  });
  const headers = (cacheWrite: number) => ({
    'X-Amzn-Bedrock-Input-Token-Count': '4',
    'X-Amzn-Bedrock-Output-Token-Count': '50',
    'X-Amzn-Bedrock-Cache-Read-Input-Token-Count': '0',
    'X-Amzn-Bedrock-Cache-Write-Input-Token-Count': String(cacheWrite),
  });

  it('keeps the header total of writes and records the 1-hour part from the Anthropic body', () => {
    const usage = extractUsage(response({ headers: headers(18131), body: splitBody(131, 18000) }));
    expect(usage).toMatchObject({ cacheWriteInputTokens: 18131, cacheWrite1hInputTokens: 18000, source: 'headers' });
  });

  it('records every write as a 1-hour write when the split says so', () => {
    const usage = extractUsage(response({ headers: headers(18131), body: splitBody(0, 18131) }));
    expect(usage).toMatchObject({ cacheWriteInputTokens: 18131, cacheWrite1hInputTokens: 18131 });
  });

  it('records 0 one-hour writes when the body reports no split (recorded Claude 3.5 Haiku body)', () => {
    const body = { usage: { input_tokens: 4, cache_creation_input_tokens: 18131, cache_read_input_tokens: 0, output_tokens: 50 } };
    expect(extractUsage(response({ headers: headers(18131), body }))).toMatchObject({ cacheWriteInputTokens: 18131, cacheWrite1hInputTokens: 0 });
  });

  it('never counts the split on top of the total: a 1-hour part above the header total is capped at it', () => {
    const usage = extractUsage(response({ headers: headers(100), body: splitBody(50, 18000) }));
    expect(usage).toMatchObject({ cacheWriteInputTokens: 100, cacheWrite1hInputTokens: 100 });
  });

  it('takes the total and the split from the body when the headers are missing', () => {
    const usage = extractUsage(response({ headers: {}, body: splitBody(31, 100) }));
    expect(usage).toMatchObject({ inputTokens: 4, cacheWriteInputTokens: 131, cacheWrite1hInputTokens: 100, source: 'body' });
  });

  it('ignores a split field that is not a count', () => {
    const body = { usage: { ...splitBody(0, 0).usage, cache_creation: { ephemeral_1h_input_tokens: '18000' } } };
    expect(extractUsage(response({ headers: headers(18131), body })).cacheWrite1hInputTokens).toBe(0);
  });

  it('reads no 1-hour split for families that do not report one (Nova)', () => {
    const usage = extractUsage({
      modelId: 'amazon.nova-lite-v1:0',
      headers: { 'x-amzn-bedrock-input-token-count': '30', 'x-amzn-bedrock-output-token-count': '51', 'x-amzn-bedrock-cache-write-input-token-count': '12' },
      body: { usage: { inputTokens: 30, cache_creation: { ephemeral_1h_input_tokens: 12 } } },
    });
    expect(usage).toMatchObject({ cacheWriteInputTokens: 12, cacheWrite1hInputTokens: 0 });
  });
});

describe('converseCacheWrite1h', () => {
  it('reads 0 from the reference response, whose writes are all 5-minute ones', () => {
    // Reference §3.12: "cacheWriteInputTokens": 4, "cacheDetails": [{"ttl": "5m", "inputTokens": 4}].
    expect(converseCacheWrite1h([{ ttl: '5m', inputTokens: 4 }], 4)).toBe(0);
  });

  it('reads the 1-hour entry of a split listed 1h first', () => {
    expect(converseCacheWrite1h([{ ttl: '1h', inputTokens: 1000 }, { ttl: '5m', inputTokens: 24 }], 1024)).toBe(1000);
  });

  it('reads 0 without cacheDetails', () => {
    expect(converseCacheWrite1h(undefined, 1024)).toBe(0);
  });

  it('caps the 1-hour part at the total of writes, so it never double counts', () => {
    expect(converseCacheWrite1h([{ ttl: '1h', inputTokens: 1000 }], 600)).toBe(600);
  });
});
