/**
 * Token usage of a non-streaming InvokeModel call.
 *
 * Bedrock's `X-Amzn-Bedrock-*` response headers are authoritative (a guardrail can cut the body's
 * usage down while the headers keep the true counts). For each count whose header is missing or
 * unreadable, the model-native body is read instead, using the fields of the model's family.
 *
 * The headers carry only the total of cache writes. Where Bedrock splits the writes by cache time to
 * live, the body says how many were written for one hour (Anthropic Messages:
 * `usage.cache_creation.ephemeral_1h_input_tokens`; Converse: `usage.cacheDetails`, see
 * {@link converseCacheWrite1h}); that count is a part of the total, never added to it.
 */
import { normalizeModelId } from './pricing.ts';

export type ModelFamily =
  | 'anthropic'
  | 'nova'
  | 'titan-text'
  | 'titan-embed'
  | 'cohere-embed'
  | 'cohere-command'
  | 'llama'
  | 'mistral'
  | 'jamba'
  | 'deepseek'
  | 'gpt-oss'
  | 'unknown';

export type UsageCount =
  | 'inputTokens'
  | 'outputTokens'
  | 'cacheReadInputTokens'
  | 'cacheWriteInputTokens';

export interface ExtractedUsage {
  /** Input tokens not read from or written to the prompt cache. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadInputTokens: number;
  /** Every token written to the prompt cache, whatever its time to live. */
  readonly cacheWriteInputTokens: number;
  /** The part of `cacheWriteInputTokens` written with the 1-hour time to live; 0 when no split is reported. */
  readonly cacheWrite1hInputTokens: number;
  /** Server-side latency from `x-amzn-bedrock-invocation-latency`, or null. */
  readonly latencyMs: number | null;
  /** Where the counts that were found came from; 'none' when no count was found anywhere. */
  readonly source: 'headers' | 'body' | 'mixed' | 'none';
  /** False when the input or output count was found nowhere and was recorded as 0. */
  readonly complete: boolean;
  /** The input/output counts that were found nowhere. */
  readonly missing: readonly UsageCount[];
}

export interface UsageInput {
  /** The model id as invoked (any form: base id, profile id, ARN). */
  readonly modelId: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON response body. */
  readonly body: unknown;
}

export const USAGE_HEADERS = {
  inputTokens: 'x-amzn-bedrock-input-token-count',
  outputTokens: 'x-amzn-bedrock-output-token-count',
  cacheReadInputTokens: 'x-amzn-bedrock-cache-read-input-token-count',
  cacheWriteInputTokens: 'x-amzn-bedrock-cache-write-input-token-count',
} as const satisfies Record<UsageCount, string>;

export const LATENCY_HEADER = 'x-amzn-bedrock-invocation-latency';

const COUNTS: readonly UsageCount[] = [
  'inputTokens',
  'outputTokens',
  'cacheReadInputTokens',
  'cacheWriteInputTokens',
];

/** Families that produce no output tokens: a missing output count is 0, not a gap. */
const EMBEDDING_FAMILIES: ReadonlySet<ModelFamily> = new Set(['titan-embed', 'cohere-embed']);

const FAMILY_PREFIXES: readonly (readonly [string, ModelFamily])[] = [
  ['anthropic.', 'anthropic'],
  ['amazon.nova-', 'nova'],
  ['amazon.titan-embed-', 'titan-embed'],
  ['amazon.titan-text-', 'titan-text'],
  ['amazon.titan-tg1-', 'titan-text'],
  ['cohere.embed-', 'cohere-embed'],
  ['cohere.command-', 'cohere-command'],
  ['meta.llama', 'llama'],
  ['mistral.', 'mistral'],
  ['ai21.jamba-', 'jamba'],
  ['deepseek.', 'deepseek'],
  ['openai.gpt-oss-', 'gpt-oss'],
];

/** The response-body family of a base model id (no ARN, no geo prefix). */
export const modelFamily = (baseModelId: string): ModelFamily =>
  FAMILY_PREFIXES.find(([prefix]) => baseModelId.startsWith(prefix))?.[1] ?? 'unknown';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asCount = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

const field = (value: unknown, ...path: readonly string[]): unknown =>
  path.reduce<unknown>((current, key) => (isRecord(current) ? current[key] : undefined), value);

/** A header count: plain decimal digits only (no sign, no fraction), within the safe range. */
const headerCount = (value: string | undefined): number | undefined => {
  const text = value?.trim();
  if (text === undefined || !/^\d+$/.test(text)) {
    return undefined;
  }
  return asCount(Number(text));
};

type BodyCounts = Partial<Record<UsageCount, number>>;

const sumTokenCounts = (results: unknown): number | undefined => {
  if (!Array.isArray(results) || results.length === 0) {
    return undefined;
  }
  const counts = results.map((result: unknown) => asCount(field(result, 'tokenCount')));
  return counts.every((count) => count !== undefined)
    ? asCount(counts.reduce<number>((total, count) => total + (count ?? 0), 0))
    : undefined;
};

