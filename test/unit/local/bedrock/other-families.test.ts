import { describe, expect, it } from 'vitest';
import { createBedrockEmulator, type EmulatorResponse } from '../../../../local/bedrock/server.ts';

// Counting rule: tokens(text) = ceil(code points / 4), summed per text part; the reply is
// `Emulated reply to: <last user text>`.

function invoke(modelId: string, body: unknown): Promise<EmulatorResponse> {
  return createBedrockEmulator().handle({
    method: 'POST',
    path: `/model/${encodeURIComponent(modelId)}/invoke`,
    headers: { authorization: 'Bearer test-key' },
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
}

function tokenHeaders(response: EmulatorResponse): [string | undefined, string | undefined] {
  return [response.headers['X-Amzn-Bedrock-Input-Token-Count'], response.headers['X-Amzn-Bedrock-Output-Token-Count']];
}

describe('InvokeModel with the other model families', () => {
  it('returns a Titan Embeddings V2 vector of the requested size with inputTextTokenCount', async () => {
    const response = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'hello world', dimensions: 256, normalize: true });

    const body = JSON.parse(response.body);
    expect(body.embedding).toHaveLength(256);
    expect(body.embeddingsByType.float).toEqual(body.embedding);
    // 'hello world' 11 chars → 3
    expect(body.inputTextTokenCount).toBe(3);
    expect(tokenHeaders(response)).toEqual(['3', '0']);
    const norm = Math.sqrt(body.embedding.reduce((sum: number, value: number) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 6);
  });

  it('returns the same embedding for the same text', async () => {
    const first = JSON.parse((await invoke('amazon.titan-embed-text-v1', { inputText: 'same' })).body);
    const second = JSON.parse((await invoke('amazon.titan-embed-text-v1', { inputText: 'same' })).body);

    expect(first.embedding).toHaveLength(1536);
    expect(second.embedding).toEqual(first.embedding);
  });

  it('returns Cohere embeddings with usage in the headers only', async () => {
    const response = await invoke('cohere.embed-english-v3', { texts: ['hello', 'world'], input_type: 'search_document' });

    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ response_type: 'embeddings_floats', texts: ['hello', 'world'] });
    expect(body.embeddings).toHaveLength(2);
    // 'hello' → 2, 'world' → 2
    expect(tokenHeaders(response)).toEqual(['4', '0']);
  });

  it('fails with ValidationException when Cohere Embed gets Titan fields', async () => {
    const response = await invoke('cohere.embed-english-v3', { inputText: 'hello' });

    expect(JSON.parse(response.body).message).toBe(
      'Malformed input request: #: required key [texts] not found#: required key [input_type] not found#: extraneous key [inputText] is not permitted, please reformat your input and try again.',
    );
  });

  it('returns a Cohere Command R chat answer with usage in the headers', async () => {
    const response = await invoke('cohere.command-r-v1:0', { message: 'What is Bedrock?', preamble: 'Be brief.' });

    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ text: 'Emulated reply to: What is Bedrock?', finish_reason: 'COMPLETE' });
    expect(body.chat_history).toEqual([
      { role: 'USER', message: 'What is Bedrock?' },
      { role: 'CHATBOT', message: 'Emulated reply to: What is Bedrock?' },
    ]);
    // message 16 chars → 4, preamble 9 chars → 3; reply 35 chars → 9
    expect(tokenHeaders(response)).toEqual(['7', '9']);
  });

  it('returns Mistral text-completion outputs without usage in the body', async () => {
    const response = await invoke('mistral.mistral-7b-instruct-v0:2', { prompt: '<s>[INST] Hi [/INST]', max_tokens: 400 });

    expect(JSON.parse(response.body)).toEqual({ outputs: [{ text: 'Emulated reply to: Hi', stop_reason: 'stop' }] });
    // prompt 20 chars → 5; reply 21 chars → 6
    expect(tokenHeaders(response)).toEqual(['5', '6']);
  });

  it('returns Mistral chat choices for a messages body', async () => {
    const response = await invoke('mistral.mistral-large-2407-v1:0', { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 100 });

    expect(JSON.parse(response.body)).toEqual({
      choices: [{ index: 0, message: { role: 'assistant', content: 'Emulated reply to: Hi' }, stop_reason: 'stop' }],
    });
  });

  it('returns AI21 Jamba choices with OpenAI-style usage matching the headers', async () => {
    const response = await invoke('ai21.jamba-1-5-mini-v1:0', {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 256,
    });

    const body = JSON.parse(response.body);
    expect(body.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Emulated reply to: Hi' }, finish_reason: 'stop' });
    // 'Be brief.' → 3, 'Hi' → 1; reply → 6
    expect(body.usage).toEqual({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
    expect(tokenHeaders(response)).toEqual(['4', '6']);
  });

  it('returns DeepSeek R1 choices through its inference profile', async () => {
    const response = await invoke('us.deepseek.r1-v1:0', {
      prompt: '<｜begin▁of▁sentence｜><｜User｜>Why is the sky blue?<｜Assistant｜><think>\n',
      max_tokens: 4096,
    });

    expect(JSON.parse(response.body)).toEqual({ choices: [{ text: 'Emulated reply to: Why is the sky blue?', stop_reason: 'stop' }] });
  });

  it('returns a gpt-oss chat.completion whose content starts with reasoning', async () => {
    const response = await invoke('openai.gpt-oss-20b-1:0', { messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 100 });

    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ object: 'chat.completion', model: 'openai.gpt-oss-20b-1:0' });
    expect(body.choices[0].message.content).toMatch(/^<reasoning>.*<\/reasoning>Emulated reply to: Hi$/);
    expect(tokenHeaders(response)).toEqual([String(body.usage.prompt_tokens), String(body.usage.completion_tokens)]);
    expect(body.usage.prompt_tokens).toBe(1);
  });

  it('fails with ValidationException when gpt-oss is asked to stream', async () => {
    const response = await invoke('openai.gpt-oss-20b-1:0', { messages: [{ role: 'user', content: 'Hi' }], stream: true });

    expect(response.status).toBe(400);
  });
});
