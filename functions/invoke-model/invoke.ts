import { randomUUID } from 'node:crypto';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../../resolvers/lib/identity.ts';
import type { InvokeModelInput, InvokeModelResult } from '../../schema/__generated__/graphql.ts';
import { computeCost } from '../lib/money.ts';
import { findPrice } from '../lib/pricing.ts';
import { extractUsage } from '../lib/usage.ts';
import {
  claimIdempotencyKey,
  recordInvocation,
  releaseIdempotencyKey,
  requestHash,
  type LedgerEntry,
} from '../lib/ledger.ts';
import { invokeBedrock } from './bedrock.ts';
import { validateInvocation } from './validate.ts';

export interface InvokeDependencies {
  readonly db: DynamoDBDocumentClient;
  readonly ledgerTable: string;
  readonly bedrock: BedrockRuntimeClient;
  /** The Region Bedrock is called in, and priced for. */
  readonly region: string;
  readonly now?: () => Date;
}

/**
 * One invokeModel call: validate, claim the idempotency key, call Bedrock, price the usage exactly,
 * and record it with its aggregates in one transaction. Bedrock failures release the key and record
 * nothing (a failed call costs nothing).
 */
export async function invokeModel(deps: InvokeDependencies, caller: Caller, input: InvokeModelInput): Promise<InvokeModelResult> {
  const request = validateInvocation(input);
  const now = deps.now ?? (() => new Date());
  const invocationId = randomUUID();
  const idempotency = request.idempotencyKey
    ? { principalId: caller.principalId, idempotencyKey: request.idempotencyKey, invocationId }
    : null;
  if (idempotency) {
    const claim = await claimIdempotencyKey(deps.db, deps.ledgerTable, {
      ...idempotency,
      requestHash: requestHash({ modelId: request.modelId, body: request.body, contentType: request.contentType, accept: request.accept }),
      now: now(),
    });
    if (claim.kind === 'replay') return claim.result;
  }

  let answer;
  try {
    answer = await invokeBedrock(deps.bedrock, request);
  } catch (error) {
    if (idempotency) await releaseIdempotencyKey(deps.db, deps.ledgerTable, idempotency);
    throw error;
  }

  const body = decodeBody(answer.body, answer.contentType);
  const usage = extractUsage({ modelId: request.modelId, headers: answer.headers, body });
  const price = findPrice(request.modelId, deps.region);
  const cost = price ? computeCost(usage, price.rates) : null;
  const createdAt = now().toISOString();
  const latencyMs = usage.latencyMs ?? answer.roundTripMs;

  const entry: LedgerEntry = {
    invocationId,
    principalId: caller.principalId,
    keyId: caller.keyId,
    modelId: request.modelId,
    pricedModelId: price?.pricedModelId ?? null,
    region: deps.region,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadInputTokens: usage.cacheReadInputTokens,
    cacheWriteInputTokens: usage.cacheWriteInputTokens,
    costNanoUsd: Number(cost?.nanoUsd ?? 0n),
    costExactNanoUsd: cost?.exactNanoUsd ?? '0',
    priced: price !== null,
    rates: price ? { ...price.rates } : null,
    priceRegion: price?.region ?? null,
    priceSource: price?.source ?? null,
    usageSource: usage.source,
    bedrockRequestId: answer.requestId,
    idempotencyKey: request.idempotencyKey,
    latencyMs,
    createdAt,
  };
  const result: InvokeModelResult = {
    invocationId,
    principalId: caller.principalId,
    modelId: request.modelId,
    body: JSON.stringify(body),
    usage: {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cacheReadInputTokens: usage.cacheReadInputTokens,
      cacheWriteInputTokens: usage.cacheWriteInputTokens,
    },
    cost: { usd: cost?.usd ?? '0.000000000', nanoUsd: (cost?.nanoUsd ?? 0n).toString(), priced: price !== null },
    latencyMs,
    createdAt,
  };
  await recordInvocation(deps.db, deps.ledgerTable, entry, result);
  return result;
}

/** JSON bodies pass through as JSON; anything else travels as a base64 JSON string. */
function decodeBody(bytes: Uint8Array, contentType: string): unknown {
  const text = new TextDecoder().decode(bytes);
  if (contentType.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      // A model that answers malformed JSON still answered: keep the text.
      return text;
    }
  }
  return Buffer.from(bytes).toString('base64');
}
