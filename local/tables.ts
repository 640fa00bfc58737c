/**
 * Creates the tables of resolvers/tables.ts in DynamoDB Local, the same shape infra/ deploys:
 * on-demand billing, every global index projecting ALL attributes, TTL where one is declared.
 */
import {
  CreateTableCommand,
  UpdateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { AttributeDefinition, DynamoDBClient, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { KeyAttribute, TableDefinition } from '../resolvers/tables.ts';

/**
 * Creates each table that does not exist yet (existing ones are left untouched) and returns the
 * physical names in the order of `tables`.
 */
export async function ensureTables(
  client: DynamoDBClient,
  tables: readonly TableDefinition[],
  names: (definition: TableDefinition) => string,
): Promise<string[]> {
  const created: string[] = [];
  for (const definition of tables) {
    const tableName = names(definition);
    if (!(await tableExists(client, tableName))) {
      await createTable(client, definition, tableName);
    } else {
      await addMissingIndexes(client, definition, tableName);
    }
    created.push(tableName);
  }
  return created;
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function createTable(client: DynamoDBClient, definition: TableDefinition, tableName: string): Promise<void> {
  const attributes = new Map<string, KeyAttribute['type']>();
  const keySchema = (partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] => {
    attributes.set(partitionKey.name, partitionKey.type);
    const schema: KeySchemaElement[] = [{ AttributeName: partitionKey.name, KeyType: 'HASH' }];
    if (sortKey) {
      attributes.set(sortKey.name, sortKey.type);
      schema.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
    }
    return schema;
  };

  const tableKeys = keySchema(definition.partitionKey, definition.sortKey);
  const indexes = (definition.globalIndexes ?? []).map((index) => ({
    IndexName: index.name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: 'ALL' as const },
  }));
  const attributeDefinitions: AttributeDefinition[] = [...attributes].map(([name, type]) => ({
    AttributeName: name,
    AttributeType: type,
  }));

  let createdHere = true;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: tableKeys,
        AttributeDefinitions: attributeDefinitions,
        ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
      }),
    );
  } catch (error) {
    // Another process created it between our check and our call: that is the state we wanted.
    if (!(error instanceof ResourceInUseException)) throw error;
    createdHere = false;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });

  if (createdHere && definition.timeToLiveAttribute !== undefined) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}

/**
 * A persisted store from an earlier version keeps its tables; indexes the description gained since
 * are added (DynamoDB backfills them), so new queries work without recreating the store.
 */
async function addMissingIndexes(client: DynamoDBClient, definition: TableDefinition, tableName: string): Promise<void> {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of definition.globalIndexes ?? []) {
    if (existing.has(index.name)) continue;
    const keys: KeyAttribute[] = [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])];
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: keys.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    await waitForActiveIndexes(client, tableName);
  }
}

/** DynamoDB builds one index at a time per table: wait until every index is ACTIVE before the next. */
async function waitForActiveIndexes(client: DynamoDBClient, tableName: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexes = described.Table?.GlobalSecondaryIndexes ?? [];
    if (described.Table?.TableStatus === 'ACTIVE' && indexes.every((index) => index.IndexStatus === 'ACTIVE')) return;
    if (Date.now() > deadline) throw new Error(`Indexes of ${tableName} did not become ACTIVE within ${timeoutMs / 1000} s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}
