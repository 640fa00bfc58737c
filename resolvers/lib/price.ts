import type { Price } from '../../schema/__generated__/graphql.ts';
import type { PriceItem } from './price-keys.ts';

export function toPrice(item: PriceItem): Price {
  return {
    modelId: item.modelId,
    baseModelId: item.baseModelId,
    region: item.region,
    effectiveFrom: item.effectiveFrom,
    version: item.version,
    provider: item.provider,
    inputPer1k: item.inputPer1k,
    outputPer1k: item.outputPer1k,
    cacheReadPer1k: item.cacheReadPer1k ?? null,
    cacheWritePer1k: item.cacheWritePer1k ?? null,
    cacheWrite1hPer1k: item.cacheWrite1hPer1k ?? null,
    source: item.source,
    createdAt: item.createdAt,
    createdBy: item.createdBy,
  };
}
