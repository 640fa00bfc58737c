/**
 * Anthropic Claude, Messages API on Bedrock (`anthropic.*`). `anthropic_version`,
 * `max_tokens` and a non-empty `messages` are required; there is no `model` or `stream`
 * field (the model is the URL, streaming is another operation). Usage goes in
 * `usage.input_tokens`, `output_tokens`, `cache_creation_input_tokens` and
 * `cache_read_input_tokens`; `cache_control` blocks mark cache breakpoints. A request with a
 * 1-hour breakpoint (`cache_control: {type: "ephemeral", ttl: "1h"}`) is answered, as Bedrock does,
 * with the `usage.cache_creation` split (`ephemeral_5m_input_tokens`, `ephemeral_1h_input_tokens`).
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
  type SchemaCheck,
  type StopKind,
} from './family.ts';
import type { CacheTtl, PromptSegment } from './prompt-cache.ts';

const STOP_REASONS: Record<StopKind, string> = {
  end: 'end_turn',
  length: 'max_tokens',
  stop_sequence: 'stop_sequence',
};

/** `cache_control`: `{type: "ephemeral"}`, with an optional `ttl` of "5m" (the default) or "1h". */
function validateCacheControl(check: SchemaCheck, block: JsonObject, pointer: string): void {
  const control = block['cache_control'];
  if (!check.type(control, `${pointer}/cache_control`, 'object') || !isObject(control)) return;
  check.required(control, `${pointer}/cache_control`, ['type']);
  if (check.type(control['type'], `${pointer}/cache_control/type`, 'string')) {
    check.oneOf(control['type'], `${pointer}/cache_control/type`, ['ephemeral']);
  }
  if (check.type(control['ttl'], `${pointer}/cache_control/ttl`, 'string')) {
    check.oneOf(control['ttl'], `${pointer}/cache_control/ttl`, ['5m', '1h']);
  }
}

function validateContentBlock(check: SchemaCheck, block: unknown, pointer: string): void {
  if (!check.type(block, pointer, 'object') || !isObject(block)) return;
  validateCacheControl(check, block, pointer);
  check.required(block, pointer, ['type']);
  check.type(block['type'], `${pointer}/type`, 'string');
  if (block['type'] === 'text') {
    check.required(block, pointer, ['text']);
    check.type(block['text'], `${pointer}/text`, 'string');
  }
}

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  check.required(object, '#', ['anthropic_version', 'max_tokens', 'messages']);
  check.forbidKeys(object, '#', ['model', 'stream']);
  check.type(object['anthropic_version'], '#/anthropic_version', 'string');
  if (check.type(object['max_tokens'], '#/max_tokens', 'integer')) check.range(object['max_tokens'], '#/max_tokens', 1);
  if (check.type(object['temperature'], '#/temperature', 'number')) check.range(object['temperature'], '#/temperature', 0, 1);
  if (check.type(object['top_p'], '#/top_p', 'number')) check.range(object['top_p'], '#/top_p', 0, 1);
  if (check.type(object['top_k'], '#/top_k', 'integer')) check.range(object['top_k'], '#/top_k', 0);
  if (object['stop_sequences'] !== undefined) check.stringArray(object['stop_sequences'], '#/stop_sequences');
  if (object['anthropic_beta'] !== undefined) check.stringArray(object['anthropic_beta'], '#/anthropic_beta');
  if (check.type(object['tools'], '#/tools', 'array') && Array.isArray(object['tools'])) {
    object['tools'].forEach((tool, index) => {
      if (check.type(tool, `#/tools/${index}`, 'object') && isObject(tool)) validateCacheControl(check, tool, `#/tools/${index}`);
    });
  }

  const system = object['system'];
  if (system !== undefined && typeof system !== 'string') {
    if (check.type(system, '#/system', 'array') && Array.isArray(system)) {
      system.forEach((block, index) => validateContentBlock(check, block, `#/system/${index}`));
    }
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
      if (content === undefined || typeof content === 'string') return;
      if (check.type(content, `${pointer}/content`, 'array') && Array.isArray(content)) {
        content.forEach((block, blockIndex) => validateContentBlock(check, block, `${pointer}/content/${blockIndex}`));
      }
    });
  }
  check.throwIfInvalid();
  return object;
}

