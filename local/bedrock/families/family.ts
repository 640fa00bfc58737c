/**
 * What every model family provides, and the helpers they share: request-body checks that
 * word their failures like Bedrock's schema validator, the emulator's token-counting rule,
 * and the deterministic reply generator.
 *
 * Token-counting rule (the whole emulator uses only this):
 *   tokens(text) = ceil(number of Unicode code points in text / 4); tokens('') = 0.
 * A request's input count is the sum of tokens() over each text part separately (system
 * prompt parts, message text parts, tool definitions as compact JSON, a raw prompt string
 * including its template markers). Parts without text (images, documents) count 0.
 * The output count is tokens(generated text).
 */
import { BedrockEmulatorError } from '../errors.ts';
import type { PromptCache } from './prompt-cache.ts';

export interface Usage {
  /** Input tokens not read from or written to the prompt cache. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Present only for cache-capable families. */
  readonly cacheReadInputTokens?: number;
  /** Present only for cache-capable families. */
  readonly cacheWriteInputTokens?: number;
}

export interface FamilyResult {
  /** The model-native response body. */
  readonly body: unknown;
  readonly usage: Usage;
}

export interface FamilyContext {
  /** Base model id, with any ARN wrapping and geographic prefix removed. */
  readonly baseModelId: string;
  /** Per-emulator prompt cache (cache-capable families only use it). */
  readonly promptCache: PromptCache;
  /** Emulator request id, for families whose bodies carry an id. */
  readonly requestId: string;
}

export interface ModelFamily {
  readonly name: string;
  /** Whether this family serves the given base model id. */
  matches(baseModelId: string): boolean;
  /** Models callable only through an inference profile (no on-demand base-id access). */
  readonly requiresInferenceProfile?: boolean;
  /** Validates a parsed request body and produces the native response; throws ValidationException. */
  invoke(body: unknown, context: FamilyContext): FamilyResult;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function countTokens(text: string): number {
  let codePoints = 0;
  for (const _ of text) codePoints += 1;
  return Math.ceil(codePoints / 4);
}

export function sumTokens(texts: readonly string[]): number {
  return texts.reduce((total, text) => total + countTokens(text), 0);
}

// ---------------------------------------------------------------------------------------
// Schema checks. Bedrock's validator reports problems as JSON pointers followed by a
// reason, concatenated, e.g.
// "Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again."

type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

const TYPE_NAMES: Record<SchemaType, string> = {
  string: 'String',
  integer: 'Integer',
  number: 'Number',
  boolean: 'Boolean',
  array: 'JSONArray',
  object: 'JSONObject',
};

function typeNameOf(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
  return 'JSONObject';
}

function hasType(value: unknown, type: SchemaType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
  }
}

/** Collects schema violations for one request body and throws them together. */
export class SchemaCheck {
  readonly #violations: string[] = [];

  fail(pointer: string, reason: string): void {
    this.#violations.push(`${pointer}: ${reason}`);
  }

  /** Checks the type of `value` if it is present; returns whether it is present and well typed. */
  type(value: unknown, pointer: string, type: SchemaType): boolean {
    if (value === undefined) return false;
    if (hasType(value, type)) return true;
    this.fail(pointer, `expected type: ${TYPE_NAMES[type]}, found: ${typeNameOf(value)}`);
    return false;
  }

  required(object: JsonObject, pointer: string, keys: readonly string[]): void {
    for (const key of keys) {
      if (object[key] === undefined) this.fail(pointer, `required key [${key}] not found`);
    }
  }

