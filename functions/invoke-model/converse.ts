/**
 * One converse call: Bedrock's model-agnostic Converse API, recorded like every paid call
 * (paid-call.ts). Usage is read from the response's `usage` (reference §3.12): `inputTokens` is the
 * uncached part only, cache reads and writes have their own counts and rates.
 */
import type { ConverseCommandInput, ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { Caller } from '../../resolvers/lib/identity.ts';
import type { ConverseInput, InvokeModelResult } from '../../schema/__generated__/graphql.ts';
import { ValidationError } from '../lib/errors.ts';
import { converseCacheWrite1h, type ExtractedUsage, type UsageCount } from '../lib/usage.ts';
import { converseBedrock } from './bedrock.ts';
import { runPaidCall, type InvokeDependencies } from './paid-call.ts';
import { MAX_BODY_BYTES } from './validate.ts';
import { validateTags, withTags } from '../lib/tags.ts';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

export interface ValidConverse {
  readonly modelId: string;
  /** The Converse body as JSON (bytes still base64), for the idempotency hash and the worst case. */
  readonly body: Record<string, unknown>;
  readonly bodyText: string;
  readonly idempotencyKey: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseField(name: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new ValidationError(`${name} is not valid JSON`);
  }
}

/** Checks a converse input before anything is claimed or called. */
export function validateConverse(input: ConverseInput): ValidConverse {
  const modelId = input.modelId.trim();
  if (modelId.length < 1 || modelId.length > 2048) {
    throw new ValidationError('modelId must be 1–2048 characters (a model id, inference profile id or ARN)');
  }
  const messages = parseField('messages', input.messages);
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(isRecord)) {
    throw new ValidationError('messages must be a non-empty JSON list of {role, content} objects');
  }
  const body: Record<string, unknown> = { messages };
  const optional = [
    ['system', input.system, 'list'],
    ['inferenceConfig', input.inferenceConfig, 'object'],
    ['toolConfig', input.toolConfig, 'object'],
    ['additionalModelRequestFields', input.additionalModelRequestFields, 'object'],
  ] as const;
  for (const [name, raw, shape] of optional) {
    if (raw === null || raw === undefined) continue;
    const value = parseField(name, raw);
    if (shape === 'list' ? !Array.isArray(value) : !isRecord(value)) {
      throw new ValidationError(`${name} must be a JSON ${shape === 'list' ? 'list' : 'object'}`);
    }
    body[name] = value;
  }
  const bodyText = JSON.stringify(body);
  if (Buffer.byteLength(bodyText) > MAX_BODY_BYTES) {
    throw new ValidationError(`The Converse request is larger than ${MAX_BODY_BYTES} bytes`);
  }
  const idempotencyKey = input.idempotencyKey ?? null;
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationError('idempotencyKey must be 1–128 characters of A–Z, a–z, 0–9, _ . : -');
  }
  return { modelId, body, bodyText, idempotencyKey };
}

/** JSON → SDK input: `bytes` fields (images, documents, video) travel as base64 strings in JSON. */
function withBinary(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withBinary);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === 'bytes' && typeof inner === 'string' ? Buffer.from(inner, 'base64') : withBinary(inner)]),
  );
}

/** SDK output → JSON: binary fields become base64 strings; SDK metadata is dropped. */
function toJson(output: ConverseCommandOutput): unknown {
  const { $metadata: _metadata, ...rest } = output;
  return JSON.parse(JSON.stringify(rest, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value)));
}

const count = (value: number | undefined): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;

/** Converse usage as the ledger records it; a count Bedrock left out is recorded as 0 and flagged. */
export function converseUsage(output: ConverseCommandOutput): ExtractedUsage {
  const usage = output.usage;
  const input = count(usage?.inputTokens);
  const outputTokens = count(usage?.outputTokens);
  const missing: UsageCount[] = [...(input === null ? ['inputTokens' as const] : []), ...(outputTokens === null ? ['outputTokens' as const] : [])];
  const cacheWriteInputTokens = count(usage?.cacheWriteInputTokens) ?? 0;
  return {
    inputTokens: input ?? 0,
    outputTokens: outputTokens ?? 0,
    cacheReadInputTokens: count(usage?.cacheReadInputTokens) ?? 0,
    cacheWriteInputTokens,
    cacheWrite1hInputTokens: converseCacheWrite1h(usage?.cacheDetails, cacheWriteInputTokens),
    latencyMs: count(output.metrics?.latencyMs) ?? null,
    source: missing.length === 2 ? 'none' : 'body',
    complete: missing.length === 0,
    missing,
  };
}

export async function converse(deps: InvokeDependencies, caller: Caller, input: ConverseInput): Promise<InvokeModelResult> {
  const request = validateConverse(input);
  const tags = validateTags(input.tags, 'converse');
  const inference = isRecord(request.body.inferenceConfig) ? request.body.inferenceConfig : {};
  const maxTokens = inference.maxTokens;
  return runPaidCall<InvokeModelResult>(deps, caller, {
    operation: 'Converse',
    modelId: request.modelId,
    idempotencyKey: request.idempotencyKey,
    tags,
    fingerprint: { modelId: request.modelId, body: request.bodyText, ...withTags(tags) },
    estimate: {
      bodyBytes: Buffer.byteLength(request.bodyText),
      maxOutputTokens: typeof maxTokens === 'number' && Number.isSafeInteger(maxTokens) && maxTokens > 0 ? maxTokens : null,
    },
    async call() {
      const sdkInput = { modelId: request.modelId, ...(withBinary(request.body) as Omit<ConverseCommandInput, 'modelId'>) };
      const answer = await converseBedrock(deps.bedrock, sdkInput);
      return {
        usage: converseUsage(answer.output),
        body: toJson(answer.output),
        requestId: answer.requestId,
        roundTripMs: answer.roundTripMs,
      };
    },
    result: (base, answer) => ({
      ...base,
      stopReason: isRecord(answer.body) && typeof answer.body.stopReason === 'string' ? answer.body.stopReason : 'unknown',
    }),
  });
}
