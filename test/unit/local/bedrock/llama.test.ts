import { describe, expect, it } from 'vitest';
import { createBedrockEmulator, type EmulatorResponse } from '../../../../local/bedrock/server.ts';

// Counting rule: tokens(text) = ceil(code points / 4); the raw prompt, template markers
// included, is counted.

const PROMPT =
  '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';

function invoke(body: unknown): Promise<EmulatorResponse> {
  return createBedrockEmulator().handle({
    method: 'POST',
    path: `/model/${encodeURIComponent('meta.llama3-8b-instruct-v1:0')}/invoke`,
    headers: { authorization: 'Bearer test-key' },
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
}

describe('InvokeModel with a Meta Llama model', () => {
  it('returns generation with prompt and generation token counts matching the headers', async () => {
    const response = await invoke({ prompt: PROMPT, max_gen_len: 512, temperature: 0.5, top_p: 0.9 });

    expect(response.status).toBe(200);
    // prompt 118 chars → 30; reply 'Emulated reply to: Hi' 21 chars → 6
    expect(JSON.parse(response.body)).toEqual({
      generation: 'Emulated reply to: Hi',
      prompt_token_count: 30,
      generation_token_count: 6,
      stop_reason: 'stop',
    });
    expect(response.headers).toMatchObject({ 'X-Amzn-Bedrock-Input-Token-Count': '30', 'X-Amzn-Bedrock-Output-Token-Count': '6' });
  });

  it('reports length when max_gen_len cuts the reply', async () => {
    const body = JSON.parse((await invoke({ prompt: 'Hi', max_gen_len: 1 })).body);

    expect(body).toMatchObject({ generation: 'Emul', generation_token_count: 1, stop_reason: 'length' });
  });

  it('fails with ValidationException when prompt is missing', async () => {
    const response = await invoke({ max_gen_len: 10 });

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toBe(
      'Malformed input request: #: required key [prompt] not found, please reformat your input and try again.',
    );
  });

  it('fails with ValidationException when max_gen_len is not an integer', async () => {
    const response = await invoke({ prompt: 'Hi', max_gen_len: 1.5 });

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toContain('#/max_gen_len: expected type: Integer, found: BigDecimal');
  });
});
