/**
 * The Bedrock emulator's Converse operation, driven by the real SDK's ConverseCommand.
 * Expected counts follow the emulator's documented rule (tokens = ceil(code points / 4) per text part;
 * the reply is "Emulated reply to: <last user text>", cut at maxTokens × 4 code points) and the usage
 * semantics of Converse (reference §3.12): inputTokens excludes cache reads and writes, totalTokens
 * includes them, cacheDetails splits writes by TTL.
 */
import { BedrockRuntimeClient, ConverseCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockEmulator, type ListeningEmulator } from '../../../local/bedrock/server.ts';

const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const NOVA = 'amazon.nova-micro-v1:0';
const LLAMA = 'meta.llama3-8b-instruct-v1:0';
const EMBED = 'amazon.titan-embed-text-v2:0';

let emulator: ListeningEmulator;
let client: BedrockRuntimeClient;

beforeAll(async () => {
  emulator = await createBedrockEmulator({ models: [HAIKU, NOVA, LLAMA, EMBED] }).listen();
  client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

describe('Bedrock emulator: Converse', () => {
  it('answers with the assistant message, the stop reason and usage in the body', async () => {
    const out = await client.send(
      new ConverseCommand({ modelId: LLAMA, messages: [{ role: 'user', content: [{ text: 'Good morning!' }] }] }),
    );
    // "Good morning!" = 13 code points = 4 tokens; "Emulated reply to: Good morning!" = 32 = 8 tokens.
    expect(out.output?.message).toEqual({ role: 'assistant', content: [{ text: 'Emulated reply to: Good morning!' }] });
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage).toEqual({ inputTokens: 4, outputTokens: 8, totalTokens: 12 });
    expect(out.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('stops at inferenceConfig.maxTokens with stopReason max_tokens', async () => {
    const out = await client.send(
      new ConverseCommand({ modelId: LLAMA, messages: [{ role: 'user', content: [{ text: 'Good morning!' }] }], inferenceConfig: { maxTokens: 2 } }),
    );
    expect(out.output?.message?.content).toEqual([{ text: 'Emulated' }]);
    expect(out.stopReason).toBe('max_tokens');
    expect(out.usage?.outputTokens).toBe(2);
  });

  it('writes a cachePoint prefix once, splits the write by TTL, then reads it', async () => {
    const system = 's'.repeat(400); // 100 tokens
    const request = {
      modelId: HAIKU,
      system: [{ text: system }, { cachePoint: { type: 'default' as const, ttl: '1h' as const } }],
      messages: [{ role: 'user' as const, content: [{ text: 'Hello there' }] }], // 11 code points = 3 tokens
      inferenceConfig: { maxTokens: 5 },
    };
    const first = await client.send(new ConverseCommand(request));
    expect(first.usage).toEqual({
      inputTokens: 3,
      outputTokens: 5,
      totalTokens: 108,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 100,
      cacheDetails: [{ ttl: '1h', inputTokens: 100 }],
    });
    const second = await client.send(new ConverseCommand(request));
    expect(second.usage).toEqual({ inputTokens: 3, outputTokens: 5, totalTokens: 108, cacheReadInputTokens: 100, cacheWriteInputTokens: 0 });
  });

  it('reports cache counts for Nova, whose cache points default to 5 minutes', async () => {
    const out = await client.send(
      new ConverseCommand({
        modelId: NOVA,
        messages: [{ role: 'user', content: [{ text: 'n'.repeat(40) }, { cachePoint: { type: 'default' } }] }],
      }),
    );
    expect(out.usage).toMatchObject({ inputTokens: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 10, cacheDetails: [{ ttl: '5m', inputTokens: 10 }] });
  });

  it('splits mixed TTLs in cacheDetails, 1h listed first', async () => {
    const out = await client.send(
      new ConverseCommand({
        modelId: HAIKU,
        system: [{ text: 'm'.repeat(400) }, { cachePoint: { type: 'default', ttl: '1h' } }], // 100 tokens for 1 hour
        messages: [{ role: 'user', content: [{ text: 'q'.repeat(80) }, { cachePoint: { type: 'default', ttl: '5m' } }, { text: 'Hi' }] }], // 20 for 5 minutes, 1 uncached
        inferenceConfig: { maxTokens: 5 },
      }),
    );
    expect(out.usage).toEqual({
      inputTokens: 1,
      outputTokens: 5,
      totalTokens: 126,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 120,
      cacheDetails: [
        { ttl: '1h', inputTokens: 100 },
        { ttl: '5m', inputTokens: 20 },
      ],
    });
  });

  it('writes for 5 minutes only on Nova, whatever TTL a cache point asks for', async () => {
    const out = await client.send(
      new ConverseCommand({
        modelId: NOVA,
        messages: [{ role: 'user', content: [{ text: 'h'.repeat(40) }, { cachePoint: { type: 'default', ttl: '1h' } }] }],
      }),
    );
    expect(out.usage).toMatchObject({ cacheWriteInputTokens: 10, cacheDetails: [{ ttl: '5m', inputTokens: 10 }] });
  });

  it('fails with ValidationException for a cache point TTL other than 5m or 1h', async () => {
    // Sent as raw JSON: the SDK's types allow only the two TTLs Bedrock knows.
    const response = await fetch(`${emulator.url}/model/${encodeURIComponent(HAIKU)}/converse`, {
      method: 'POST',
      headers: { authorization: 'Bearer local', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'x'.repeat(40) }, { cachePoint: { type: 'default', ttl: '2h' } }] }] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    expect(await response.json()).toEqual({ message: 'cachePoint.ttl must be one of 5m, 1h.' });
  });

  it('fails with ValidationException for an embedding model', async () => {
    await expect(
      client.send(new ConverseCommand({ modelId: EMBED, messages: [{ role: 'user', content: [{ text: 'hi' }] }] })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('fails with ValidationException for a conversation that does not start with a user message', async () => {
    await expect(
      client.send(new ConverseCommand({ modelId: LLAMA, messages: [{ role: 'assistant', content: [{ text: 'hi' }] }] })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('fails with ValidationException for a model the emulator does not serve', async () => {
    await expect(
      client.send(new ConverseCommand({ modelId: 'anthropic.claude-does-not-exist-v9:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] })),
    ).rejects.toBeInstanceOf(ValidationException);
  });
});
