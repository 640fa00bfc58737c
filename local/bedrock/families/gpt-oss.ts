/**
 * OpenAI gpt-oss (`openai.gpt-oss-*`). An OpenAI Chat Completions body (`messages`,
 * `max_completion_tokens`, ...); `model` may be omitted but must match the URL when given,
 * and `stream` must be false or absent. The answer is a `chat.completion` object whose
 * content starts with the reasoning inside `<reasoning>…</reasoning>`; usage in
 * `usage.prompt_tokens`, `completion_tokens`, `total_tokens`.
 */
import { BedrockEmulatorError } from '../errors.ts';
import {
  checkObjectBody,
  countTokens,
  generateReply,
  objectsOf,
  stringsOf,
  sumTokens,
  type FamilyContext,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
} from './family.ts';
import { chatMessageText, checkChatMessages, lastUserMessageText } from './openai-chat.ts';

/** Used when the request sets no output limit; the emulator's choice. */
export const GPT_OSS_DEFAULT_MAX_TOKENS = 4096;

const REASONING = '<reasoning>The user wants a reply.</reasoning>';

function validate(body: unknown, baseModelId: string): JsonObject {
  const { check, object } = checkObjectBody(body);
  checkChatMessages(check, object, ['system', 'developer', 'user', 'assistant', 'tool']);
  for (const key of ['max_completion_tokens', 'max_tokens']) {
    if (check.type(object[key], `#/${key}`, 'integer')) check.range(object[key], `#/${key}`, 1);
  }
  if (check.type(object['temperature'], '#/temperature', 'number')) check.range(object['temperature'], '#/temperature', 0, 2);
  if (check.type(object['top_p'], '#/top_p', 'number')) check.range(object['top_p'], '#/top_p', 0, 1);
  const stop = object['stop'];
  if (stop !== undefined && typeof stop !== 'string') check.stringArray(stop, '#/stop');
  if (check.type(object['reasoning_effort'], '#/reasoning_effort', 'string')) {
    check.oneOf(object['reasoning_effort'], '#/reasoning_effort', ['low', 'medium', 'high']);
  }
  check.type(object['stream'], '#/stream', 'boolean');
  check.type(object['model'], '#/model', 'string');
  check.throwIfInvalid();
  if (object['stream'] === true) {
    throw new BedrockEmulatorError('ValidationException', 'stream must be false or absent for InvokeModel; use InvokeModelWithResponseStream to stream.');
  }
  if (typeof object['model'] === 'string' && object['model'] !== baseModelId) {
    throw new BedrockEmulatorError('ValidationException', `model '${object['model']}' does not match the model in the URL ('${baseModelId}').`);
  }
  return object;
}

export const gptOssFamily: ModelFamily = {
  name: 'gpt-oss',
  matches: (baseModelId) => baseModelId.startsWith('openai.gpt-oss-'),
  invoke(body: unknown, context: FamilyContext): FamilyResult {
    const request = validate(body, context.baseModelId);
    const messages = objectsOf(request['messages']);
    const limit = request['max_completion_tokens'] ?? request['max_tokens'];
    const maxTokens = typeof limit === 'number' ? limit : GPT_OSS_DEFAULT_MAX_TOKENS;
    const stop = typeof request['stop'] === 'string' ? [request['stop']] : stringsOf(request['stop']);
    const answer = generateReply(lastUserMessageText(messages), maxTokens, stop);
    // The reasoning is part of the content and of the output count, so cut again to the limit.
    const untrimmed = [...`${REASONING}${answer.text}`];
    const content = untrimmed.slice(0, maxTokens * 4).join('');
    const truncated = answer.stop === 'length' || untrimmed.length > maxTokens * 4;
    const completionTokens = countTokens(content);
    const promptTokens = sumTokens(messages.map(chatMessageText));
    return {
      body: {
        id: `chatcmpl-${context.requestId.replace(/-/g, '')}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: context.baseModelId,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: truncated ? 'length' : 'stop' }],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      },
      usage: { inputTokens: promptTokens, outputTokens: completionTokens },
    };
  },
};
