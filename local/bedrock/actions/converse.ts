/**
 * Converse: `POST /model/{modelId}/converse` with Bedrock's model-agnostic body (`messages`,
 * `system`, `inferenceConfig`, `toolConfig`, …), for every text family the emulator serves.
 * Usage is in the body's `usage` (inputTokens excludes cache reads and writes; totalTokens includes
 * them); cache-capable families (Anthropic, Nova) honour `cachePoint` blocks, and `cacheDetails`
 * splits the cache writes by TTL (`1h` listed first). Only Anthropic models take the 1-hour TTL
 * (`cachePoint: {type: "default", ttl: "1h"}`); elsewhere every write is a 5-minute one. Tokens
 * follow the emulator's one counting rule (families/family.ts).
 */
import { BedrockEmulatorError, invalidModelIdentifier } from '../errors.ts';
import { countTokens, generateReply, isObject, type JsonObject, type StopKind } from '../families/family.ts';
import type { CacheAccounting, PromptCache, PromptSegment } from '../families/prompt-cache.ts';
import { familyFor } from '../families/registry.ts';
import { resolveModelId, type ModelRouting } from './invoke-model.ts';

export interface ConverseContext extends ModelRouting {
  readonly region: string;
  readonly models: ReadonlySet<string>;
  readonly promptCache: PromptCache;
}

export interface ConverseOutput {
  /** The Converse response body (without `metrics`, which the server adds). */
  readonly body: JsonObject;
}

const STOP_REASONS: Record<StopKind, string> = { end: 'end_turn', length: 'max_tokens', stop_sequence: 'stop_sequence' };
const CACHE_FAMILIES = new Set(['anthropic', 'nova']);
const NON_CHAT_FAMILIES = new Set(['titan-embed', 'cohere-embed']);
/** Output cap when inferenceConfig.maxTokens is absent. */
const DEFAULT_MAX_TOKENS = 4096;
const ROLES = ['user', 'assistant'];

const invalid = (message: string): BedrockEmulatorError => new BedrockEmulatorError('ValidationException', message);

function parseBody(body: Uint8Array): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new BedrockEmulatorError('ValidationException', 'Malformed input request, please reformat your input and try again.', { cause: error });
  }
  if (!isObject(parsed)) throw invalid('Malformed input request, please reformat your input and try again.');
  return parsed;
}

/** Text of a content block for counting: text, tool input/results as JSON; images and documents 0. */
function blockText(block: JsonObject): string {
  if (typeof block.text === 'string') return block.text;
  if (isObject(block.toolUse)) return JSON.stringify(block.toolUse.input ?? {});
  if (isObject(block.toolResult)) {
    const content = Array.isArray(block.toolResult.content) ? block.toolResult.content : [];
    return content.filter(isObject).map((item) => (typeof item.text === 'string' ? item.text : JSON.stringify(item.json ?? ''))).join(' ');
  }
  return '';
}

interface Prompt {
  /** Breakpoint segments carry their cache point's TTL ('5m' by default). */
  readonly segments: PromptSegment[];
  readonly lastUserText: string;
}

const CACHE_TTLS = ['5m', '1h'] as const;

/** Validates messages/system/toolConfig and turns them into cache segments (tools, system, messages). */
function readPrompt(request: JsonObject): Prompt {
  const segments: PromptSegment[] = [];
  const addBlocks = (section: string, blocks: unknown[]) => {
    for (const block of blocks) {
      if (!isObject(block)) throw invalid(`A ${section} content block must be an object.`);
      if (isObject(block.cachePoint)) {
        const last = segments.length - 1;
        const previous = segments[last];
        if (previous === undefined) throw invalid('A cachePoint must follow content.');
        const ttl = block.cachePoint.ttl ?? '5m';
        const known = CACHE_TTLS.find((candidate) => candidate === ttl);
        if (known === undefined) throw invalid(`cachePoint.ttl must be one of ${CACHE_TTLS.join(', ')}.`);
        segments[last] = { ...previous, breakpoint: true, ttl: known };
        continue;
      }
      const text = blockText(block);
      segments.push({ key: `${section}:${JSON.stringify(block)}`, tokens: countTokens(text), breakpoint: false });
    }
  };

  const toolConfig = request.toolConfig;
  if (toolConfig !== undefined) {
    if (!isObject(toolConfig) || !Array.isArray(toolConfig.tools) || toolConfig.tools.length === 0) {
      throw invalid('toolConfig.tools must be a non-empty list.');
    }
    const tools = toolConfig.tools.map((tool) => (isObject(tool) && isObject(tool.toolSpec) ? { text: JSON.stringify(tool.toolSpec) } : tool));
    addBlocks('tool', tools);
  }
  const system = request.system;
  if (system !== undefined) {
    if (!Array.isArray(system)) throw invalid('system must be a list of content blocks.');
    addBlocks('system', system);
  }
  const messages = request.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  }
  let lastUserText = '';
  messages.forEach((message, index) => {
    if (!isObject(message) || typeof message.role !== 'string' || !ROLES.includes(message.role) || !Array.isArray(message.content)) {
      throw invalid(`messages.${index} must have a role (user or assistant) and a content list.`);
    }
    if (index === 0 && message.role !== 'user') {
      throw invalid('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
    }
    addBlocks(message.role, message.content);
    if (message.role === 'user') {
      lastUserText = message.content.filter(isObject).map(blockText).join(' ');
    }
  });
  return { segments, lastUserText };
}

