/**
 * Meta Llama 3 / 3.1 / 3.2 / 3.3 / 4 (`meta.llama*`). Request
 * `{prompt, max_gen_len, temperature, top_p, images?}`; response
 * `{generation, prompt_token_count, generation_token_count, stop_reason}` with `stop_reason`
 * `stop` or `length`. The raw prompt, template markers included, is what gets counted.
 */
import {
  checkObjectBody,
  countTokens,
  generateReply,
  stripPromptMarkers,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
} from './family.ts';

/** Llama's documented default `max_gen_len`. */
export const LLAMA_DEFAULT_MAX_GEN_LEN = 512;

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  check.required(object, '#', ['prompt']);
  check.onlyKeys(object, '#', ['prompt', 'max_gen_len', 'temperature', 'top_p', 'images']);
  check.type(object['prompt'], '#/prompt', 'string');
  if (check.type(object['max_gen_len'], '#/max_gen_len', 'integer')) check.range(object['max_gen_len'], '#/max_gen_len', 1);
  if (check.type(object['temperature'], '#/temperature', 'number')) check.range(object['temperature'], '#/temperature', 0, 1);
  if (check.type(object['top_p'], '#/top_p', 'number')) check.range(object['top_p'], '#/top_p', 0, 1);
  if (object['images'] !== undefined) check.stringArray(object['images'], '#/images');
  check.throwIfInvalid();
  return object;
}

export const llamaFamily: ModelFamily = {
  name: 'llama',
  matches: (baseModelId) => baseModelId.startsWith('meta.llama'),
  invoke(body: unknown): FamilyResult {
    const request = validate(body);
    const prompt = String(request['prompt']);
    const limit = request['max_gen_len'];
    const maxTokens = typeof limit === 'number' ? limit : LLAMA_DEFAULT_MAX_GEN_LEN;
    const generation = generateReply(stripPromptMarkers(prompt), maxTokens);
    const inputTokens = countTokens(prompt);
    return {
      body: {
        generation: generation.text,
        prompt_token_count: inputTokens,
        generation_token_count: generation.outputTokens,
        stop_reason: generation.stop === 'length' ? 'length' : 'stop',
      },
      usage: { inputTokens, outputTokens: generation.outputTokens },
    };
  },
};
