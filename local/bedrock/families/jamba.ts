/**
 * AI21 Jamba 1.5 (`ai21.jamba*`). OpenAI-like chat: request
 * `{messages, max_tokens, temperature, top_p, stop, n}`; response
 * `{id, choices: [{index, message, finish_reason}], usage: {prompt_tokens, completion_tokens, total_tokens}}`.
 */
import {
  checkObjectBody,
  generateReply,
  objectsOf,
  stringsOf,
  sumTokens,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
} from './family.ts';
import { chatMessageText, checkChatMessages, lastUserMessageText } from './openai-chat.ts';

/** Jamba's documented default `max_tokens`. */
export const JAMBA_DEFAULT_MAX_TOKENS = 4096;

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  checkChatMessages(check, object, ['system', 'user', 'assistant', 'tool']);
  if (check.type(object['max_tokens'], '#/max_tokens', 'integer')) check.range(object['max_tokens'], '#/max_tokens', 1);
  if (check.type(object['temperature'], '#/temperature', 'number')) check.range(object['temperature'], '#/temperature', 0, 2);
  if (check.type(object['top_p'], '#/top_p', 'number')) check.range(object['top_p'], '#/top_p', 0, 1);
  if (check.type(object['n'], '#/n', 'integer')) check.range(object['n'], '#/n', 1, 16);
  if (object['stop'] !== undefined) check.stringArray(object['stop'], '#/stop');
  check.forbidKeys(object, '#', ['stream']);
  check.throwIfInvalid();
  return object;
}

export const jambaFamily: ModelFamily = {
  name: 'jamba',
  matches: (baseModelId) => baseModelId.startsWith('ai21.jamba'),
  invoke(body: unknown, context): FamilyResult {
    const request = validate(body);
    const messages = objectsOf(request['messages']);
    const limit = request['max_tokens'];
    const maxTokens = typeof limit === 'number' ? limit : JAMBA_DEFAULT_MAX_TOKENS;
    const generation = generateReply(lastUserMessageText(messages), maxTokens, stringsOf(request['stop']));
    const promptTokens = sumTokens(messages.map(chatMessageText));
    return {
      body: {
        id: `chat-${context.requestId.replace(/-/g, '')}`,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: generation.text, tool_calls: null },
            finish_reason: generation.stop === 'length' ? 'length' : 'stop',
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: generation.outputTokens,
          total_tokens: promptTokens + generation.outputTokens,
        },
      },
      usage: { inputTokens: promptTokens, outputTokens: generation.outputTokens },
    };
  },
};
