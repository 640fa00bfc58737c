/**
 * The price catalogue in DynamoDB: effective-dated, immutable rows per base model × routing prefix ×
 * Region. The bundled catalogue (data/bedrock-prices.json) is the base layer, version `bundled`,
 * effective from 1970: `seedPriceCatalogue` writes it (locally at start; deployed with
 * `npm run seed-prices`), and until it is seeded `findPriceAt` falls back to it, which prices exactly
 * as a seeded table would. Admin rows (setPrice) apply from their `effectiveFrom`, which is never in
 * the past, so history is never re-priced.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  BUNDLED_EFFECTIVE_FROM,
  BUNDLED_VERSION,
  PRICE_KIND,
  priceListSk,
  pricePk,
  priceSk,
  selectPriceRow,
  splitPrefix,
  type PriceItem,
} from '../../resolvers/lib/price-keys.ts';
import { findPrice, matchFromRow, normalizeModelId, PRICE_CATALOGUE, type PriceCatalogue, type PriceMatch } from './pricing.ts';

/** A price with the catalogue version and start it was taken from (kept on the ledger item). */
export interface DatedPriceMatch extends PriceMatch {
  readonly version: string;
  readonly effectiveFrom: string;
}

/** The bundled catalogue's rows as table items, with the `byKind` index's `kind` and `listSk`. */
export function bundledPriceItems(catalogue: PriceCatalogue = PRICE_CATALOGUE): (PriceItem & { pk: string; kind: string; listSk: string })[] {
  return catalogue.rows.map((row) => {
    const { prefix, base } = splitPrefix(row.modelId);
    const sk = priceSk(prefix, row.region, BUNDLED_EFFECTIVE_FROM);
    return {
      pk: pricePk(base),
      sk,
      kind: PRICE_KIND,
      listSk: priceListSk(base, sk),
      modelId: row.modelId,
      baseModelId: base,
      profilePrefix: prefix,
      region: row.region,
      effectiveFrom: BUNDLED_EFFECTIVE_FROM,
      version: BUNDLED_VERSION,
      provider: row.provider,
      inputPer1k: row.inputPer1k,
      outputPer1k: row.outputPer1k,
      cacheReadPer1k: row.cacheReadPer1k ?? null,
      cacheWritePer1k: row.cacheWritePer1k ?? null,
      cacheWrite1hPer1k: row.cacheWrite1hPer1k ?? null,
      source: row.source,
      createdAt: BUNDLED_EFFECTIVE_FROM,
      createdBy: 'bundled catalogue',
    };
  });
}

/** Attributes only the `byKind` index needs; a row seeded before the index existed gets them added. */
const INDEX_ATTRIBUTES: ReadonlySet<string> = new Set(['kind', 'listSk']);

/**
 * Writes the bundled rows that are not in the table yet and never changes a stored row's price: every
 * attribute is set only where absent (`if_not_exists`), except the index attributes, which a row seeded
 * by an older version lacks (so it becomes listable). Returns how many rows it wrote anew.
 */
export async function seedPriceCatalogue(db: DynamoDBDocumentClient, table: string, catalogue: PriceCatalogue = PRICE_CATALOGUE): Promise<number> {
  let written = 0;
  for (const { pk, sk, ...attributes } of bundledPriceItems(catalogue)) {
    const entries = Object.entries(attributes);
    const assignments = entries.map(([name], index) => (INDEX_ATTRIBUTES.has(name) ? `#a${index} = :a${index}` : `#a${index} = if_not_exists(#a${index}, :a${index})`));
    try {
      const out = await db.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk, sk },
          UpdateExpression: `SET ${assignments.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#listSk)',
          ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([name], index) => [`#a${index}`, name])), '#listSk': 'listSk' },
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:a${index}`, value])),
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      if (out.Attributes === undefined) written += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return written;
}

function toDatedMatch(row: PriceItem, model: PriceMatch['model']): DatedPriceMatch {
  return { ...matchFromRow(row, model), version: row.version, effectiveFrom: row.effectiveFrom };
}

/**
 * The price of `modelId` called in `region` at `at` (ISO-8601): the table's row in effect then, else
 * the bundled row. Null for unknown models and for ids not priced per token here.
 */
export async function findPriceAt(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  region: string,
  at: string,
): Promise<DatedPriceMatch | null> {
  const model = normalizeModelId(modelId, region);
  if (model.kind !== 'foundation-model' && model.kind !== 'inference-profile') return null;
  const out = await db.send(
    new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pricePk(model.baseModelId) }, ConsistentRead: true }),
  );
  const row = selectPriceRow((out.Items ?? []) as PriceItem[], model.profilePrefix, model.sourceRegion, at);
  if (row) return toDatedMatch(row, model);
  const bundled = findPrice(modelId, region);
  return bundled ? { ...bundled, version: BUNDLED_VERSION, effectiveFrom: BUNDLED_EFFECTIVE_FROM } : null;
}