  /** Rejects keys outside `allowed`. */
  onlyKeys(object: JsonObject, pointer: string, allowed: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) this.fail(pointer, `extraneous key [${key}] is not permitted`);
    }
  }

  /** Rejects specific keys. */
  forbidKeys(object: JsonObject, pointer: string, forbidden: readonly string[]): void {
    for (const key of forbidden) {
      if (object[key] !== undefined) this.fail(pointer, `extraneous key [${key}] is not permitted`);
    }
  }

  range(value: unknown, pointer: string, minimum: number, maximum?: number): void {
    if (typeof value !== 'number') return;
    if (value < minimum) this.fail(pointer, `${value} is not greater or equal to ${minimum}`);
    if (maximum !== undefined && value > maximum) this.fail(pointer, `${value} is not less or equal to ${maximum}`);
  }

  minItems(value: unknown, pointer: string, minimum: number): void {
    if (Array.isArray(value) && value.length < minimum) {
      this.fail(pointer, `expected minimum item count: ${minimum}, found: ${value.length}`);
    }
  }

  maxItems(value: unknown, pointer: string, maximum: number): void {
    if (Array.isArray(value) && value.length > maximum) {
      this.fail(pointer, `expected maximum item count: ${maximum}, found: ${value.length}`);
    }
  }

  minLength(value: unknown, pointer: string, minimum: number): void {
    if (typeof value === 'string' && value.length < minimum) {
      this.fail(pointer, `expected minLength: ${minimum}, actual: ${value.length}`);
    }
  }

  oneOf(value: unknown, pointer: string, allowed: readonly string[]): void {
    if (typeof value === 'string' && !allowed.includes(value)) {
      this.fail(pointer, `${value} is not a valid enum value`);
    }
  }

  stringArray(value: unknown, pointer: string): void {
    if (!this.type(value, pointer, 'array') || !Array.isArray(value)) return;
    value.forEach((item, index) => this.type(item, `${pointer}/${index}`, 'string'));
  }

  /** Throws a ValidationException listing every violation, if there is any. */
  throwIfInvalid(): void {
    if (this.#violations.length === 0) return;
    throw new BedrockEmulatorError(
      'ValidationException',
      `Malformed input request: ${this.#violations.join('')}, please reformat your input and try again.`,
    );
  }
}

/** Starts a check of a body that must be a JSON object; throws at once when it is not. */
export function checkObjectBody(body: unknown): { check: SchemaCheck; object: JsonObject } {
  const check = new SchemaCheck();
  if (!isObject(body)) {
    check.fail('#', `expected type: JSONObject, found: ${typeNameOf(body)}`);
    check.throwIfInvalid();
  }
  return { check, object: isObject(body) ? body : {} };
}

/** Reads a string array from an already validated field; anything else reads as empty. */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function objectsOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

// ---------------------------------------------------------------------------------------
// Deterministic generation.

export type StopKind = 'end' | 'length' | 'stop_sequence';

export interface Generation {
  readonly text: string;
  readonly outputTokens: number;
  readonly stop: StopKind;
  /** The stop sequence that ended generation, when `stop` is `stop_sequence`. */
  readonly stopSequence?: string;
}

const SNIPPET_CODE_POINTS = 200;

/**
 * The reply the emulator "generates": `Emulated reply to: <prompt>` where <prompt> is the
 * given prompt text with whitespace runs collapsed to one space, trimmed, and cut to its
 * first 200 code points (`Emulated reply.` when that leaves nothing). The reply is then cut
 * at the first stop sequence it contains, or to 4 × maxTokens code points, so the output
 * count never exceeds maxTokens.
 */
export function generateReply(prompt: string, maxTokens: number, stopSequences: readonly string[] = []): Generation {
  const snippet = [...prompt.replace(/\s+/g, ' ').trim()].slice(0, SNIPPET_CODE_POINTS).join('');
  const full = snippet.length === 0 ? 'Emulated reply.' : `Emulated reply to: ${snippet}`;

  let text = full;
  let stop: StopKind = 'end';
  let stopSequence: string | undefined;
  for (const sequence of stopSequences) {
    if (sequence.length === 0) continue;
    const at = full.indexOf(sequence);
    if (at !== -1 && at < text.length) {
      text = full.slice(0, at);
      stop = 'stop_sequence';
      stopSequence = sequence;
    }
  }
  const codePoints = [...text];
  if (codePoints.length > maxTokens * 4) {
    text = codePoints.slice(0, maxTokens * 4).join('');
    stop = 'length';
    stopSequence = undefined;
  }
  return stopSequence === undefined
    ? { text, outputTokens: countTokens(text), stop }
    : { text, outputTokens: countTokens(text), stop, stopSequence };
}

/** Removes chat-template markers such as `<|eot_id|>`, `[INST]` or `<s>` from a raw prompt. */
export function stripPromptMarkers(prompt: string): string {
  return prompt
    .replace(/<\|start_header_id\|>[^<]*<\|end_header_id\|>/g, ' ')
    .replace(/<\|[^|]*\|>/g, ' ')
    .replace(/<｜[^｜]*｜>/g, ' ')
    .replace(/\[\/?INST\]|<\/?s>|<\/?think>/g, ' ');
}
