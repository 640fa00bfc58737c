import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTables } from '../../../local/tables.ts';
import { TABLES } from '../../../resolvers/tables.ts';
import { dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';

describe('ensureTables', () => {
  it('adds the indexes the description gained to a table from an earlier version, keeping the table', async () => {
    const client = localDynamoDbClient(dynamodbEndpoint());
    const name = `old-${randomUUID().slice(0, 8)}-Keys`;
    // The keys table as it was before it had any global index.
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'keyHash', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'keyHash', AttributeType: 'S' }],
      }),
    );
    await ensureTables(client, [TABLES.keys], () => name);
    const described = await client.send(new DescribeTableCommand({ TableName: name }));
    const indexes = (described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort();
    expect(indexes).toEqual(TABLES.keys.globalIndexes.map((index) => index.name).sort());
    client.destroy();
    // DynamoDB Local builds the three indexes one after another; under a loaded test run that is slow.
  }, 150_000);
});
