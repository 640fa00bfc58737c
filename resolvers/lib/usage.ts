import type { UsageTotals } from '../../schema/__generated__/graphql.ts';
import { addNano, createNanoSum, nanoSumToString, nanoToUsd, type NanoSum } from './money.ts';

/** An aggregate item as the invoke-model Lambda writes it (DAY#…#MODEL#… and MONTH#…). */
export interface AggregateItem {
  modelId: string;
  date: string;
  invocations?: number;
  unpricedInvocations?: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  costNanoUsd?: number;
}

/** Running totals; money kept exact in base-1e9 limbs, tokens as doubles (exact below 2^53). */
export interface Accumulator {
  invocations: number;
  unpricedInvocations: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  cost: NanoSum;
}

export function emptyAccumulator(): Accumulator {
  return {
    invocations: 0,
    unpricedInvocations: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    cost: createNanoSum(),
  };
}

export function accumulate(into: Accumulator, item: AggregateItem): Accumulator {
  return {
    invocations: into.invocations + (item.invocations ?? 0),
    unpricedInvocations: into.unpricedInvocations + (item.unpricedInvocations ?? 0),
    inputTokens: into.inputTokens + (item.inputTokens ?? 0),
    outputTokens: into.outputTokens + (item.outputTokens ?? 0),
    cacheReadInputTokens: into.cacheReadInputTokens + (item.cacheReadInputTokens ?? 0),
    cacheWriteInputTokens: into.cacheWriteInputTokens + (item.cacheWriteInputTokens ?? 0),
    cost: addNano(into.cost, item.costNanoUsd ?? 0),
  };
}

export function toTotals(acc: Accumulator): UsageTotals {
  const nano = nanoSumToString(acc.cost);
  return {
    invocations: acc.invocations,
    unpricedInvocations: acc.unpricedInvocations,
    inputTokens: acc.inputTokens,
    outputTokens: acc.outputTokens,
    cacheReadInputTokens: acc.cacheReadInputTokens,
    cacheWriteInputTokens: acc.cacheWriteInputTokens,
    costNanoUsd: nano,
    costUsd: nanoToUsd(nano),
  };
}
