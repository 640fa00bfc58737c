import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  claimIdempotencyKey,
  recordInvocation,
  releaseIdempotencyKey,
  type LedgerEntry,
} from '../../../functions/lib/ledger.ts';
import { IdempotencyInProgressError, IdempotencyMismatchError } from '../../../functions/lib/errors.ts';
import type { InvokeModelResult } from '../../../schema/__generated__/graphql.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';

let db: DynamoDBDocumentClient;
let table: string;

beforeAll(async () => {
  const client = localDynamoDbClient(dynamodbEndpoint());
  table = (await createTestTables(client)).ledger;
  db = DynamoDBDocumentClient.from(client);
});

function entry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    invocationId: randomUUID(),
    principalId: 'prn_ledgertest',
    keyId: 'key_ledgertest',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    pricedModelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    region: 'us-east-1',
    inputTokens: 10,
    outputTokens: 20,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    costNanoUsd: 27_500,
    costExactNanoUsd: '27500',
    priced: true,
    rates: null,
    priceRegion: '*',
    priceSource: 'test',
    usageSource: 'headers',
    bedrockRequestId: null,
    idempotencyKey: null,
    latencyMs: 5,
    createdAt: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}

const resultOf = (item: LedgerEntry): InvokeModelResult => ({
  invocationId: item.invocationId,
  principalId: item.principalId,
  modelId: item.modelId,
  body: '{}',
  usage: { inputTokens: item.inputTokens, outputTokens: item.outputTokens, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 },
  cost: { usd: '0.000027500', nanoUsd: String(item.costNanoUsd), priced: true },
  latencyMs: item.latencyMs,
  createdAt: item.createdAt,
  stopReason: null,
  team: item.team ?? null,
  tags: [],
});

async function itemsOf(principalId: string, pk = `PRINCIPAL#${principalId}`) {
  const out = await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
  return out.Items ?? [];
}

const sumCost = (items: readonly Record<string, unknown>[]): bigint => items.reduce((sum, item) => sum + BigInt(item.costNanoUsd as number), 0n);