function inferenceSettings(request: JsonObject): { maxTokens: number; stopSequences: string[] } {
  const config = request.inferenceConfig;
  if (config === undefined) return { maxTokens: DEFAULT_MAX_TOKENS, stopSequences: [] };
  if (!isObject(config)) throw invalid('inferenceConfig must be an object.');
  const maxTokens = config.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    throw invalid('The value at inferenceConfig.maxTokens must be an integer greater than or equal to 1.');
  }
  const stops = config.stopSequences ?? [];
  if (!Array.isArray(stops) || stops.some((stop) => typeof stop !== 'string')) {
    throw invalid('inferenceConfig.stopSequences must be a list of strings.');
  }
  return { maxTokens, stopSequences: stops as string[] };
}

/** Splits the cache write of this request by time to live, 1h listed first; empty without writes. */
function cacheDetails(cached: CacheAccounting): { ttl: string; inputTokens: number }[] {
  const fiveMinutes = cached.cacheWriteInputTokens - cached.cacheWrite1hInputTokens;
  return [
    ...(cached.cacheWrite1hInputTokens > 0 ? [{ ttl: '1h', inputTokens: cached.cacheWrite1hInputTokens }] : []),
    ...(fiveMinutes > 0 ? [{ ttl: '5m', inputTokens: fiveMinutes }] : []),
  ];
}

/** Every breakpoint as a 5-minute one, for families without the 1-hour TTL. */
const fiveMinuteOnly = (segments: readonly PromptSegment[]): PromptSegment[] =>
  segments.map((segment) => (segment.ttl === '1h' ? { ...segment, ttl: '5m' } : segment));

export function converse(modelId: string, body: Uint8Array, context: ConverseContext): ConverseOutput {
  const { baseModelId, profilePrefix } = resolveModelId(modelId, context.region, context);
  const family = familyFor(baseModelId);
  if (family === undefined || !context.models.has(baseModelId)) throw invalidModelIdentifier();
  if (NON_CHAT_FAMILIES.has(family.name)) {
    throw invalid("This action doesn't support the model that you provided. Try again with a supported text or chat model.");
  }
  if (family.requiresInferenceProfile === true && profilePrefix === undefined) {
    throw invalid(
      `Invocation of model ID ${baseModelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }
  const request = parseBody(body);
  const prompt = readPrompt(request);
  const { maxTokens, stopSequences } = inferenceSettings(request);

  const total = prompt.segments.reduce((sum, segment) => sum + segment.tokens, 0);
  const segments = family.name === 'anthropic' ? prompt.segments : fiveMinuteOnly(prompt.segments);
  const cached: CacheAccounting = CACHE_FAMILIES.has(family.name)
    ? context.promptCache.account(baseModelId, segments)
    : { inputTokens: total, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 };
  const generation = generateReply(prompt.lastUserText, maxTokens, stopSequences);
  const details = cacheDetails(cached);
  const usage: JsonObject = {
    inputTokens: cached.inputTokens,
    outputTokens: generation.outputTokens,
    totalTokens: cached.inputTokens + cached.cacheReadInputTokens + cached.cacheWriteInputTokens + generation.outputTokens,
    ...(CACHE_FAMILIES.has(family.name)
      ? { cacheReadInputTokens: cached.cacheReadInputTokens, cacheWriteInputTokens: cached.cacheWriteInputTokens }
      : {}),
    ...(details.length > 0 ? { cacheDetails: details } : {}),
  };
  return {
    body: {
      output: { message: { role: 'assistant', content: [{ text: generation.text }] } },
      stopReason: STOP_REASONS[generation.stop],
      usage,
    },
  };
}
