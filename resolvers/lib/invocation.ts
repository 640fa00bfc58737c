import type { Invocation } from '../../schema/__generated__/graphql.ts';
import { nanoToUsd } from './money.ts';

/** A ledger invocation item as the invoke-model Lambda writes it. */
export interface InvocationItem {
  invocationId: string;
  principalId: string;
  keyId: string;
  modelId: string;
  pricedModelId?: string | null;
  region: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  costNanoUsd: number;
  priced: boolean;
  latencyMs: number;
  createdAt: string;
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
    usage: {
      inputTokens: item.inputTokens,
      outputTokens: item.outputTokens,
      cacheReadInputTokens: item.cacheReadInputTokens,
      cacheWriteInputTokens: item.cacheWriteInputTokens,
    },
    cost: { nanoUsd: nano, usd: nanoToUsd(nano), priced: item.priced },
    latencyMs: item.latencyMs,
    createdAt: item.createdAt,
  };
}
