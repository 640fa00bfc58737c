import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aggregateTargets, type AggregateTarget } from '../functions/lib/aggregates.ts';
import { invocationSk, principalPk } from '../resolvers/lib/ledger-keys.ts';

export interface SeedOptions {
  readonly principalId: string;
  readonly invocations: number;
  /** Invocations are spread evenly over this many days ending `lastDay` (yyyy-mm-dd). */
  readonly days: number;
  readonly lastDay: string;
  readonly models: readonly string[];
  /** The principal's team: its aggregates and rollups are written too. */
  readonly team?: string;
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
 * BatchWriteItem, plus every aggregate and rollup they add up to (functions/lib/aggregates.ts) — the
 * same items invoke-model writes, only many at once. Returns the number of items written.
 */
export async function seedInvocations(db: DynamoDBDocumentClient, table: string, options: SeedOptions): Promise<number> {
  const pk = principalPk(options.principalId);
  const last = Date.parse(`${options.lastDay}T00:00:00Z`);
  const aggregates = new Map<string, { target: AggregateTarget; counters: Counters }>();
  let written = 0;
  let next = 0;

  const makeItem = (index: number) => {
    const day = new Date(last - (index % options.days) * DAY_MS + (index % 86_400) * 1000).toISOString();
    const modelId = options.models[index % options.models.length] ?? '';
    const inputTokens = 10 + (index % 50);
    const outputTokens = 20 + (index % 30);
    const costNanoUsd = inputTokens * 250 + outputTokens * 1250;
    for (const target of aggregateTargets({ principalId: options.principalId, team: options.team ?? null, modelId, createdAt: day })) {
      const id = `${target.pk}|${target.sk}`;
      const entry = aggregates.get(id) ?? { target, counters: { invocations: 0, inputTokens: 0, outputTokens: 0, costNanoUsd: 0 } };
      entry.counters.invocations += 1;
      entry.counters.inputTokens += inputTokens;
      entry.counters.outputTokens += outputTokens;
      entry.counters.costNanoUsd += costNanoUsd;
      aggregates.set(id, entry);
    }
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

  const entries = [...aggregates.values()];
  const own = entries
    .filter(({ target }) => !target.pk.startsWith('ROLLUP#'))
    .map(({ target, counters }) => ({ pk: target.pk, sk: target.sk, ...target.attributes, unpricedInvocations: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, ...counters }));
  for (let index = 0; index < own.length; index += 25) await writeBatch(own.slice(index, index + 25));
  // Rollup items are shared with every other principal of the day (and model): add, never overwrite.
  for (const { target, counters } of entries.filter((entry) => entry.target.pk.startsWith('ROLLUP#'))) {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: target.pk, sk: target.sk },
        UpdateExpression: 'SET kind = :kind, #date = :date, #key = :key ADD invocations :invocations, inputTokens :input, outputTokens :output, costNanoUsd :cost',
        ExpressionAttributeNames: { '#date': 'date', '#key': 'key' },
        ExpressionAttributeValues: {
          ':kind': target.attributes.kind,
          ':date': target.attributes.date,
          ':key': target.attributes.key,
          ':invocations': counters.invocations,
          ':input': counters.inputTokens,
          ':output': counters.outputTokens,
          ':cost': counters.costNanoUsd,
        },
      }),
    );
    written += 1;
  }
  return written;
}
