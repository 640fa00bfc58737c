import type { InvokeModelInput } from '../../schema/__generated__/graphql.ts';
import { ValidationError } from '../lib/errors.ts';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;
/** InvokeModel's own limit on the request body (Smithy `Body` blob max). */
export const MAX_BODY_BYTES = 25_000_000;

export interface ValidInvocation {
  readonly modelId: string;
  readonly body: string;
  readonly contentType: string;
  readonly accept: string;
  readonly idempotencyKey: string | null;
}

/**
 * Checks an invokeModel input before anything is claimed or called. `body` arrives parsed (AppSync
 * parses AWSJSON arguments); it must be the model's JSON request object.
 */
export function validateInvocation(input: InvokeModelInput): ValidInvocation {
  const modelId = input.modelId.trim();
  if (modelId.length < 1 || modelId.length > 2048) {
    throw new ValidationError('modelId must be 1–2048 characters (a model id, inference profile id or ARN)');
  }
  const parsed: unknown = typeof input.body === 'string' ? parseJson(input.body) : input.body;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ValidationError('body must be a JSON object: the model request body InvokeModel takes');
  }
  const body = JSON.stringify(parsed);
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
    throw new ValidationError(`body is larger than InvokeModel's limit of ${MAX_BODY_BYTES} bytes`);
  }
  const contentType = input.contentType ?? 'application/json';
  const accept = input.accept ?? 'application/json';
  for (const [name, value] of [['contentType', contentType], ['accept', accept]] as const) {
    if (!value.includes('/') || value.length > 256) throw new ValidationError(`${name} must be a MIME type, got "${value}"`);
  }
  const idempotencyKey = input.idempotencyKey ?? null;
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ValidationError('idempotencyKey must be 1–128 characters of A–Z, a–z, 0–9, _ . : -');
  }
  return { modelId, body, contentType, accept, idempotencyKey };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('body is not valid JSON');
  }
}
