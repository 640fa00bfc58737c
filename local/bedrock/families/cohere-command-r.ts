/**
 * Cohere Command R / R+ (`cohere.command-r*`). Request
 * `{message, chat_history, preamble, documents, max_tokens, ...}`; response
 * `{response_id, generation_id, text, finish_reason, chat_history}`. No usage in the body:
 * the counts are in the headers only.
 */
import { randomUUID } from 'node:crypto';
import {
  checkObjectBody,
  generateReply,
  isObject,
  objectsOf,
  stringsOf,
  sumTokens,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
} from './family.ts';

/** Used when the request sets no `max_tokens`; the emulator's choice. */
export const COMMAND_R_DEFAULT_MAX_TOKENS = 4000;

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  check.required(object, '#', ['message']);
  check.type(object['message'], '#/message', 'string');
  check.type(object['preamble'], '#/preamble', 'string');
  if (check.type(object['max_tokens'], '#/max_tokens', 'integer')) check.range(object['max_tokens'], '#/max_tokens', 1);
  if (check.type(object['temperature'], '#/temperature', 'number')) check.range(object['temperature'], '#/temperature', 0, 1);
  if (check.type(object['p'], '#/p', 'number')) check.range(object['p'], '#/p', 0.01, 0.99);
  if (check.type(object['k'], '#/k', 'integer')) check.range(object['k'], '#/k', 0, 500);
  if (object['stop_sequences'] !== undefined) check.stringArray(object['stop_sequences'], '#/stop_sequences');
  check.forbidKeys(object, '#', ['stream']);
  const history = object['chat_history'];
  if (check.type(history, '#/chat_history', 'array') && Array.isArray(history)) {
    history.forEach((turn, index) => {
      const pointer = `#/chat_history/${index}`;
      if (!check.type(turn, pointer, 'object') || !isObject(turn)) return;
      check.required(turn, pointer, ['role', 'message']);
      if (check.type(turn['role'], `${pointer}/role`, 'string')) check.oneOf(turn['role'], `${pointer}/role`, ['USER', 'CHATBOT', 'SYSTEM', 'TOOL']);
      check.type(turn['message'], `${pointer}/message`, 'string');
    });
  }
  check.type(object['documents'], '#/documents', 'array');
  check.throwIfInvalid();
  return object;
}

function inputTexts(request: JsonObject): string[] {
  const texts = [String(request['message'])];
  if (typeof request['preamble'] === 'string') texts.push(request['preamble']);
  for (const turn of objectsOf(request['chat_history'])) {
    if (typeof turn['message'] === 'string') texts.push(turn['message']);
  }
  for (const document of objectsOf(request['documents'])) {
    for (const value of Object.values(document)) if (typeof value === 'string') texts.push(value);
  }
  return texts;
}

export const cohereCommandRFamily: ModelFamily = {
  name: 'cohere-command-r',
  matches: (baseModelId) => baseModelId.startsWith('cohere.command-r'),
  invoke(body: unknown, context): FamilyResult {
    const request = validate(body);
    const message = String(request['message']);
    const limit = request['max_tokens'];
    const maxTokens = typeof limit === 'number' ? limit : COMMAND_R_DEFAULT_MAX_TOKENS;
    const generation = generateReply(message, maxTokens, stringsOf(request['stop_sequences']));
    return {
      body: {
        response_id: context.requestId,
        generation_id: randomUUID(),
        text: generation.text,
        finish_reason: generation.stop === 'length' ? 'MAX_TOKENS' : 'COMPLETE',
        chat_history: [
          ...objectsOf(request['chat_history']),
          { role: 'USER', message },
          { role: 'CHATBOT', message: generation.text },
        ],
      },
      usage: { inputTokens: sumTokens(inputTexts(request)), outputTokens: generation.outputTokens },
    };
  },
};
