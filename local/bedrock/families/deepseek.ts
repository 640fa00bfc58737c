/**
 * DeepSeek R1 (`deepseek.r1-*`), reachable only through its inference profile
 * (`us.deepseek.r1-v1:0`). Request `{prompt, temperature, top_p, max_tokens, stop}`;
 * response `{choices: [{text, stop_reason}]}`. No usage in the body: the counts are in the
 * headers only.
 */
import {
  checkObjectBody,
  countTokens,
  generateReply,
  stringsOf,
  stripPromptMarkers,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
} from './family.ts';

/** Used when the request sets no `max_tokens`; the emulator's choice. */
export const DEEPSEEK_DEFAULT_MAX_TOKENS = 8192;

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  check.required(object, '#', ['prompt']);
  check.type(object['prompt'], '#/prompt', 'string');
  if (check.type(object['max_tokens'], '#/max_tokens', 'integer')) check.range(object['max_tokens'], '#/max_tokens', 1, 32768);
  if (check.type(object['temperature'], '#/temperature', 'number')) check.range(object['temperature'], '#/temperature', 0, 1);
  if (check.type(object['top_p'], '#/top_p', 'number')) check.range(object['top_p'], '#/top_p', 0, 1);
  if (object['stop'] !== undefined) {
    check.stringArray(object['stop'], '#/stop');
    check.maxItems(object['stop'], '#/stop', 10);
  }
  check.throwIfInvalid();
  return object;
}

export const deepseekFamily: ModelFamily = {
  name: 'deepseek',
  matches: (baseModelId) => baseModelId.startsWith('deepseek.'),
  requiresInferenceProfile: true,
  invoke(body: unknown): FamilyResult {
    const request = validate(body);
    const prompt = String(request['prompt']);
    const limit = request['max_tokens'];
    const maxTokens = typeof limit === 'number' ? limit : DEEPSEEK_DEFAULT_MAX_TOKENS;
    const generation = generateReply(stripPromptMarkers(prompt), maxTokens, stringsOf(request['stop']));
    return {
      body: { choices: [{ text: generation.text, stop_reason: generation.stop === 'length' ? 'length' : 'stop' }] },
      usage: { inputTokens: countTokens(prompt), outputTokens: generation.outputTokens },
    };
  },
};
