import { describe, expect, it } from 'vitest';
import { createBedrockEmulator, type BedrockEmulator, type EmulatorResponse } from '../../../../local/bedrock/server.ts';

// Counting rule: tokens(text) = ceil(code points / 4), summed per text part.
// The reply is `Emulated reply to: <last user text>`, cut to 4 × max_tokens code points.

const MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0';

function messagesBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 256,
    messages: [{ role: 'user', content: 'What is the capital of France?' }],
    ...overrides,
  };
}

function invoke(emulator: BedrockEmulator, body: unknown, modelId = MODEL): Promise<EmulatorResponse> {
  return emulator.handle({
    method: 'POST',
    path: `/model/${encodeURIComponent(modelId)}/invoke`,
    headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
}

function cachedSystemBody(userText: string): Record<string, unknown> {
  return messagesBody({
    system: [{ type: 'text', text: 'A'.repeat(400), cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: userText }] }],
  });
}

describe('InvokeModel with an Anthropic Claude model', () => {
  it('returns a Messages API body with usage and matching headers', async () => {
    const response = await invoke(createBedrockEmulator(), messagesBody({ system: 'You are terse.' }));

    expect(response.status).toBe(200);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-3-5-haiku-20241022',
      content: [{ type: 'text', text: 'Emulated reply to: What is the capital of France?' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      // system 14 chars → 4, user 30 chars → 8; reply 49 chars → 13
      usage: { input_tokens: 12, output_tokens: 13, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(body.id).toMatch(/^msg_bdrk_/);
    expect(response.headers).toMatchObject({
      'X-Amzn-Bedrock-Input-Token-Count': '12',
      'X-Amzn-Bedrock-Output-Token-Count': '13',
      'X-Amzn-Bedrock-Cache-Read-Input-Token-Count': '0',
      'X-Amzn-Bedrock-Cache-Write-Input-Token-Count': '0',
    });
  });

  it('stops at max_tokens and reports max_tokens as the stop reason', async () => {
    const body = JSON.parse((await invoke(createBedrockEmulator(), messagesBody({ max_tokens: 5 }))).body);

    expect(body.content[0].text).toBe('Emulated reply to: W');
    expect(body.stop_reason).toBe('max_tokens');
    expect(body.usage.output_tokens).toBe(5);
  });

  it('stops at the first stop sequence found in the reply', async () => {
    const body = JSON.parse((await invoke(createBedrockEmulator(), messagesBody({ stop_sequences: ['capital'] }))).body);

    expect(body.content[0].text).toBe('Emulated reply to: What is the ');
    expect(body).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'capital', usage: { output_tokens: 8 } });
  });

  it('writes a cache_control prefix on first sight and reads it on the next request', async () => {
    const emulator = createBedrockEmulator();

    const first = JSON.parse((await invoke(emulator, cachedSystemBody('Hi'))).body);
    const second = await invoke(emulator, cachedSystemBody('Hello'));

    // 400-char system block → 100 tokens behind the breakpoint
    expect(first.usage).toMatchObject({ input_tokens: 1, cache_creation_input_tokens: 100, cache_read_input_tokens: 0 });
    expect(JSON.parse(second.body).usage).toMatchObject({
      input_tokens: 2,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 100,
    });
    expect(second.headers).toMatchObject({
      'X-Amzn-Bedrock-Input-Token-Count': '2',
      'X-Amzn-Bedrock-Cache-Read-Input-Token-Count': '100',
      'X-Amzn-Bedrock-Cache-Write-Input-Token-Count': '0',
    });
  });

  it('reads the cached prefix and writes only the new part when the breakpoint moves forward', async () => {
    const emulator = createBedrockEmulator();
    await invoke(emulator, cachedSystemBody('Hi'));

    const moved = messagesBody({
      system: [{ type: 'text', text: 'A'.repeat(400) }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi there, friend', cache_control: { type: 'ephemeral' } }] }],
    });
    const body = JSON.parse((await invoke(emulator, moved)).body);

    // 'Hi there, friend' is 16 chars → 4 tokens
    expect(body.usage).toMatchObject({ input_tokens: 0, cache_read_input_tokens: 100, cache_creation_input_tokens: 4 });
  });

  it('keeps the prompt cache per emulator instance', async () => {
    await invoke(createBedrockEmulator(), cachedSystemBody('Hi'));

    const body = JSON.parse((await invoke(createBedrockEmulator(), cachedSystemBody('Hi'))).body);

    expect(body.usage).toMatchObject({ cache_creation_input_tokens: 100, cache_read_input_tokens: 0 });
  });

  describe('1-hour cache', () => {
    const oneHourSystem = { type: 'text', text: 'A'.repeat(400), cache_control: { type: 'ephemeral', ttl: '1h' } };

    it('answers a 1-hour breakpoint with the cache_creation split; the header keeps the total', async () => {
      const response = await invoke(
        createBedrockEmulator(),
        messagesBody({ system: [oneHourSystem], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }),
      );

      // 400 code points behind the 1-hour breakpoint → 100 tokens, all written for one hour
      expect(JSON.parse(response.body).usage).toEqual({
        input_tokens: 1,
        cache_creation_input_tokens: 100,
        cache_read_input_tokens: 0,
        output_tokens: 6,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 100 },
      });
      expect(response.headers['X-Amzn-Bedrock-Cache-Write-Input-Token-Count']).toBe('100');
    });

    it('splits mixed TTLs: tokens up to the last 1-hour breakpoint for an hour, the rest for 5 minutes', async () => {
      const body = messagesBody({
        system: [oneHourSystem],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'B'.repeat(80), cache_control: { type: 'ephemeral' } },
              { type: 'text', text: 'Hi' },
            ],
          },
        ],
      });
      const usage = JSON.parse((await invoke(createBedrockEmulator(), body)).body).usage;

      // 100 tokens (system, 1h) + 20 tokens ('B' × 80, 5m) written; 'Hi' = 1 token uncached
      expect(usage).toMatchObject({
        input_tokens: 1,
        cache_creation_input_tokens: 120,
        cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 100 },
      });
    });

    it('reads the 1-hour prefix on the next request and splits only what it writes', async () => {
      const emulator = createBedrockEmulator();
      await invoke(emulator, messagesBody({ system: [oneHourSystem], messages: [{ role: 'user', content: 'Hi' }] }));

      const next = messagesBody({
        system: [oneHourSystem],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'B'.repeat(80), cache_control: { type: 'ephemeral', ttl: '5m' } }] }],
      });
      const usage = JSON.parse((await invoke(emulator, next)).body).usage;

      expect(usage).toMatchObject({
        input_tokens: 0,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 20,
        cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 0 },
      });
    });

    it('leaves the split out when no breakpoint asks for one hour', async () => {
      const usage = JSON.parse((await invoke(createBedrockEmulator(), cachedSystemBody('Hi'))).body).usage;

      expect(usage.cache_creation_input_tokens).toBe(100);
      expect(usage).not.toHaveProperty('cache_creation');
    });

    it('fails with ValidationException for a cache TTL other than 5m or 1h', async () => {
      const body = messagesBody({
        system: [{ type: 'text', text: 'A'.repeat(400), cache_control: { type: 'ephemeral', ttl: '10m' } }],
      });
      const response = await invoke(createBedrockEmulator(), body);

      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).message).toContain('#/system/0/cache_control/ttl: 10m is not a valid enum value');
    });

    it('fails with ValidationException for a cache_control type other than ephemeral', async () => {
      const body = messagesBody({
        tools: [{ name: 'lookup', input_schema: { type: 'object' }, cache_control: { type: 'persistent' } }],
      });
      const response = await invoke(createBedrockEmulator(), body);

      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).message).toContain('#/tools/0/cache_control/type: persistent is not a valid enum value');
    });
  });

  it('fails with ValidationException when max_tokens is missing', async () => {
    const request = messagesBody();
    delete request['max_tokens'];

    const response = await invoke(createBedrockEmulator(), request);

    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-ErrorType']).toBe('ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/');
    expect(JSON.parse(response.body)).toEqual({
      message: 'Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.',
    });
  });

  it('fails with ValidationException when anthropic_version is missing', async () => {
    const request = messagesBody();
    delete request['anthropic_version'];

    const response = await invoke(createBedrockEmulator(), request);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toContain('required key [anthropic_version] not found');
  });

  it('fails with ValidationException when messages is empty', async () => {
    const response = await invoke(createBedrockEmulator(), messagesBody({ messages: [] }));

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toContain('#/messages: expected minimum item count: 1, found: 0');
  });

  it('fails with ValidationException when the body names a model or asks to stream', async () => {
    const response = await invoke(createBedrockEmulator(), messagesBody({ model: 'claude', stream: true }));

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toBe(
      'Malformed input request: #: extraneous key [model] is not permitted#: extraneous key [stream] is not permitted, please reformat your input and try again.',
    );
  });

  it('fails with ValidationException when a message has an unknown role', async () => {
    const response = await invoke(createBedrockEmulator(), messagesBody({ messages: [{ role: 'system', content: 'x' }] }));

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toContain('#/messages/0/role: system is not a valid enum value');
  });
});
