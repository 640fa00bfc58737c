import type { Invocation, TokenUsage } from '../../schema/__generated__/graphql.ts';
import { nanoToUsd } from './money.ts';
import { tagList } from './tags.ts';

/** The token counts an invocation (or its unpriced marker) carries. */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  /** The 1-hour part of cacheWriteInputTokens (absent on items recorded before the split was kept). */
  cacheWrite1hInputTokens?: number;
}

/** The counts as the API's TokenUsage. */
export function toTokenUsage(counts: TokenCounts): TokenUsage {
  return {
    inputTokens: counts.inputTokens,
    outputTokens: counts.outputTokens,
    cacheReadInputTokens: counts.cacheReadInputTokens,
    cacheWriteInputTokens: counts.cacheWriteInputTokens,
    cacheWrite1hInputTokens: counts.cacheWrite1hInputTokens ?? 0,
  };
}

/** A ledger invocation item as the invoke-model Lambda writes it. */
export interface InvocationItem extends TokenCounts {
  invocationId: string;
  principalId: string;
  keyId: string;
  modelId: string;
  pricedModelId?: string | null;
  region: string;
  costNanoUsd: number;
  priced: boolean;
  latencyMs: number;
  createdAt: string;
  /** Called through a provisioned-throughput ARN (billed per model-unit hour, unpriced per token). */
  provisioned?: boolean;
  /** InvokeModel or Converse. */
  operation?: string;
  /** The principal's team when the invocation was recorded. */
  team?: string | null;
  /** The cost-allocation tags it was recorded under (the key's and the request's). */
  tags?: Record<string, string> | null;
}

export function toInvocation(item: InvocationItem): Invocation {
  const nano = `${item.costNanoUsd}`;
  return {
    invocationId: item.invocationId,
    principalId: item.principalId,
    keyId: item.keyId,
    modelId: item.modelId,
    pricedModelId: item.pricedModelId ?? null,
    region: item.region,
    usage: toTokenUsage(item),
    cost: { nanoUsd: nano, usd: nanoToUsd(nano), priced: item.priced },
    latencyMs: item.latencyMs,
    createdAt: item.createdAt,
    operation: item.operation ?? 'InvokeModel',
    provisioned: item.provisioned === true,
    team: item.team ?? null,
    tags: tagList(item.tags),
  };
}