describe('recordInvocation', () => {
  it('keeps every aggregate equal to the sum of the ledger under concurrent writes', async () => {
    const principalId = `prn_${randomUUID().slice(0, 8)}`;
    const models = ['amazon.nova-micro-v1:0', 'meta.llama3-8b-instruct-v1:0'];
    const entries = Array.from({ length: 40 }, (_, index) =>
      entry({ principalId, modelId: models[index % 2] ?? '', costNanoUsd: 1_000_003 * (index + 1), inputTokens: index, outputTokens: 2 * index }),
    );
    await Promise.all(entries.map((item) => recordInvocation(db, table, item, resultOf(item))));
    const items = await itemsOf(principalId);
    const ledger = items.filter((item) => item.kind === 'INVOCATION');
    expect(ledger).toHaveLength(40);
    const ledgerCost = ledger.reduce((sum, item) => sum + BigInt(item.costNanoUsd as number), 0n);
    const expectedCost = entries.reduce((sum, item) => sum + BigInt(item.costNanoUsd), 0n);
    expect(ledgerCost).toBe(expectedCost);
    const days = items.filter((item) => item.kind === 'DAY');
    expect(days).toHaveLength(2);
    expect(days.reduce((sum, item) => sum + BigInt(item.costNanoUsd as number), 0n)).toBe(expectedCost);
    expect(days.reduce((sum, item) => sum + (item.invocations as number), 0)).toBe(40);
    const month = items.find((item) => item.kind === 'MONTH');
    expect(BigInt(month?.costNanoUsd as number)).toBe(expectedCost);
    expect(month?.invocations).toBe(40);
    expect(month?.inputTokens).toBe(entries.reduce((sum, item) => sum + item.inputTokens, 0));
  });

  it('keeps team, tag and rollup aggregates equal to the sum of the ledger under concurrent writes', async () => {
    const run = randomUUID().slice(0, 8);
    const team = `team-${run}`;
    const principals = [`prn_a${run}`, `prn_b${run}`, `prn_c${run}`];
    const entries = Array.from({ length: 30 }, (_, index) =>
      entry({
        principalId: principals[index % 3] ?? '',
        team,
        tags: index % 2 === 0 ? { project: `p-${run}`, env: 'prod' } : { project: `p-${run}` },
        costNanoUsd: 999_999_937 * (index + 1),
      }),
    );
    await Promise.all(entries.map((item) => recordInvocation(db, table, item, resultOf(item))));
    const expected = entries.reduce((sum, item) => sum + BigInt(item.costNanoUsd), 0n);
    const even = entries.filter((_, index) => index % 2 === 0).reduce((sum, item) => sum + BigInt(item.costNanoUsd), 0n);
    const teamItems = await itemsOf('', `TEAM#${team}`);
    expect(sumCost(teamItems.filter((item) => item.kind === 'DAY'))).toBe(expected);
    const teamMonth = teamItems.find((item) => item.kind === 'MONTH');
    expect({ cost: BigInt(teamMonth?.costNanoUsd as number), invocations: teamMonth?.invocations, month: teamMonth?.month }).toEqual({
      cost: expected,
      invocations: 30,
      month: 'TEAM#2026-11',
    });
    const projectMonth = (await itemsOf('', `TAG#project#p-${run}`)).find((item) => item.kind === 'MONTH');
    expect(BigInt(projectMonth?.costNanoUsd as number)).toBe(expected);
    expect(projectMonth?.month).toBe('TAG#project#2026-11');
    const envItems = (await itemsOf('', 'TAG#env#prod')).filter((item) => item.kind === 'DAY');
    expect(envItems.length).toBeGreaterThan(0);
    const principalRollups = (await itemsOf('', 'ROLLUP#PRINCIPAL')).filter((item) => principals.includes(item.key as string));
    expect(principalRollups.map((item) => item.sk).sort()).toEqual(principals.map((principalId) => `2026-11-26#${principalId}`).sort());
    expect(sumCost(principalRollups)).toBe(expected);
    for (const principalId of principals) {
      const own = principalRollups.find((item) => item.key === principalId);
      expect(BigInt(own?.costNanoUsd as number)).toBe(sumCost((await itemsOf(principalId)).filter((item) => item.kind === 'INVOCATION')));
    }
    const teamRollup = (await itemsOf('', 'ROLLUP#TEAM')).find((item) => item.key === team);
    expect({ cost: BigInt(teamRollup?.costNanoUsd as number), invocations: teamRollup?.invocations, date: teamRollup?.date }).toEqual({
      cost: expected,
      invocations: 30,
      date: '2026-11-26',
    });
    const projectRollup = (await itemsOf('', 'ROLLUP#TAG#project')).find((item) => item.key === `p-${run}`);
    expect(BigInt(projectRollup?.costNanoUsd as number)).toBe(expected);
    const ledgerEnv = (await Promise.all(principals.map((principalId) => itemsOf(principalId))))
      .flat()
      .filter((item) => item.kind === 'INVOCATION' && (item.tags as Record<string, string>).env === 'prod');
    expect(sumCost(ledgerEnv)).toBe(even);
  });

  it('counts the same ledger entry once when it is written twice', async () => {
    const principalId = `prn_${randomUUID().slice(0, 8)}`;
    const item = entry({ principalId });
    expect(await recordInvocation(db, table, item, resultOf(item))).toBe('recorded');
    expect(await recordInvocation(db, table, item, resultOf(item))).toBe('already-recorded');
    const month = (await itemsOf(principalId)).find((row) => row.kind === 'MONTH');
    expect(month?.invocations).toBe(1);
  });
});

describe('claimIdempotencyKey', () => {
  const claim = (principalId: string, requestHash: string, invocationId = randomUUID()) => ({
    principalId,
    idempotencyKey: 'retry-me',
    requestHash,
    invocationId,
    now: new Date('2026-11-26T10:00:00Z'),
  });

  it('replays the first result once the invocation completed', async () => {
    const principalId = `prn_${randomUUID().slice(0, 8)}`;
    const first = claim(principalId, 'hash-a');
    expect(await claimIdempotencyKey(db, table, first)).toEqual({ kind: 'claimed' });
    const item = entry({ principalId, invocationId: first.invocationId, idempotencyKey: 'retry-me' });
    await recordInvocation(db, table, item, resultOf(item));
    expect(await claimIdempotencyKey(db, table, claim(principalId, 'hash-a'))).toEqual({ kind: 'replay', result: resultOf(item) });
  });

  it('fails while the first request is still in progress, and for a different request', async () => {
    const principalId = `prn_${randomUUID().slice(0, 8)}`;
    await claimIdempotencyKey(db, table, claim(principalId, 'hash-a'));
    await expect(claimIdempotencyKey(db, table, claim(principalId, 'hash-a'))).rejects.toBeInstanceOf(IdempotencyInProgressError);
    await expect(claimIdempotencyKey(db, table, claim(principalId, 'hash-b'))).rejects.toBeInstanceOf(IdempotencyMismatchError);
  });

  it('frees the key again when the claim is released after a failed Bedrock call', async () => {
    const principalId = `prn_${randomUUID().slice(0, 8)}`;
    const first = claim(principalId, 'hash-a');
    await claimIdempotencyKey(db, table, first);
    await releaseIdempotencyKey(db, table, first);
    expect(await claimIdempotencyKey(db, table, claim(principalId, 'hash-a'))).toEqual({ kind: 'claimed' });
  });
});
