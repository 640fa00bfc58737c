/**
 * Creates the tables of resolvers/tables.ts in DynamoDB Local, the same shape infra/ deploys:
 * on-demand billing, every global index projecting ALL attributes, TTL where one is declared.
 */
import {
  CreateTableCommand,
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
