import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dayModelSk, invocationSk, monthSk, principalPk } from '../resolvers/lib/ledger-keys.ts';

export interface SeedOptions {
  readonly principalId: string;
  readonly invocations: number;
  /** Invocations are spread evenly over this many days ending `lastDay` (yyyy-mm-dd). */
  readonly days: number;
  readonly lastDay: string;
  readonly models: readonly string[];
  readonly concurrency?: number;
}

interface Counters {
  invocations: number;
  inputTokens: number;
  outputTokens: number;
  costNanoUsd: number;
}

const DAY_MS = 86_400_000;

/**
 * Writes `invocations` ledger items for one principal straight into the ledger table with
 * BatchWriteItem, plus the day × model and month aggregates they add up to — the same items
 * invoke-model writes, only many at once. Returns the number of items written.
 */
export async function seedInvocations(db: DynamoDBDocumentClient, table: string, options: SeedOptions): Promise<number> {
  const pk = principalPk(options.principalId);
  const last = Date.parse(`${options.lastDay}T00:00:00Z`);
  const dayAggregates = new Map<string, Counters & { date: string; modelId: string }>();
  const monthAggregates = new Map<string, Counters & { month: string }>();
  let written = 0;
  let next = 0;

  const makeItem = (index: number) => {
    const day = new Date(last - (index % options.days) * DAY_MS + (index % 86_400) * 1000).toISOString();
    const modelId = options.models[index % options.models.length] ?? '';
    const inputTokens = 10 + (index % 50);
    const outputTokens = 20 + (index % 30);
    const costNanoUsd = inputTokens * 250 + outputTokens * 1250;
    const date = day.slice(0, 10);
    const dayKey = `${date}#${modelId}`;
    const dayCounters = dayAggregates.get(dayKey) ?? { date, modelId, invocations: 0, inputTokens: 0, outputTokens: 0, costNanoUsd: 0 };
    dayCounters.invocations += 1;
    dayCounters.inputTokens += inputTokens;
    dayCounters.outputTokens += outputTokens;
    dayCounters.costNanoUsd += costNanoUsd;
    dayAggregates.set(dayKey, dayCounters);
    const month = date.slice(0, 7);
    const monthCounters = monthAggregates.get(month) ?? { month, invocations: 0, inputTokens: 0, outputTokens: 0, costNanoUsd: 0 };
    monthCounters.invocations += 1;
    monthCounters.inputTokens += inputTokens;
    monthCounters.outputTokens += outputTokens;
    monthCounters.costNanoUsd += costNanoUsd;
    monthAggregates.set(month, monthCounters);
    const invocationId = randomUUID();
    return {
      pk,
      sk: invocationSk(day, invocationId),
      kind: 'INVOCATION',
      invocationId,
      principalId: options.principalId,
      keyId: 'key_seeded',
      modelId,
      pricedModelId: modelId,
      region: 'us-east-1',
      inputTokens,
      outputTokens,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
      costNanoUsd,
      costExactNanoUsd: String(costNanoUsd),
      priced: true,
      latencyMs: 1,
      createdAt: day,
    };
  };

  const writeBatch = async (items: Record<string, unknown>[]) => {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
    written += items.length;
  };

  await Promise.all(
    Array.from({ length: options.concurrency ?? 8 }, async () => {
      while (next < options.invocations) {
        const start = next;
        next = Math.min(options.invocations, next + 25);
        const batch: Record<string, unknown>[] = [];
        for (let index = start; index < next; index += 1) batch.push(makeItem(index));
        await writeBatch(batch);
      }
    }),
  );

  const aggregates: Record<string, unknown>[] = [
    ...[...dayAggregates.values()].map((counters) => ({ pk, sk: dayModelSk(counters.date, counters.modelId), kind: 'DAY', unpricedInvocations: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, ...counters })),
    ...[...monthAggregates.values()].map((counters) => ({ pk, sk: monthSk(counters.month), kind: 'MONTH', unpricedInvocations: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, ...counters })),
  ];
  for (let index = 0; index < aggregates.length; index += 25) await writeBatch(aggregates.slice(index, index + 25));
  return written;
}
