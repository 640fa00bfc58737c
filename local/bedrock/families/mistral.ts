/**
 * Mistral (`mistral.*`). Text completion `{prompt, max_tokens, stop, temperature, top_p,
 * top_k}` → `{outputs: [{text, stop_reason}]}`; Mistral Large 24.07 and later also take the
 * chat format `{messages, max_tokens, ...}` → `{choices: [{index, message, stop_reason}]}`.
 * No usage in either body: the counts are in the headers only.
 */
import {
  checkObjectBody,
  countTokens,
  generateReply,
  isObject,
  objectsOf,
  stringsOf,
  stripPromptMarkers,
  sumTokens,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
  type SchemaCheck,
} from './family.ts';

/** Used when the request sets no `max_tokens`; the emulator's choice. */
export const MISTRAL_DEFAULT_MAX_TOKENS = 512;

function checkSampling(check: SchemaCheck, object: JsonObject): void {
  if (check.type(object['max_tokens'], '#/max_tokens', 'integer')) check.range(object['max_tokens'], '#/max_tokens', 1);
  if (check.type(object['temperature'], '#/temperature', 'number')) check.range(object['temperature'], '#/temperature', 0, 1);
  if (check.type(object['top_p'], '#/top_p', 'number')) check.range(object['top_p'], '#/top_p', 0, 1);
  if (check.type(object['top_k'], '#/top_k', 'integer')) check.range(object['top_k'], '#/top_k', 1, 200);
  if (object['stop'] !== undefined) check.stringArray(object['stop'], '#/stop');
}

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  if (object['messages'] === undefined) {
    check.required(object, '#', ['prompt']);
    check.type(object['prompt'], '#/prompt', 'string');
  } else if (check.type(object['messages'], '#/messages', 'array') && Array.isArray(object['messages'])) {
    check.minItems(object['messages'], '#/messages', 1);
    object['messages'].forEach((message, index) => {
      const pointer = `#/messages/${index}`;
      if (!check.type(message, pointer, 'object') || !isObject(message)) return;
      check.required(message, pointer, ['role']);
      if (check.type(message['role'], `${pointer}/role`, 'string')) {
        check.oneOf(message['role'], `${pointer}/role`, ['system', 'user', 'assistant', 'tool']);
      }
    });
  }
  checkSampling(check, object);
  check.throwIfInvalid();
  return object;
}

function messageText(message: JsonObject): string {
  const content = message['content'];
  if (typeof content === 'string') return content;
  return objectsOf(content)
    .map((part) => (typeof part['text'] === 'string' ? part['text'] : ''))
    .join(' ');
}

export const mistralFamily: ModelFamily = {
  name: 'mistral',
  matches: (baseModelId) => baseModelId.startsWith('mistral.'),
  invoke(body: unknown): FamilyResult {
    const request = validate(body);
    const limit = request['max_tokens'];
    const maxTokens = typeof limit === 'number' ? limit : MISTRAL_DEFAULT_MAX_TOKENS;
    const stop = stringsOf(request['stop']);

    if (request['messages'] === undefined) {
      const prompt = String(request['prompt']);
      const generation = generateReply(stripPromptMarkers(prompt), maxTokens, stop);
      return {
        body: { outputs: [{ text: generation.text, stop_reason: generation.stop === 'length' ? 'length' : 'stop' }] },
        usage: { inputTokens: countTokens(prompt), outputTokens: generation.outputTokens },
      };
    }
    const messages = objectsOf(request['messages']);
    const lastUser = messages.filter((message) => message['role'] === 'user').at(-1);
    const generation = generateReply(lastUser === undefined ? '' : messageText(lastUser), maxTokens, stop);
    return {
      body: {
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: generation.text },
            stop_reason: generation.stop === 'length' ? 'length' : 'stop',
          },
        ],
      },
      usage: { inputTokens: sumTokens(messages.map(messageText)), outputTokens: generation.outputTokens },
    };
  },
};
