import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockEmulator, type ListeningEmulator } from '../../local/bedrock/server.ts';

// Expected counts follow the emulator's documented rule: tokens(text) = ceil(code points / 4)
// per text part; the reply is `Emulated reply to: <last user text>`.

interface CapturedHeaders {
  readonly input: number | undefined;
  readonly output: number | undefined;
  readonly cacheRead: number | undefined;
  readonly cacheWrite: number | undefined;
  readonly latency: number | undefined;
  /** HTTP/2 responses carry a `:status` pseudo-header in the raw header map. */
  readonly overHttp2: boolean;
}

interface Harness {
  readonly client: BedrockRuntimeClient;
  readonly captured: CapturedHeaders[];
}

const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0';

function createHarness(url: string, transport: 'http2' | 'http1'): Harness {
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...(transport === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
  });
  const captured: CapturedHeaders[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      // After next() the raw HTTP response sits on `response`; header names are lower case.
      const headers = (out.response as { headers: Record<string, string | undefined> }).headers;
      const read = (name: string): number | undefined => (headers[name] === undefined ? undefined : Number(headers[name]));
      captured.push({
        input: read('x-amzn-bedrock-input-token-count'),
        output: read('x-amzn-bedrock-output-token-count'),
        cacheRead: read('x-amzn-bedrock-cache-read-input-token-count'),
        cacheWrite: read('x-amzn-bedrock-cache-write-input-token-count'),
        latency: read('x-amzn-bedrock-invocation-latency'),
        overHttp2: headers[':status'] !== undefined,
      });
      return out;
    },
    { step: 'deserialize', name: 'captureBedrockUsageHeaders' },
  );
  return { client, captured };
}

async function invokeJson(harness: Harness, modelId: string, body: unknown): Promise<{ body: Record<string, unknown>; headers: CapturedHeaders }> {
  const output = await harness.client.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body) }));
  const headers = harness.captured.at(-1);
  if (headers === undefined) throw new Error('The usage-header middleware did not run.');
  return { body: JSON.parse(new TextDecoder().decode(output.body)), headers };
}

const claudeBody = (text: string, maxTokens = 256): Record<string, unknown> => ({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: maxTokens,
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
});