const bodyCounts = (family: ModelFamily, body: unknown): BodyCounts => {
  switch (family) {
    case 'anthropic':
      return {
        inputTokens: asCount(field(body, 'usage', 'input_tokens')),
        outputTokens: asCount(field(body, 'usage', 'output_tokens')),
        cacheReadInputTokens: asCount(field(body, 'usage', 'cache_read_input_tokens')),
        cacheWriteInputTokens: asCount(field(body, 'usage', 'cache_creation_input_tokens')),
      };
    case 'nova':
      return {
        inputTokens: asCount(field(body, 'usage', 'inputTokens')),
        outputTokens: asCount(field(body, 'usage', 'outputTokens')),
        cacheReadInputTokens: asCount(field(body, 'usage', 'cacheReadInputTokenCount')),
        cacheWriteInputTokens: asCount(field(body, 'usage', 'cacheWriteInputTokenCount')),
      };
    case 'titan-text':
      return {
        inputTokens: asCount(field(body, 'inputTextTokenCount')),
        outputTokens: sumTokenCounts(field(body, 'results')),
      };
    case 'titan-embed':
      return { inputTokens: asCount(field(body, 'inputTextTokenCount')) };
    case 'llama':
      return {
        inputTokens: asCount(field(body, 'prompt_token_count')),
        outputTokens: asCount(field(body, 'generation_token_count')),
      };
    case 'jamba':
    case 'gpt-oss':
      return {
        inputTokens: asCount(field(body, 'usage', 'prompt_tokens')),
        outputTokens: asCount(field(body, 'usage', 'completion_tokens')),
      };
    case 'cohere-embed':
    case 'cohere-command':
    case 'mistral':
    case 'deepseek':
    case 'unknown':
      // These bodies carry no token counts; only the headers do.
      return {};
  }
};

/**
 * The 1-hour part of `totalWrites`. The split is a breakdown of the total, so it is capped at the
 * total: a body whose split disagrees with the header's total never adds tokens (no double counting).
 */
export const cacheWrite1hPart = (totalWrites: number, reported1h: number | undefined): number =>
  reported1h === undefined ? 0 : Math.min(reported1h, totalWrites);

/** Anthropic Messages body: `usage.cache_creation.ephemeral_1h_input_tokens` (reference §3.2). */
const anthropicCacheWrite1h = (body: unknown): number | undefined =>
  asCount(field(body, 'usage', 'cache_creation', 'ephemeral_1h_input_tokens'));

/**
 * Converse `usage.cacheDetails` ([{ttl: "1h" | "5m", inputTokens}], 1h listed first; reference
 * §3.12): the tokens written with the 1-hour TTL, capped at the total of writes, or 0 without a split.
 */
export const converseCacheWrite1h = (cacheDetails: unknown, totalWrites: number): number => {
  if (!Array.isArray(cacheDetails)) {
    return 0;
  }
  const oneHour = cacheDetails
    .filter((detail: unknown) => field(detail, 'ttl') === '1h')
    .map((detail: unknown) => asCount(field(detail, 'inputTokens')) ?? 0)
    .reduce((total, tokens) => total + tokens, 0);
  return cacheWrite1hPart(totalWrites, oneHour);
};

const usageSource = (fromHeaders: boolean, fromBody: boolean): ExtractedUsage['source'] => {
  if (fromHeaders) {
    return fromBody ? 'mixed' : 'headers';
  }
  return fromBody ? 'body' : 'none';
};

/**
 * Extracts the four token counts, the 1-hour part of the cache writes and the latency of one
 * InvokeModel response. Headers win; each missing header falls back to the body. Missing cache
 * counts are 0; a missing input or output count is 0 and marks the usage incomplete (except output
 * for embedding models, which is 0).
 */
export const extractUsage = (input: UsageInput): ExtractedUsage => {
  const headers = new Map(
    Object.entries(input.headers).map(([name, value]) => [name.toLowerCase(), value] as const),
  );
  const family = modelFamily(normalizeModelId(input.modelId, '').baseModelId);
  const fromBody = bodyCounts(family, input.body);
  const found = COUNTS.map((count) => {
    const header = headerCount(headers.get(USAGE_HEADERS[count]));
    if (header !== undefined) {
      return { count, value: header, origin: 'headers' as const };
    }
    const body = fromBody[count];
    return body === undefined
      ? { count, value: undefined, origin: null }
      : { count, value: body, origin: 'body' as const };
  });
  const valueOf = (count: UsageCount): number =>
    found.find((entry) => entry.count === count)?.value ?? 0;
  const missing = found
    .filter((entry) => entry.value === undefined)
    .map((entry) => entry.count)
    .filter(
      (count) =>
        count === 'inputTokens' || (count === 'outputTokens' && !EMBEDDING_FAMILIES.has(family)),
    );
  const source = usageSource(
    found.some((entry) => entry.origin === 'headers'),
    found.some((entry) => entry.origin === 'body'),
  );
  const cacheWriteInputTokens = valueOf('cacheWriteInputTokens');
  return {
    inputTokens: valueOf('inputTokens'),
    outputTokens: valueOf('outputTokens'),
    cacheReadInputTokens: valueOf('cacheReadInputTokens'),
    cacheWriteInputTokens,
    cacheWrite1hInputTokens: cacheWrite1hPart(
      cacheWriteInputTokens,
      family === 'anthropic' ? anthropicCacheWrite1h(input.body) : undefined,
    ),
    latencyMs: headerCount(headers.get(LATENCY_HEADER)) ?? null,
    source,
    complete: missing.length === 0,
    missing,
  };
};
