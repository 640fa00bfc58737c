/**
 * Pricing unpriced usage later, by posting ADJUSTMENT items — never by rewriting an invocation.
 * Each unpriced invocation left a marker (pk `UNPRICED#<yyyy-mm>`). For each marker not priced yet,
 * the price is the catalogue row in effect at the invocation's time, else (no price existed then) the
 * row in effect when the action runs. One transaction per invocation posts the adjustment, adds its
 * cost to the aggregates and rollups it was counted into (and takes it out of their unpriced count) and marks the marker
 * priced; the adjustment item's condition makes a repeated run a no-op.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { adjustmentSk, principalPk, unpricedPk } from '../../resolvers/lib/ledger-keys.ts';
import { aggregateTargets } from './aggregates.ts';
import { computeCost } from './money.ts';
import { findPriceAt } from './price-catalogue.ts';

export interface UnpricedMarker {
  readonly sk: string;
  readonly invocationId: string;
  readonly principalId: string;
  readonly modelId: string;
  readonly region: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadInputTokens: number;
  readonly cacheWriteInputTokens: number;
  readonly createdAt: string;
  readonly pricedAt?: string;
  /** The team and tags the invocation was recorded under (absent on markers of older versions). */
  readonly team?: string | null;
  readonly tags?: Readonly<Record<string, string>> | null;
}

export interface PricingRunSummary {
  readonly month: string;
  /** Unpriced invocations examined (not priced before this run). */
  readonly examined: number;
  readonly priced: number;
  readonly stillUnpriced: number;
  readonly adjustmentNanoUsd: bigint;
}

export async function priceUnpricedUsage(
  db: DynamoDBDocumentClient,
  tables: { readonly ledger: string; readonly prices: string },
  month: string,
  now: Date = new Date(),
): Promise<PricingRunSummary> {
  let examined = 0;
  let priced = 0;
  let total = 0n;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tables.ledger,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': unpricedPk(month) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const marker of (page.Items ?? []) as UnpricedMarker[]) {
      if (marker.pricedAt) continue;
      examined += 1;
      const price =
        (await findPriceAt(db, tables.prices, marker.modelId, marker.region, marker.createdAt)) ??
        (await findPriceAt(db, tables.prices, marker.modelId, marker.region, now.toISOString()));
      if (!price) continue;
      const cost = computeCost(marker, price.rates);
      if (await postAdjustment(db, tables.ledger, month, marker, price, cost, now)) {
        priced += 1;
        total += cost.nanoUsd;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { month, examined, priced, stillUnpriced: examined - priced, adjustmentNanoUsd: total };
}

async function postAdjustment(
  db: DynamoDBDocumentClient,
  table: string,
  month: string,
  marker: UnpricedMarker,
  price: NonNullable<Awaited<ReturnType<typeof findPriceAt>>>,
  cost: ReturnType<typeof computeCost>,
  now: Date,
): Promise<boolean> {
  const pk = principalPk(marker.principalId);
  const counters = { ':cost': Number(cost.nanoUsd), ':minusOne': -1 };
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: {
                pk,
                sk: adjustmentSk(marker.createdAt, marker.invocationId),
                kind: 'ADJUSTMENT',
                reason: 'PRICED_LATER',
                invocationId: marker.invocationId,
                principalId: marker.principalId,
                modelId: marker.modelId,
                region: marker.region,
                invocationCreatedAt: marker.createdAt,
                costNanoUsd: Number(cost.nanoUsd),
                costExactNanoUsd: cost.exactNanoUsd,
                rates: { ...price.rates },
                pricedModelId: price.pricedModelId,
                priceRegion: price.region,
                priceVersion: price.version,
                priceEffectiveFrom: price.effectiveFrom,
                createdAt: now.toISOString(),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          // The same aggregates and rollups the invocation was counted into.
          ...aggregateTargets(marker).map((target) => ({
            Update: {
              TableName: table,
              Key: { pk: target.pk, sk: target.sk },
              UpdateExpression: 'ADD costNanoUsd :cost, unpricedInvocations :minusOne',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: counters,
            },
          })),
          {
            Update: {
              TableName: table,
              Key: { pk: unpricedPk(month), sk: marker.sk },
              UpdateExpression: 'SET pricedAt = :now, adjustmentNanoUsd = :cost, priceVersion = :version',
              ConditionExpression: 'attribute_not_exists(pricedAt)',
              ExpressionAttributeValues: { ':now': now.toISOString(), ':cost': Number(cost.nanoUsd), ':version': price.version },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
      return false;
    }
    throw error;
  }
}
