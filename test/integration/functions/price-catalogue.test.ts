/**
 * Seeding the bundled catalogue into DynamoDB Local: rows carry what the prices table's `byKind` index
 * lists them by, a second seeding writes nothing, and a row seeded by an older version (without those
 * attributes) gets them without any of its prices changing.
 */
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledPriceItems, seedPriceCatalogue } from '../../../functions/lib/price-catalogue.ts';
import { PRICE_INDEXES } from '../../../resolvers/tables.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

let client: DynamoDBClient;
let db: DynamoDBDocumentClient;

beforeAll(() => {
  client = localDynamoDbClient(dynamodbEndpoint());
  db = DynamoDBDocumentClient.from(client);
});

afterAll(() => {
  client.destroy();
});

async function indexed(table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({ TableName: table, IndexName: PRICE_INDEXES.byKind, KeyConditionExpression: 'kind = :kind', ExpressionAttributeValues: { ':kind': 'PRICE' }, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('seedPriceCatalogue', () => {
  it('writes every bundled row once, each listed by the byKind index under base model # sort key', async () => {
    const tables = await createTestTables(client);
    const bundled = bundledPriceItems();
    expect(await seedPriceCatalogue(db, tables.prices)).toBe(bundled.length);
    expect(await seedPriceCatalogue(db, tables.prices)).toBe(0);
    const listed = await indexed(tables.prices);
    expect(listed).toHaveLength(bundled.length);
    const haiku = listed.find((item) => item.modelId === HAIKU && item.region === '*');
    expect(haiku).toMatchObject({ pk: `PRICE#${HAIKU}`, sk: '-#*#1970-01-01T00:00:00.000Z', listSk: `${HAIKU}#-#*#1970-01-01T00:00:00.000Z`, kind: 'PRICE' });
  });

  it('adds the index attributes to a row seeded before the index existed, keeping its prices', async () => {
    const tables = await createTestTables(client);
    const old = bundledPriceItems().find((item) => item.modelId === HAIKU && item.region === '*');
    if (!old) throw new Error('the bundled catalogue prices Claude 3 Haiku in every Region');
    const { kind: _kind, listSk: _listSk, ...olderRow } = old;
    await db.send(new PutCommand({ TableName: tables.prices, Item: { ...olderRow, inputPer1k: '0.5', source: 'older seed' } }));

    expect(await seedPriceCatalogue(db, tables.prices)).toBe(bundledPriceItems().length - 1);
    const row = (await db.send(new GetCommand({ TableName: tables.prices, Key: { pk: old.pk, sk: old.sk }, ConsistentRead: true }))).Item;
    expect(row).toMatchObject({ inputPer1k: '0.5', source: 'older seed', kind: 'PRICE', listSk: old.listSk });
    expect(await indexed(tables.prices)).toHaveLength(bundledPriceItems().length);
  });
});