/** Text of one content block, for token counting and the reply. */
function blockText(block: JsonObject): string {
  switch (block['type']) {
    case 'text':
      return typeof block['text'] === 'string' ? block['text'] : '';
    case 'thinking':
      return typeof block['thinking'] === 'string' ? block['thinking'] : '';
    case 'tool_use':
      return JSON.stringify(block['input'] ?? {});
    case 'tool_result': {
      const content = block['content'];
      if (typeof content === 'string') return content;
      return objectsOf(content)
        .map(blockText)
        .join(' ');
    }
    default:
      return '';
  }
}

function withoutCacheControl(block: JsonObject): JsonObject {
  const copy = { ...block };
  delete copy['cache_control'];
  return copy;
}

function cacheTtl(block: JsonObject): CacheTtl {
  const control = block['cache_control'];
  return isObject(control) && control['ttl'] === '1h' ? '1h' : '5m';
}

function segmentOf(section: string, block: JsonObject, text: string): PromptSegment {
  return {
    key: `${section}:${JSON.stringify(withoutCacheControl(block))}`,
    tokens: countTokens(text),
    breakpoint: block['cache_control'] !== undefined,
    ttl: cacheTtl(block),
  };
}

/** Whether any breakpoint of the request asks for the 1-hour time to live. */
const asks1h = (segments: readonly PromptSegment[]): boolean =>
  segments.some((segment) => segment.breakpoint && segment.ttl === '1h');

function promptSegments(request: JsonObject): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const tool of objectsOf(request['tools'])) {
    segments.push(segmentOf('tool', tool, JSON.stringify(withoutCacheControl(tool))));
  }
  const system = request['system'];
  if (typeof system === 'string') {
    segments.push({ key: `system:${system}`, tokens: countTokens(system), breakpoint: false });
  } else {
    for (const block of objectsOf(system)) segments.push(segmentOf('system', block, blockText(block)));
  }
  for (const message of objectsOf(request['messages'])) {
    const role = String(message['role']);
    const content = message['content'];
    if (typeof content === 'string') {
      segments.push({ key: `${role}:${content}`, tokens: countTokens(content), breakpoint: false });
    } else {
      for (const block of objectsOf(content)) segments.push(segmentOf(role, block, blockText(block)));
    }
  }
  return segments;
}

function lastUserText(request: JsonObject): string {
  const user = objectsOf(request['messages']).filter((message) => message['role'] === 'user').at(-1);
  const content = user?.['content'];
  if (typeof content === 'string') return content;
  return objectsOf(content)
    .map(blockText)
    .join(' ');
}

/** Anthropic's own model name, e.g. `claude-3-5-haiku-20241022` for `anthropic.claude-3-5-haiku-20241022-v1:0`. */
export function anthropicModelName(baseModelId: string): string {
  return baseModelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '');
}

export const anthropicFamily: ModelFamily = {
  name: 'anthropic',
  matches: (baseModelId) => baseModelId.startsWith('anthropic.'),
  invoke(body: unknown, context: FamilyContext): FamilyResult {
    const request = validate(body);
    const maxTokens = Number(request['max_tokens']);
    const generation = generateReply(lastUserText(request), maxTokens, stringsOf(request['stop_sequences']));
    const segments = promptSegments(request);
    const cache = context.promptCache.account(context.baseModelId, segments);
    return {
      body: {
        id: `msg_bdrk_01${context.requestId.replace(/-/g, '').slice(0, 22)}`,
        type: 'message',
        role: 'assistant',
        model: anthropicModelName(context.baseModelId),
        content: [{ type: 'text', text: generation.text }],
        stop_reason: STOP_REASONS[generation.stop],
        stop_sequence: generation.stopSequence ?? null,
        usage: {
          input_tokens: cache.inputTokens,
          cache_creation_input_tokens: cache.cacheWriteInputTokens,
          cache_read_input_tokens: cache.cacheReadInputTokens,
          output_tokens: generation.outputTokens,
          ...(asks1h(segments)
            ? {
                cache_creation: {
                  ephemeral_5m_input_tokens: cache.cacheWriteInputTokens - cache.cacheWrite1hInputTokens,
                  ephemeral_1h_input_tokens: cache.cacheWrite1hInputTokens,
                },
              }
            : {}),
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
