import { describe, expect, it } from 'vitest';
import { createBedrockEmulator, type EmulatorResponse } from '../../../../local/bedrock/server.ts';

// Counting rule: tokens(text) = ceil(code points / 4).

function invoke(body: unknown, modelId = 'amazon.titan-text-express-v1'): Promise<EmulatorResponse> {
  return createBedrockEmulator().handle({
    method: 'POST',
    path: `/model/${modelId}/invoke`,
    headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
}

describe('InvokeModel with an Amazon Titan Text model', () => {
  it('returns inputTextTokenCount and results with matching headers and no cache headers', async () => {
    const response = await invoke({
      inputText: 'Translate to Spanish: good morning',
      textGenerationConfig: { maxTokenCount: 200, temperature: 0.5, topP: 0.5, stopSequences: [] },
    });

    expect(response.status).toBe(200);
    // input 34 chars → 9; reply 53 chars → 14
    expect(JSON.parse(response.body)).toEqual({
      inputTextTokenCount: 9,
      results: [{ tokenCount: 14, outputText: 'Emulated reply to: Translate to Spanish: good morning', completionReason: 'FINISH' }],
    });
    expect(response.headers).toMatchObject({ 'X-Amzn-Bedrock-Input-Token-Count': '9', 'X-Amzn-Bedrock-Output-Token-Count': '14' });
    expect(response.headers).not.toHaveProperty('X-Amzn-Bedrock-Cache-Read-Input-Token-Count');
  });

  it('reports LENGTH when maxTokenCount cuts the reply', async () => {
    const body = JSON.parse((await invoke({ inputText: 'Hello', textGenerationConfig: { maxTokenCount: 2 } })).body);

    expect(body.results[0]).toEqual({ tokenCount: 2, outputText: 'Emulated', completionReason: 'LENGTH' });
  });

  it('fails with ValidationException when inputText is missing', async () => {
    const response = await invoke({ textGenerationConfig: {} });

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toBe(
      'Malformed input request: #: required key [inputText] not found, please reformat your input and try again.',
    );
  });

  it('fails with ValidationException for a key Titan does not know', async () => {
    const response = await invoke({ inputText: 'Hi', max_tokens: 10 });

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toContain('#: extraneous key [max_tokens] is not permitted');
  });
});
