/**
 * No paid call goes unrecorded: the ledger write path is broken in the middle of a request (after
 * Bedrock answered) by pointing the ledger transaction at a table that does not exist, so DynamoDB
 * Local itself rejects it. The invocation is kept in the fallback file, and the replay records it,
 * exactly once. Costs as in budgets.test.ts: A = 75,000 nano-USD per call, W reserved.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeModel, type InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import { FALLBACK_FILE, fileFallback, replayFallbackFile } from '../../../functions/lib/ledger-fallback.ts';
import { createBedrockEmulator, type ListeningEmulator } from '../../../local/bedrock/server.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { clientWithBrokenLedgerWrites } from '../../helpers/invoke-testbed.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient, type TestTableNames } from '../../helpers/dynamodb.ts';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const BODY = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 50,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(200) }] }],
};
const A = 50 * 250 + 50 * 1250;
const W = Buffer.byteLength(JSON.stringify(BODY)) * 250 + 50 * 1250;

let emulator: ListeningEmulator;
let tables: TestTableNames;
let healthy: DynamoDBDocumentClient;
let broken: DynamoDBDocumentClient;
let bedrock: BedrockRuntimeClient;
let fallbackDir: string;


beforeAll(async () => {
  emulator = await createBedrockEmulator({ models: [MODEL] }).listen();
  const client = localDynamoDbClient(dynamodbEndpoint());
  tables = await createTestTables(client);
  healthy = DynamoDBDocumentClient.from(client);
  broken = clientWithBrokenLedgerWrites(tables.ledger);
  bedrock = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  fallbackDir = mkdtempSync(join(tmpdir(), 'ledger-fallback-'));
});

afterAll(async () => {
  bedrock.destroy();
  await emulator.close();
  rmSync(fallbackDir, { recursive: true, force: true });
});

const deps = (db: DynamoDBDocumentClient): InvokeDependencies => ({
  db,
  ledgerTable: tables.ledger,
  budgetsTable: tables.budgets,
  bedrock,
  region: 'us-east-1',
  fallback: fileFallback(fallbackDir),
});

async function ledger(principalId: string) {
  const out = await healthy.send(
    new QueryCommand({ TableName: tables.ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PRINCIPAL#${principalId}` }, ConsistentRead: true }),
  );
  const items = out.Items ?? [];
  return {
    invocations: items.filter((item) => item.kind === 'INVOCATION').map((item) => ({ invocationId: item.invocationId, costNanoUsd: item.costNanoUsd })),
    month: items.find((item) => item.kind === 'MONTH'),
    day: items.find((item) => item.kind === 'DAY'),
  };
}

async function budgetPeriod(principalId: string) {
  const out = await healthy.send(
    new GetCommand({ TableName: tables.budgets, Key: { pk: `PRINCIPAL#${principalId}`, sk: `BUDGET#PERIOD#M${new Date().toISOString().slice(0, 7)}` }, ConsistentRead: true }),
  );
  return { spent: Number(out.Item?.spentNanoUsd ?? 0), reserved: Number(out.Item?.reservedNanoUsd ?? 0), committed: Number(out.Item?.committedNanoUsd ?? 0) };
}

describe('invokeModel when the ledger write fails after Bedrock answered', () => {
  it('answers the client, keeps the invocation, and the replay records it exactly once with its budget settled', async () => {
    const caller: Caller = { principalId: `prn_fallback_${Date.now()}`, keyId: 'key_fallback', role: 'USER', username: 'Fallback' };
    await healthy.send(new PutCommand({
      TableName: tables.budgets,
      Item: { pk: `PRINCIPAL#${caller.principalId}`, sk: 'BUDGET', kind: 'BUDGET', listSk: caller.principalId, principalId: caller.principalId, limitNanoUsd: 10 * W, period: 'MONTHLY', hard: true, alertThresholdsPercent: [80], updatedAt: new Date().toISOString() },
    }));
    const input = { modelId: MODEL, body: JSON.stringify(BODY), idempotencyKey: 'fallback-once' };

    const result = await invokeModel(deps(broken), caller, input);
    expect(result.cost.nanoUsd).toBe(String(A));
    // Nothing reached the ledger; the reservation still holds the worst case.
    expect((await ledger(caller.principalId)).invocations).toEqual([]);
    expect(await budgetPeriod(caller.principalId)).toEqual({ spent: 0, reserved: W, committed: W });
    const kept = readFileSync(join(fallbackDir, FALLBACK_FILE), 'utf8');
    expect(kept.trim().split('\n')).toHaveLength(1);

    expect(await replayFallbackFile(healthy, tables, fallbackDir)).toEqual({ recorded: 1, alreadyRecorded: 0, failed: 0 });
    expect(existsSync(join(fallbackDir, FALLBACK_FILE))).toBe(false);
    const recorded = await ledger(caller.principalId);
    expect(recorded.invocations).toEqual([{ invocationId: result.invocationId, costNanoUsd: A }]);
    expect(recorded.month).toMatchObject({ invocations: 1, costNanoUsd: A });
    expect(recorded.day).toMatchObject({ invocations: 1, costNanoUsd: A });
    expect(await budgetPeriod(caller.principalId)).toEqual({ spent: A, reserved: 0, committed: A });

    // The same record replayed again (e.g. a crash between the write and the file's removal) counts once.
    writeFileSync(join(fallbackDir, FALLBACK_FILE), kept);
    expect(await replayFallbackFile(healthy, tables, fallbackDir)).toEqual({ recorded: 0, alreadyRecorded: 1, failed: 0 });
    expect((await ledger(caller.principalId)).month).toMatchObject({ invocations: 1, costNanoUsd: A });
    expect(await budgetPeriod(caller.principalId)).toEqual({ spent: A, reserved: 0, committed: A });

    // The replay completed the idempotency claim: the client's retry gets the first result, unrecorded twice.
    const retried = await invokeModel(deps(healthy), caller, input);
    expect(retried.invocationId).toBe(result.invocationId);
    expect((await ledger(caller.principalId)).month).toMatchObject({ invocations: 1 });
  });

  it('records a kept invocation of a team member with tags even when a later request took its idempotency claim over', async () => {
    const caller: Caller = {
      principalId: `prn_takeover_${Date.now()}`,
      keyId: 'key_takeover',
      role: 'USER',
      username: 'Takeover',
      team: 'fallback-team',
      tags: JSON.stringify({ project: 'atlas' }),
    };
    const result = await invokeModel(deps(broken), caller, { modelId: MODEL, body: JSON.stringify(BODY), idempotencyKey: 'taken-over', tags: [{ key: 'env', value: 'prod' }] });
    // The claim's lock expired and another request claimed the key meanwhile.
    await healthy.send(new PutCommand({
      TableName: tables.ledger,
      Item: { pk: `PRINCIPAL#${caller.principalId}`, sk: 'IDEMPOTENCY#taken-over', kind: 'IDEMPOTENCY', status: 'IN_PROGRESS', requestHash: 'other', invocationId: 'someone-else' },
    }));
    expect(await replayFallbackFile(healthy, tables, fallbackDir)).toEqual({ recorded: 1, alreadyRecorded: 0, failed: 0 });
    expect((await ledger(caller.principalId)).invocations).toEqual([{ invocationId: result.invocationId, costNanoUsd: A }]);
    const teamMonth = await healthy.send(new GetCommand({ TableName: tables.ledger, Key: { pk: 'TEAM#fallback-team', sk: `MONTH#${new Date().toISOString().slice(0, 7)}` }, ConsistentRead: true }));
    expect(teamMonth.Item).toMatchObject({ invocations: 1, costNanoUsd: A });
    // The later request's claim is left alone.
    const claim = await healthy.send(new GetCommand({ TableName: tables.ledger, Key: { pk: `PRINCIPAL#${caller.principalId}`, sk: 'IDEMPOTENCY#taken-over' }, ConsistentRead: true }));
    expect(claim.Item).toMatchObject({ status: 'IN_PROGRESS', invocationId: 'someone-else' });
  });

  it('fails the request when there is no fallback, rather than answer a call it could not record', async () => {
    const caller: Caller = { principalId: `prn_nofallback_${Date.now()}`, keyId: 'key_nofallback', role: 'USER', username: 'No Fallback' };
    const { fallback: _none, ...withoutFallback } = deps(broken);
    await expect(invokeModel(withoutFallback, caller, { modelId: MODEL, body: JSON.stringify(BODY) })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
