/**
 * Exact money across the ledger: invocations (priced and unpriced, InvokeModel and Converse) and the
 * adjustments that price unpriced ones later; every aggregate (day × model, month) equals the sum of the
 * ledger items beneath it, to the nano-dollar.
 *
 * The unpriced model is priced by this test at 0.003 / 0.015 USD per 1,000 tokens = 3,000 / 15,000
 * nano-USD per token; the seed request is 4 input and 8 output tokens in the emulator, so each of its
 * invocations is adjusted by 4 × 3,000 + 8 × 15,000 = 132,000 nano-USD.
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../../../functions/invoke-model/converse.ts';
import { invokeModel, type InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import { priceUnpricedUsage } from '../../../functions/lib/adjustments.ts';
import { bundledPriceItems, seedPriceCatalogue } from '../../../functions/lib/price-catalogue.ts';
import { createBedrockEmulator, type ListeningEmulator } from '../../../local/bedrock/server.ts';
import { pricePk, priceSk } from '../../../resolvers/lib/price-keys.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient, type TestTableNames } from '../../helpers/dynamodb.ts';
import { SEED_REQUEST } from '../../helpers/local-stack.ts';

const HAIKU = SEED_REQUEST.modelId;
const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const UNPRICED = 'anthropic.claude-future-model-v1:0';

let emulator: ListeningEmulator;
let tables: TestTableNames;
let deps: InvokeDependencies;
const caller: Caller = {
  principalId: `prn_money_${Date.now()}`,
  keyId: 'key_money',
  role: 'USER',
  username: 'Money',
  team: `team-money-${Date.now()}`,
  tags: JSON.stringify({ costCentre: 'cc-42' }),
};

beforeAll(async () => {
  emulator = await createBedrockEmulator({ models: [HAIKU, HAIKU_35, UNPRICED] }).listen();
  const client = localDynamoDbClient(dynamodbEndpoint());
  tables = await createTestTables(client);
  const db = DynamoDBDocumentClient.from(client);
  await seedPriceCatalogue(db, tables.prices);
  deps = {
    db,
    ledgerTable: tables.ledger,
    budgetsTable: tables.budgets,
    pricesTable: tables.prices,
    bedrock: new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    region: 'us-east-1',
  };
});

afterAll(async () => {
  deps.bedrock.destroy();
  await emulator.close();
});

async function ledgerItems(pk = `PRINCIPAL#${caller.principalId}`): Promise<Record<string, unknown>[]> {
  const out = await deps.db.send(new QueryCommand({ TableName: tables.ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }));
  return out.Items ?? [];
}

describe('seedPriceCatalogue', () => {
  it('writes every bundled row once and never overwrites', async () => {
    expect(bundledPriceItems().length).toBe(102);
    expect(await seedPriceCatalogue(deps.db, tables.prices)).toBe(0);
  });
});

describe('priceUnpricedUsage', () => {
  it('posts adjustments the aggregates include, and every aggregate equals the sum of its ledger items', async () => {
    const body = JSON.stringify(SEED_REQUEST.body);
    for (let i = 0; i < 3; i += 1) await invokeModel(deps, caller, { modelId: HAIKU, body });
    for (let i = 0; i < 2; i += 1) await invokeModel(deps, caller, { modelId: UNPRICED, body });
    await converse(deps, caller, {
      modelId: HAIKU_35,
      system: JSON.stringify([{ text: 'c'.repeat(400) }, { cachePoint: { type: 'default' } }]),
      messages: JSON.stringify([{ role: 'user', content: [{ text: 'Hello there' }] }]),
      inferenceConfig: JSON.stringify({ maxTokens: 5 }),
    });
    const month = new Date().toISOString().slice(0, 7);

    const priced = (await ledgerItems()).filter((item) => item.kind === 'INVOCATION' && item.priced === true);
    expect(priced.map((item) => item.priceVersion)).toEqual(['bundled', 'bundled', 'bundled', 'bundled']);

    // A price for the unknown model is published after its invocations.
    await deps.db.send(new PutCommand({
      TableName: tables.prices,
      Item: {
        pk: pricePk(UNPRICED), sk: priceSk(null, '*', new Date().toISOString()), modelId: UNPRICED, baseModelId: UNPRICED, profilePrefix: null, region: '*',
        effectiveFrom: new Date().toISOString(), version: 'test-v1', provider: 'anthropic', inputPer1k: '0.003', outputPer1k: '0.015', source: 'test', createdAt: new Date().toISOString(), createdBy: 'test',
      },
    }));

    const run = await priceUnpricedUsage(deps.db, tables, month);
    expect(run).toEqual({ month, examined: 2, priced: 2, stillUnpriced: 0, adjustmentNanoUsd: 264_000n });
    expect(await priceUnpricedUsage(deps.db, tables, month)).toEqual({ month, examined: 0, priced: 0, stillUnpriced: 0, adjustmentNanoUsd: 0n });

    const items = await ledgerItems();
    const invocations = items.filter((item) => item.kind === 'INVOCATION');
    const adjustments = items.filter((item) => item.kind === 'ADJUSTMENT');
    expect(invocations).toHaveLength(6);
    expect(adjustments.map((item) => [item.modelId, item.costNanoUsd, item.priceVersion])).toEqual([
      [UNPRICED, 132_000, 'test-v1'],
      [UNPRICED, 132_000, 'test-v1'],
    ]);
    // The unpriced invocations themselves are untouched.
    expect(invocations.filter((item) => item.modelId === UNPRICED).map((item) => [item.priced, item.costNanoUsd])).toEqual([[false, 0], [false, 0]]);

    const byDayModel = new Map<string, bigint>();
    let total = 0n;
    for (const item of [...invocations, ...adjustments]) {
      const createdAt = String(item.kind === 'ADJUSTMENT' ? item.invocationCreatedAt : item.createdAt);
      const key = `${createdAt.slice(0, 10)}#${String(item.modelId)}`;
      const cost = BigInt(Number(item.costNanoUsd));
      byDayModel.set(key, (byDayModel.get(key) ?? 0n) + cost);
      total += cost;
    }
    const days = items.filter((item) => item.kind === 'DAY');
    expect(days.length).toBe(byDayModel.size);
    for (const day of days) {
      expect(BigInt(Number(day.costNanoUsd)), `${String(day.sk)}`).toBe(byDayModel.get(`${String(day.date)}#${String(day.modelId)}`));
      expect(day.unpricedInvocations).toBe(0);
    }
    const monthItem = items.find((item) => item.kind === 'MONTH');
    expect(BigInt(Number(monthItem?.costNanoUsd))).toBe(total);
    expect(days.reduce((sum, day) => sum + BigInt(Number(day.costNanoUsd)), 0n)).toBe(total);
    expect(monthItem).toMatchObject({ invocations: 6, unpricedInvocations: 0 });
    // 3 × 11,000 (Haiku) + 2 × 132,000 (adjustments) + 122,400 (Converse: 3 × 800 + 5 × 4,000 + 100 × 1,000).
    expect(total).toBe(3n * 11_000n + 264_000n + 122_400n);
    // The team's and the tag's aggregates and the rollups got the adjustments too.
    for (const pk of [`TEAM#${caller.team ?? ''}`, 'TAG#costCentre#cc-42']) {
      const scoped = await ledgerItems(pk);
      expect(scoped.find((item) => item.kind === 'MONTH'), pk).toMatchObject({ costNanoUsd: Number(total), invocations: 6, unpricedInvocations: 0 });
      expect(scoped.filter((item) => item.kind === 'DAY').reduce((sum, day) => sum + BigInt(Number(day.costNanoUsd)), 0n)).toBe(total);
    }
    for (const [pk, key] of [['ROLLUP#PRINCIPAL', caller.principalId], ['ROLLUP#TEAM', caller.team ?? ''], ['ROLLUP#TAG#costCentre', 'cc-42']] as const) {
      const rollups = (await ledgerItems(pk)).filter((item) => item.key === key);
      expect(rollups.reduce((sum, item) => sum + BigInt(Number(item.costNanoUsd)), 0n), pk).toBe(total);
      expect(rollups.every((item) => item.unpricedInvocations === 0)).toBe(true);
    }

    const markers = await deps.db.send(
      new QueryCommand({ TableName: tables.ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `UNPRICED#${month}` }, ConsistentRead: true }),
    );
    const mine = (markers.Items ?? []).filter((item) => item.principalId === caller.principalId);
    expect(mine.map((item) => [item.adjustmentNanoUsd, item.priceVersion])).toEqual([[132_000, 'test-v1'], [132_000, 'test-v1']]);
  });
});
