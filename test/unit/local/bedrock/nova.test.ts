import { describe, expect, it } from 'vitest';
import { createBedrockEmulator, type BedrockEmulator, type EmulatorResponse } from '../../../../local/bedrock/server.ts';

// Counting rule: tokens(text) = ceil(code points / 4), summed per text part.

const MODEL = 'amazon.nova-lite-v1:0';

function novaBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 'messages-v1',
    system: [{ text: 'tell me a two sentence story' }],
    messages: [{ role: 'user', content: [{ text: 'A camping trip' }] }],
    inferenceConfig: { maxTokens: 500, temperature: 0.7, topP: 0.9, topK: 20 },
    ...overrides,
  };
}

function invoke(emulator: BedrockEmulator, body: unknown): Promise<EmulatorResponse> {
  return emulator.handle({
    method: 'POST',
    path: `/model/${encodeURIComponent(MODEL)}/invoke`,
    headers: { authorization: 'Bearer test-key' },
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
}

describe('InvokeModel with an Amazon Nova model', () => {
  it('returns a messages-v1 body with usage and matching headers', async () => {
    const response = await invoke(createBedrockEmulator(), novaBody());

    expect(response.status).toBe(200);
    // system 28 chars → 7, user 14 chars → 4; reply 'Emulated reply to: A camping trip' 33 chars → 9
    expect(JSON.parse(response.body)).toEqual({
      output: { message: { role: 'assistant', content: [{ text: 'Emulated reply to: A camping trip' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 11, outputTokens: 9, totalTokens: 20, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 },
    });
    expect(response.headers).toMatchObject({
      'X-Amzn-Bedrock-Input-Token-Count': '11',
      'X-Amzn-Bedrock-Output-Token-Count': '9',
      'X-Amzn-Bedrock-Cache-Read-Input-Token-Count': '0',
      'X-Amzn-Bedrock-Cache-Write-Input-Token-Count': '0',
    });
  });

  it('accepts the max_new_tokens spelling of the output limit', async () => {
    const body = JSON.parse((await invoke(createBedrockEmulator(), novaBody({ inferenceConfig: { max_new_tokens: 3 } }))).body);

    expect(body.output.message.content[0].text).toBe('Emulated rep');
    expect(body.stopReason).toBe('max_tokens');
    expect(body.usage.outputTokens).toBe(3);
  });

  it('writes a cachePoint prefix on first sight and reads it on the next request', async () => {
    const emulator = createBedrockEmulator();
    const cached = novaBody({ system: [{ text: 'B'.repeat(200) }, { cachePoint: { type: 'default' } }] });

    const first = JSON.parse((await invoke(emulator, cached)).body);
    const second = await invoke(emulator, cached);

    // 200-char system text → 50 tokens before the cache point; user text 4 tokens
    expect(first.usage).toMatchObject({ inputTokens: 4, cacheWriteInputTokenCount: 50, cacheReadInputTokenCount: 0 });
    expect(JSON.parse(second.body).usage).toMatchObject({
      inputTokens: 4,
      cacheWriteInputTokenCount: 0,
      cacheReadInputTokenCount: 50,
      totalTokens: 4 + 9 + 50,
    });
    expect(second.headers['X-Amzn-Bedrock-Cache-Read-Input-Token-Count']).toBe('50');
  });

  it('fails with ValidationException when messages is missing', async () => {
    const request = novaBody();
    delete request['messages'];

    const response = await invoke(createBedrockEmulator(), request);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toBe(
      'Malformed input request: #: required key [messages] not found, please reformat your input and try again.',
    );
  });

  it('fails with ValidationException when maxTokens is not an integer', async () => {
    const response = await invoke(createBedrockEmulator(), novaBody({ inferenceConfig: { maxTokens: '10' } }));

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toContain('#/inferenceConfig/maxTokens: expected type: Integer, found: String');
  });
});
