/**
 * vitest globalSetup: one in-memory DynamoDB Local for the whole test run. Tests reach it through
 * `dynamodbEndpoint()` from ./dynamodb.ts and isolate themselves with `createTestTables`.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';

export default async function setup({ provide }: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal({});
  provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
  };
}