describe.each(['http2', 'http1'] as const)('InvokeModel through the real SDK over %s', (transport) => {
  let server: ListeningEmulator;
  let harness: Harness;

  beforeAll(async () => {
    server = await createBedrockEmulator().listen();
    harness = createHarness(server.url, transport);
  });

  afterAll(async () => {
    harness.client.destroy();
    await server.close();
  });

  it('returns the Anthropic Messages body with header counts equal to its usage', async () => {
    const { body, headers } = await invokeJson(harness, HAIKU, claudeBody('What is the capital of France?'));

    // user text 30 chars → 8; reply 49 chars → 13
    expect(body).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Emulated reply to: What is the capital of France?' }],
      usage: { input_tokens: 8, output_tokens: 13, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
    expect(headers).toMatchObject({ input: 8, output: 13, cacheRead: 0, cacheWrite: 0 });
    expect(headers.latency).toBeGreaterThanOrEqual(0);
  });

  it(`answers over ${transport} on the shared port`, async () => {
    const { headers } = await invokeJson(harness, HAIKU, claudeBody('Hi'));

    expect(headers.overHttp2).toBe(transport === 'http2');
  });

  it('returns cache write then cache read counts for a repeated cache_control prefix', async () => {
    const cached = {
      ...claudeBody('Hi'),
      system: [{ type: 'text', text: `${transport} `.padEnd(800, 'z'), cache_control: { type: 'ephemeral' } }],
    };

    const first = await invokeJson(harness, HAIKU, cached);
    const second = await invokeJson(harness, HAIKU, cached);

    // 800-char system block → 200 tokens; 'Hi' → 1
    expect(first.headers).toMatchObject({ input: 1, cacheWrite: 200, cacheRead: 0 });
    expect(second.headers).toMatchObject({ input: 1, cacheWrite: 0, cacheRead: 200 });
    expect(second.body['usage']).toMatchObject({ input_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 200 });
  });

  it('returns the Nova body with header counts equal to its usage', async () => {
    const { body, headers } = await invokeJson(harness, 'amazon.nova-lite-v1:0', {
      schemaVersion: 'messages-v1',
      messages: [{ role: 'user', content: [{ text: 'A camping trip' }] }],
      inferenceConfig: { maxTokens: 500 },
    });

    // 'A camping trip' → 4; reply 33 chars → 9
    expect(body).toEqual({
      output: { message: { role: 'assistant', content: [{ text: 'Emulated reply to: A camping trip' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 4, outputTokens: 9, totalTokens: 13, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 },
    });
    expect(headers).toMatchObject({ input: 4, output: 9, cacheRead: 0, cacheWrite: 0 });
  });

  it('returns the Titan Text body with header counts equal to its token counts', async () => {
    const { body, headers } = await invokeJson(harness, 'amazon.titan-text-express-v1', {
      inputText: 'Translate to Spanish: good morning',
      textGenerationConfig: { maxTokenCount: 200 },
    });

    // input 34 chars → 9; reply 53 chars → 14
    expect(body).toEqual({
      inputTextTokenCount: 9,
      results: [{ tokenCount: 14, outputText: 'Emulated reply to: Translate to Spanish: good morning', completionReason: 'FINISH' }],
    });
    expect(headers).toMatchObject({ input: 9, output: 14, cacheRead: undefined, cacheWrite: undefined });
  });

  it('returns the Llama body with header counts equal to its token counts', async () => {
    const { body, headers } = await invokeJson(harness, 'meta.llama3-8b-instruct-v1:0', {
      prompt: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 512,
    });

    // prompt 118 chars → 30; reply 21 chars → 6
    expect(body).toEqual({ generation: 'Emulated reply to: Hi', prompt_token_count: 30, generation_token_count: 6, stop_reason: 'stop' });
    expect(headers).toMatchObject({ input: 30, output: 6 });
  });

  it('returns a response for a cross-Region inference profile id', async () => {
    const { body } = await invokeJson(harness, `us.${HAIKU}`, claudeBody('Hi'));

    expect(body['model']).toBe('claude-3-5-haiku-20241022');
  });

  it('returns a response for an inference profile ARN and a foundation-model ARN', async () => {
    const profile = await invokeJson(harness, `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${HAIKU}`, claudeBody('Hi'));
    const foundation = await invokeJson(harness, `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`, claudeBody('Hi'));

    expect(profile.body['content']).toEqual([{ type: 'text', text: 'Emulated reply to: Hi' }]);
    expect(foundation.body['content']).toEqual([{ type: 'text', text: 'Emulated reply to: Hi' }]);
  });

  it('fails with the SDK ValidationException when max_tokens is missing', async () => {
    const body = { anthropic_version: 'bedrock-2023-05-31', messages: [{ role: 'user', content: 'Hi' }] };

    const error = await harness.client.send(new InvokeModelCommand({ modelId: HAIKU, body: JSON.stringify(body) })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toBe(
      'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.',
    );
    expect((error as ValidationException).$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
  });

  it('fails with the SDK ValidationException for an unknown model id', async () => {
    const error = await harness.client
      .send(new InvokeModelCommand({ modelId: 'acme.unknown-model-v1:0', body: JSON.stringify(claudeBody('Hi')) }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toBe('The provided model identifier is invalid.');
  });
});

describe('InvokeModel retries through the real SDK', () => {
  it('retries a throttled call with the standard policy, three attempts in all', async () => {
    const attempts: (string | undefined)[] = [];
    const server = await createBedrockEmulator({
      faults: (context) => {
        attempts.push(context.headers['amz-sdk-request']);
        return 'throttle';
      },
    }).listen();
    const { client } = createHarness(server.url, 'http2');
    try {
      const error = await client
        .send(new InvokeModelCommand({ modelId: HAIKU, body: JSON.stringify(claudeBody('Hi')) }))
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ThrottlingException);
      expect((error as ThrottlingException).$metadata.attempts).toBe(3);
      expect(attempts).toEqual(['attempt=1; max=3', 'attempt=2; max=3', 'attempt=3; max=3']);
    } finally {
      client.destroy();
      await server.close();
    }
  }, 30_000);

  it('succeeds after a throttled first attempt when the fault clears', async () => {
    let calls = 0;
    const server = await createBedrockEmulator({
      faults: () => {
        calls += 1;
        return calls === 1 ? 'throttle' : undefined;
      },
    }).listen();
    const { client } = createHarness(server.url, 'http1');
    try {
      const output = await client.send(new InvokeModelCommand({ modelId: HAIKU, body: JSON.stringify(claudeBody('Hi')) }));

      expect(output.$metadata.attempts).toBe(2);
      expect(calls).toBe(2);
    } finally {
      client.destroy();
      await server.close();
    }
  }, 30_000);

  it('fails with ThrottlingException on every attempt when the fault header asks for it', async () => {
    const server = await createBedrockEmulator().listen();
    const { client } = createHarness(server.url, 'http2');
    client.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers['x-bedrock-emulator-fault'] = 'throttle';
        return next(args);
      },
      { step: 'build', name: 'askForThrottling' },
    );
    try {
      const error = await client
        .send(new InvokeModelCommand({ modelId: HAIKU, body: JSON.stringify(claudeBody('Hi')) }))
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ThrottlingException);
      expect((error as ThrottlingException).$metadata.attempts).toBe(3);
    } finally {
      client.destroy();
      await server.close();
    }
  }, 30_000);
});
