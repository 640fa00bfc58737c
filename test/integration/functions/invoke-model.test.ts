import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeModel, type InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import { createBedrockEmulator, type ListeningEmulator } from '../../../local/bedrock/server.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';
import { SEED_REQUEST } from '../../helpers/local-stack.ts';

/** A model Bedrock (here: the emulator) serves but the bundled catalogue has no price for. */
const UNPRICED_MODEL = 'anthropic.claude-future-model-v1:0';

let emulator: ListeningEmulator;
let deps: InvokeDependencies;
const caller: Caller = { principalId: 'prn_invoketest', keyId: 'key_invoketest', role: 'USER', username: 'Invoke Test' };

beforeAll(async () => {
  emulator = await createBedrockEmulator({ models: [SEED_REQUEST.modelId, UNPRICED_MODEL] }).listen();
  const client = localDynamoDbClient(dynamodbEndpoint());
  deps = {
    db: DynamoDBDocumentClient.from(client),
    ledgerTable: (await createTestTables(client)).ledger,
    bedrock: new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    region: 'us-east-1',
  };
});

afterAll(async () => {
  deps.bedrock.destroy();
  await emulator.close();
});

async function ledgerItems() {
  const out = await deps.db.send(
    new QueryCommand({ TableName: deps.ledgerTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PRINCIPAL#${caller.principalId}` }, ConsistentRead: true }),
  );
  return out.Items ?? [];
}

describe('invokeModel', () => {
  it('records an unpriced model with its tokens, zero cost and priced: false', async () => {
    const result = await invokeModel(deps, caller, { modelId: UNPRICED_MODEL, body: JSON.stringify(SEED_REQUEST.body) });
    expect(result.cost).toEqual({ usd: '0.000000000', nanoUsd: '0', priced: false });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    const items = await ledgerItems();
    const invocation = items.find((item) => item.kind === 'INVOCATION' && item.invocationId === result.invocationId);
    expect(invocation).toMatchObject({ priced: false, pricedModelId: null, inputTokens: result.usage.inputTokens, costNanoUsd: 0 });
    const month = items.find((item) => item.kind === 'MONTH');
    expect(month).toMatchObject({ unpricedInvocations: 1, inputTokens: result.usage.inputTokens });
  });

  it('keeps on the ledger item the rates, price row and unrounded cost it was charged with', async () => {
    const result = await invokeModel(deps, caller, { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) });
    const invocation = (await ledgerItems()).find((item) => item.invocationId === result.invocationId);
    // bedrock-prices.json, Claude 3 Haiku, region "*": 0.00025 / 0.00125 USD per 1,000 tokens, no cache rates.
    expect(invocation?.rates).toMatchObject({ inputPer1k: '0.00025', outputPer1k: '0.00125' });
    expect(invocation?.priceRegion).toBe('*');
    expect(invocation?.costExactNanoUsd).toBe(String(result.usage.inputTokens * 250 + result.usage.outputTokens * 1250));
    expect(invocation?.costNanoUsd).toBe(Number(result.cost.nanoUsd));
  });

  it('marks the ledger item, and only it, for removal after the retention period', async () => {
    const result = await invokeModel({ ...deps, ledgerRetentionDays: 30 }, caller, { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) });
    const items = await ledgerItems();
    const invocation = items.find((item) => item.invocationId === result.invocationId);
    expect(invocation?.ttl).toBe(Math.floor(Date.parse(result.createdAt) / 1000) + 30 * 86_400);
    expect(items.filter((item) => item.kind === 'DAY' || item.kind === 'MONTH').every((item) => item.ttl === undefined)).toBe(true);
  });

  it('reports each paid call once, and an idempotent replay not at all (metrics count calls, not retries)', async () => {
    const paid: string[] = [];
    const counting = { ...deps, onPaidCall: (result: { invocationId: string }) => paid.push(result.invocationId) };
    const input = { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body), idempotencyKey: 'paid-once' };
    const first = await invokeModel(counting, caller, input);
    const replay = await invokeModel(counting, caller, input);
    expect(replay.invocationId).toBe(first.invocationId);
    expect(paid).toEqual([first.invocationId]);
  });

  it('fails with Bedrock:ValidationException for a model id Bedrock does not serve, and records nothing', async () => {
    const before = (await ledgerItems()).length;
    await expect(
      invokeModel(deps, caller, { modelId: 'anthropic.claude-does-not-exist-v9:0', body: JSON.stringify(SEED_REQUEST.body) }),
    ).rejects.toMatchObject({ errorType: 'Bedrock:ValidationException' });
    expect((await ledgerItems()).length).toBe(before);
  });
});
