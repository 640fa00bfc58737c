/**
 * The invoke-model code path against real parts, for integration tests: a Bedrock emulator reached
 * through the real SDK over HTTP, and fresh DynamoDB Local tables.
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { InvokeDependencies } from '../../functions/invoke-model/invoke.ts';
import type { BedrockEmulatorConfig } from '../../local/bedrock/config.ts';
import { createBedrockEmulator, type ListeningEmulator } from '../../local/bedrock/server.ts';
import type { Caller } from '../../resolvers/lib/identity.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient, type TestTableNames } from './dynamodb.ts';

export interface InvokeTestbedOptions {
  readonly emulator?: BedrockEmulatorConfig;
  /** Which optional tables the dependencies name: budgets (enforced) and prices (else the bundled catalogue). */
  readonly budgets?: boolean;
  readonly prices?: boolean;
  /** The SDK's attempts (default: the SDK's own); 1 shows Bedrock failures as they happen. */
  readonly maxAttempts?: number;
}

export interface InvokeTestbed {
  readonly emulator: ListeningEmulator;
  readonly tables: TestTableNames;
  readonly db: DynamoDBDocumentClient;
  readonly deps: InvokeDependencies;
  /** A new principal each call, named after `label`. */
  newCaller(label: string, extra?: Partial<Caller>): Caller;
  /** Every item of one ledger partition (default: the principal's). */
  ledgerItems(principalId: string, pk?: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startInvokeTestbed(options: InvokeTestbedOptions = {}): Promise<InvokeTestbed> {
  const emulator = await createBedrockEmulator(options.emulator).listen();
  const client = localDynamoDbClient(dynamodbEndpoint());
  const tables = await createTestTables(client);
  const db = DynamoDBDocumentClient.from(client);
  const bedrock = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  const deps: InvokeDependencies = {
    db,
    ledgerTable: tables.ledger,
    ...(options.budgets ? { budgetsTable: tables.budgets } : {}),
    ...(options.prices ? { pricesTable: tables.prices } : {}),
    bedrock,
    region: 'us-east-1',
  };
  let sequence = 0;
  return {
    emulator,
    tables,
    db,
    deps,
    newCaller(label, extra = {}) {
      sequence += 1;
      const id = `${label}${sequence}_${Date.now()}`;
      return { principalId: `prn_${id}`, keyId: `key_${id}`, role: 'USER', username: label, ...extra };
    },
    async ledgerItems(principalId, pk = `PRINCIPAL#${principalId}`) {
      const out = await db.send(new QueryCommand({ TableName: tables.ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
      return out.Items ?? [];
    },
    async close() {
      bedrock.destroy();
      await emulator.close();
    },
  };
}

/**
 * A client whose ledger transactions name a table that does not exist, so DynamoDB Local itself rejects
 * the ledger write (after Bedrock answered); every other request goes through untouched.
 */
export function clientWithBrokenLedgerWrites(ledgerTable: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ endpoint: dynamodbEndpoint(), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TransactItems?: TransactWriteItem[] };
      if (context.commandName === 'TransactWriteItemsCommand' && input.TransactItems) {
        for (const item of input.TransactItems) {
          for (const operation of [item.Put, item.Update, item.Delete, item.ConditionCheck]) {
            if (operation?.TableName === ledgerTable) operation.TableName = `${ledgerTable}-missing`;
          }
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'breakLedgerWrites' },
  );
  return DynamoDBDocumentClient.from(client);
}
