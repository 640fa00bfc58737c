/**
 * DynamoDB Local for tests: the endpoint started by global-setup.ts, a client for it, and a set of
 * freshly created tables per call so tests running in parallel never share a table.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTables } from '../../local/tables.ts';
import { TABLES } from '../../resolvers/tables.ts';
import type { TableName } from '../../resolvers/tables.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export type TestTableNames = Record<TableName, string>;

export function dynamodbEndpoint(): string {
  return inject('dynamodbEndpoint');
}

export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Creates every table of resolvers/tables.ts under a new unique prefix and returns their physical names. */
export async function createTestTables(client: DynamoDBClient): Promise<TestTableNames> {
  const prefix = `test-${randomUUID().slice(0, 8)}-`;
  const logicalNames = Object.keys(TABLES) as TableName[];
  const names = Object.fromEntries(logicalNames.map((name) => [name, `${prefix}${TABLES[name].id}`])) as TestTableNames;
  await ensureTables(
    client,
    logicalNames.map((name) => TABLES[name]),
    (definition) => `${prefix}${definition.id}`,
  );
  return names;
}
