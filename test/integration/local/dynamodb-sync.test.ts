import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDataSource } from '../../../local/data-sources/dynamodb.ts';
import type { DataSource } from '../../../local/data-sources/types.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';

const CALLER = { identity: null };
let client: DynamoDBClient;
let table: DataSource;

beforeAll(async () => {
  client = localDynamoDbClient(dynamodbEndpoint());
  table = createDynamoDbDataSource({ client, tableName: (await createTestTables(client)).ledger });
  for (const [sk, changedAt] of [['a', 1000], ['b', 2000], ['c', 3000]] as const) {
    await table.invoke({ operation: 'PutItem', key: { pk: { S: 'SYNC' }, sk: { S: sk } }, attributeValues: { _lastChangedAt: { N: changedAt } } }, CALLER);
  }
});

afterAll(() => client.destroy());

describe('Sync', () => {
  it('returns every item with startedAt and the lastSync to send next time', async () => {
    const before = Date.now();
    const out = await table.invoke({ operation: 'Sync', limit: 100 }, CALLER);
    const result = out.result as { items: { sk: string }[]; nextToken: string | null; startedAt: number; lastSync: number };
    expect(out.error).toBeUndefined();
    expect(result.items.map((item) => item.sk).sort()).toEqual(['a', 'b', 'c']);
    expect(result.nextToken).toBeNull();
    expect(result.startedAt).toBeGreaterThanOrEqual(before);
    expect(result.lastSync).toBe(result.startedAt);
  });

  it('returns only items changed after lastSync', async () => {
    const out = await table.invoke({ operation: 'Sync', lastSync: 1500 }, CALLER);
    expect((out.result as { items: { sk: string }[] }).items.map((item) => item.sk).sort()).toEqual(['b', 'c']);
  });

  it('pages with limit and nextToken', async () => {
    const first = (await table.invoke({ operation: 'Sync', limit: 2 }, CALLER)).result as { items: unknown[]; nextToken: string | null };
    expect(first.items).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = (await table.invoke({ operation: 'Sync', limit: 2, nextToken: first.nextToken }, CALLER)).result as { items: unknown[] };
    expect(second.items).toHaveLength(1);
  });
});
