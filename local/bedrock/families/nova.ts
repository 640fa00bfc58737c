/**
 * Amazon Nova understanding models, `messages-v1` schema (`amazon.nova-*`). `messages` is
 * required; `inferenceConfig` accepts both `maxTokens`/`topP`/`topK` and
 * `max_new_tokens`/`top_p`/`top_k`. `{"cachePoint": {...}}` blocks in `system`, `messages`
 * and `toolConfig.tools` mark cache breakpoints. Usage goes in `usage.inputTokens`,
 * `outputTokens`, `totalTokens`, `cacheReadInputTokenCount`, `cacheWriteInputTokenCount`.
 */
import {
  checkObjectBody,
  countTokens,
  generateReply,
  isObject,
  objectsOf,
  stringsOf,
  type FamilyContext,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
  type StopKind,
} from './family.ts';
import type { PromptSegment } from './prompt-cache.ts';

/** Used when the request sets no output limit; the emulator's choice. */
export const NOVA_DEFAULT_MAX_TOKENS = 5000;

const STOP_REASONS: Record<StopKind, string> = {
  end: 'end_turn',
  length: 'max_tokens',
  stop_sequence: 'stop_sequence',
};

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  check.required(object, '#', ['messages']);
  if (check.type(object['schemaVersion'], '#/schemaVersion', 'string')) {
    check.oneOf(object['schemaVersion'], '#/schemaVersion', ['messages-v1']);
  }
  check.type(object['system'], '#/system', 'array');
  check.type(object['toolConfig'], '#/toolConfig', 'object');

  const config = object['inferenceConfig'];
  if (check.type(config, '#/inferenceConfig', 'object') && isObject(config)) {
    for (const key of ['maxTokens', 'max_new_tokens']) {
      if (check.type(config[key], `#/inferenceConfig/${key}`, 'integer')) check.range(config[key], `#/inferenceConfig/${key}`, 1);
    }
    for (const key of ['temperature', 'topP', 'top_p']) {
      if (check.type(config[key], `#/inferenceConfig/${key}`, 'number')) check.range(config[key], `#/inferenceConfig/${key}`, 0, 1);
    }
    for (const key of ['topK', 'top_k']) check.type(config[key], `#/inferenceConfig/${key}`, 'integer');
    if (config['stopSequences'] !== undefined) check.stringArray(config['stopSequences'], '#/inferenceConfig/stopSequences');
  }

  const messages = object['messages'];
  if (check.type(messages, '#/messages', 'array') && Array.isArray(messages)) {
    check.minItems(messages, '#/messages', 1);
    messages.forEach((message, index) => {
      const pointer = `#/messages/${index}`;
      if (!check.type(message, pointer, 'object') || !isObject(message)) return;
      check.required(message, pointer, ['role', 'content']);
      if (check.type(message['role'], `${pointer}/role`, 'string')) {
        check.oneOf(message['role'], `${pointer}/role`, ['user', 'assistant']);
      }
      const content = message['content'];
      if (check.type(content, `${pointer}/content`, 'array') && Array.isArray(content)) {
        content.forEach((block, blockIndex) => {
          const blockPointer = `${pointer}/content/${blockIndex}`;
          if (check.type(block, blockPointer, 'object') && isObject(block)) {
            check.type(block['text'], `${blockPointer}/text`, 'string');
          }
        });
      }
    });
  }
  check.throwIfInvalid();
  return object;
}

function blockText(block: JsonObject): string {
  if (typeof block['text'] === 'string') return block['text'];
  if (isObject(block['toolUse'])) return JSON.stringify(block['toolUse']['input'] ?? {});
  if (isObject(block['toolResult'])) {
    return objectsOf(block['toolResult']['content'])
      .map((part) => (typeof part['text'] === 'string' ? part['text'] : isObject(part['json']) ? JSON.stringify(part['json']) : ''))
      .join(' ');
  }
  if (isObject(block['toolSpec'])) return JSON.stringify(block['toolSpec']);
  return '';
}

/** Turns a block list into segments, folding each `cachePoint` into the segment before it. */
function addSegments(segments: PromptSegment[], section: string, blocks: readonly JsonObject[]): void {
  for (const block of blocks) {
    if (block['cachePoint'] !== undefined) {
      const previous = segments.at(-1);
      if (previous !== undefined) segments[segments.length - 1] = { ...previous, breakpoint: true };
      continue;
    }
    segments.push({ key: `${section}:${JSON.stringify(block)}`, tokens: countTokens(blockText(block)), breakpoint: false });
  }
}

function promptSegments(request: JsonObject): PromptSegment[] {
  const segments: PromptSegment[] = [];
  const toolConfig = request['toolConfig'];
  if (isObject(toolConfig)) addSegments(segments, 'tool', objectsOf(toolConfig['tools']));
  addSegments(segments, 'system', objectsOf(request['system']));
  for (const message of objectsOf(request['messages'])) {
    addSegments(segments, String(message['role']), objectsOf(message['content']));
  }
  return segments;
}

function lastUserText(request: JsonObject): string {
  const user = objectsOf(request['messages']).filter((message) => message['role'] === 'user').at(-1);
  return objectsOf(user?.['content'])
    .map(blockText)
    .join(' ');
}

export const novaFamily: ModelFamily = {
  name: 'nova',
  matches: (baseModelId) => baseModelId.startsWith('amazon.nova-'),
  invoke(body: unknown, context: FamilyContext): FamilyResult {
    const request = validate(body);
    const config = isObject(request['inferenceConfig']) ? request['inferenceConfig'] : {};
    const limit = config['maxTokens'] ?? config['max_new_tokens'];
    const maxTokens = typeof limit === 'number' ? limit : NOVA_DEFAULT_MAX_TOKENS;
    const generation = generateReply(lastUserText(request), maxTokens, stringsOf(config['stopSequences']));
    const cache = context.promptCache.account(context.baseModelId, promptSegments(request));
    return {
      body: {
        output: { message: { role: 'assistant', content: [{ text: generation.text }] } },
        stopReason: STOP_REASONS[generation.stop],
        usage: {
          inputTokens: cache.inputTokens,
          outputTokens: generation.outputTokens,
          // Total includes the cache buckets, as observed for Converse (reference section 3.12).
          totalTokens: cache.inputTokens + generation.outputTokens + cache.cacheReadInputTokens + cache.cacheWriteInputTokens,
          cacheReadInputTokenCount: cache.cacheReadInputTokens,
          cacheWriteInputTokenCount: cache.cacheWriteInputTokens,
        },
      },
      usage: {
        inputTokens: cache.inputTokens,
        outputTokens: generation.outputTokens,
        cacheReadInputTokens: cache.cacheReadInputTokens,
        cacheWriteInputTokens: cache.cacheWriteInputTokens,
      },
    };
  },
};
