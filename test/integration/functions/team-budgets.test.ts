/**
 * Team budgets on the invoke-model path: an invocation by a principal of team T is subject to both the
 * principal's budget and T's, reserved together in one transaction, settled together in the ledger
 * transaction, released together when Bedrock fails. Against DynamoDB Local and the Bedrock emulator
 * through the real SDK.
 *
 * Arithmetic as in budgets.test.ts (Claude 3 Haiku, 250 / 1,250 nano-USD per input / output token; a
 * 200-character prompt with max_tokens 50 is 50 input and 50 output tokens): each call costs
 * A = 75,000 nano-USD and a hard budget reserves W = (body bytes) × 250 + 50 × 1,250 nano-USD.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeModel, type InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import { reserveBudget, type BudgetEventRecord } from '../../../functions/lib/budget.ts';
import { fileFallback, replayFallbackFile, replayFallbackRecord, type FallbackRecord } from '../../../functions/lib/ledger-fallback.ts';
import { createBedrockEmulator, type ListeningEmulator } from '../../../local/bedrock/server.ts';
import { BUDGET_SK, budgetPeriodKey, type BudgetItem } from '../../../resolvers/lib/budget-keys.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { clientWithBrokenLedgerWrites } from '../../helpers/invoke-testbed.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient, type TestTableNames } from '../../helpers/dynamodb.ts';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const MAX_TOKENS = 50;
const BODY = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: MAX_TOKENS,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(200) }] }],
};
const W = Buffer.byteLength(JSON.stringify(BODY)) * 250 + MAX_TOKENS * 1250;
const A = 50 * 250 + 50 * 1250;

let emulator: ListeningEmulator;
let deps: InvokeDependencies & { budgetsTable: string };
let tables: TestTableNames;
let fallbackDir: string;
let counter = 0;

beforeAll(async () => {
  emulator = await createBedrockEmulator({ models: [MODEL] }).listen();
  const client = localDynamoDbClient(dynamodbEndpoint());
  tables = await createTestTables(client);
  fallbackDir = mkdtempSync(join(tmpdir(), 'team-budget-fallback-'));
  deps = {
    db: DynamoDBDocumentClient.from(client),
    ledgerTable: tables.ledger,
    budgetsTable: tables.budgets,
    bedrock: new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    }),
    region: 'us-east-1',
  };
});

afterAll(async () => {
  deps.bedrock.destroy();
  await emulator.close();
  rmSync(fallbackDir, { recursive: true, force: true });
});


const newTeam = (): string => {
  counter += 1;
  return `team-${counter}-${Date.now()}`;
};

function member(team: string): Caller {
  counter += 1;
  return { principalId: `prn_team${counter}_${Date.now()}`, keyId: `key_team${counter}`, role: 'USER', username: 'Team Member', team, tags: '{}' };
}

type Subject = { principalId: string } | { team: string };
const pkOf = (subject: Subject): string => ('team' in subject ? `TEAM#${subject.team}` : `PRINCIPAL#${subject.principalId}`);

async function setBudget(subject: Subject, overrides: Partial<BudgetItem> = {}): Promise<BudgetItem> {
  const item: BudgetItem = {
    principalId: 'principalId' in subject ? subject.principalId : null,
    ...('team' in subject ? { team: subject.team } : {}),
    limitNanoUsd: 10 * W,
    period: 'MONTHLY',
    periodStart: null,
    periodEnd: null,
    hard: true,
    alertThresholdsPercent: [80],
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
  await deps.db.send(new PutCommand({ TableName: deps.budgetsTable, Item: { pk: pkOf(subject), sk: BUDGET_SK, kind: 'BUDGET', listSk: pkOf(subject), ...item } }));
  return item;
}

async function period(subject: Subject) {
  const key = `M${new Date().toISOString().slice(0, 7)}`;
  const out = await deps.db.send(
    new GetCommand({ TableName: deps.budgetsTable, Key: { pk: pkOf(subject), sk: `BUDGET#PERIOD#${key}` }, ConsistentRead: true }),
  );
  return { spent: Number(out.Item?.spentNanoUsd ?? 0), reserved: Number(out.Item?.reservedNanoUsd ?? 0), committed: Number(out.Item?.committedNanoUsd ?? 0) };
}

async function events(subject: Subject) {
  const out = await deps.db.send(
    new QueryCommand({
      TableName: deps.budgetsTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pkOf(subject), ':prefix': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((item) => ({
    eventKind: item.eventKind,
    principalId: item.principalId ?? null,
    team: item.team ?? null,
    thresholdPercent: item.thresholdPercent,
    spentNanoUsd: item.spentNanoUsd,
  }));
}

async function ledgerCost(principalIds: readonly string[]): Promise<{ invocations: number; nano: number }> {
  let invocations = 0;
  let nano = 0;
  for (const principalId of principalIds) {
    const out = await deps.db.send(
      new QueryCommand({
        TableName: deps.ledgerTable,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `PRINCIPAL#${principalId}`, ':prefix': 'INVOCATION#' },
        ConsistentRead: true,
      }),
    );
    invocations += out.Items?.length ?? 0;
    nano += (out.Items ?? []).reduce((sum, item) => sum + Number(item.costNanoUsd), 0);
  }
  return { invocations, nano };
}

const invoke = (who: Caller, body: unknown = BODY, extra: Partial<InvokeDependencies> = {}) =>
  invokeModel({ ...deps, ...extra }, who, { modelId: MODEL, body: JSON.stringify(body) });

interface Refusal {
  errorType: string;
  errorInfo: { budget: string; principalId: string | null; team: string | null; remainingNanoUsd: string; requiredNanoUsd: string; limitNanoUsd: string };
}

describe('invokeModel under a hard team budget', () => {
  it('never lets concurrent requests from several principals of the team overspend it, and refuses only what did not fit', async () => {
    const team = newTeam();
    const members = Array.from({ length: 4 }, () => member(team));
    // Room for 5 worst cases and a half; 16 calls (4 per principal, all at once) at A each would cost
    // 16 × 75,000 = 1,200,000 > limit, so some must be refused.
    const limit = 5 * W + Math.floor(W / 2);
    await setBudget({ team }, { limitNanoUsd: limit });
    const outcomes = await Promise.allSettled(members.flatMap((who) => Array.from({ length: 4 }, () => invoke(who))));
    const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Refusal] : []));

    expect(accepted.length + refusals.length).toBe(16);
    expect(refusals.length).toBeGreaterThan(0);
    // While fewer than 5 were accepted, at most 4 × W was committed, so the next one fitted.
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    for (const refusal of refusals) {
      expect(refusal.errorType).toBe('BudgetExceeded');
      expect(refusal.errorInfo).toMatchObject({ budget: 'TEAM', team, principalId: null, requiredNanoUsd: String(W), limitNanoUsd: String(limit) });
      expect(Number(refusal.errorInfo.remainingNanoUsd)).toBeLessThan(W);
    }
    const spent = accepted.length * A;
    expect(spent).toBeLessThanOrEqual(limit);
    expect(await ledgerCost(members.map((who) => who.principalId))).toEqual({ invocations: accepted.length, nano: spent });
    expect(await period({ team })).toEqual({ spent, reserved: 0, committed: spent });

    // With nothing in flight, any member's request is accepted exactly while limit − spent ≥ W.
    const left = limit - spent;
    const expectedMore = left >= W ? Math.floor((left - W) / A) + 1 : 0;
    let more = 0;
    let lastRefusal: Refusal | null = null;
    while (lastRefusal === null) {
      try {
        await invoke(members[more % members.length] ?? member(team));
        more += 1;
      } catch (error) {
        lastRefusal = error as Refusal;
      }
    }
    expect(more).toBe(expectedMore);
    const finalSpent = spent + more * A;
    expect(lastRefusal.errorInfo.remainingNanoUsd).toBe(String(limit - finalSpent));
    expect(await period({ team })).toEqual({ spent: finalSpent, reserved: 0, committed: finalSpent });
  });

  it('settles one call into both the principal\'s and the team\'s counters', async () => {
    const team = newTeam();
    const who = member(team);
    await setBudget({ principalId: who.principalId });
    await setBudget({ team }, { hard: false });
    const result = await invoke(who);
    expect(result.cost.nanoUsd).toBe(String(A));
    expect(await period({ principalId: who.principalId })).toEqual({ spent: A, reserved: 0, committed: A });
    expect(await period({ team })).toEqual({ spent: A, reserved: 0, committed: A });
  });

  it('fails with BudgetExceeded naming the principal\'s budget, and reserves nothing on the team\'s', async () => {
    const team = newTeam();
    const who = member(team);
    await setBudget({ principalId: who.principalId }, { limitNanoUsd: W + A - 1 });
    await setBudget({ team });
    await invoke(who);
    // The principal has W − 1 left; the team has plenty.
    await expect(invoke(who)).rejects.toMatchObject({
      errorType: 'BudgetExceeded',
      errorInfo: { budget: 'PRINCIPAL', principalId: who.principalId, team: null, remainingNanoUsd: String(W - 1) },
    });
    expect(await period({ team })).toEqual({ spent: A, reserved: 0, committed: A });
    expect(await period({ principalId: who.principalId })).toEqual({ spent: A, reserved: 0, committed: A });
  });

  it('fails with BudgetExceeded naming the team\'s budget, and reserves nothing on the principal\'s', async () => {
    const team = newTeam();
    const [first, second] = [member(team), member(team)];
    await setBudget({ principalId: second.principalId });
    await setBudget({ team }, { limitNanoUsd: W + A - 1 });
    await invoke(first);
    await expect(invoke(second)).rejects.toMatchObject({
      errorType: 'BudgetExceeded',
      errorInfo: { budget: 'TEAM', team, principalId: null, remainingNanoUsd: String(W - 1), limitNanoUsd: String(W + A - 1) },
    });
    expect(await period({ principalId: second.principalId })).toEqual({ spent: 0, reserved: 0, committed: 0 });
    expect(await period({ team })).toEqual({ spent: A, reserved: 0, committed: A });
  });

  it('releases both reservations when Bedrock refuses the call', async () => {
    const team = newTeam();
    const who = member(team);
    await setBudget({ principalId: who.principalId });
    await setBudget({ team });
    await expect(invoke(who, { ...BODY, messages: [] })).rejects.toMatchObject({ errorType: 'Bedrock:ValidationException' });
    expect(await period({ principalId: who.principalId })).toEqual({ spent: 0, reserved: 0, committed: 0 });
    expect(await period({ team })).toEqual({ spent: 0, reserved: 0, committed: 0 });
  });

  it("reclaims an orphaned reservation of the team's budget once it expired", async () => {
    const team = newTeam();
    const who = member(team);
    const budget = await setBudget({ team }, { limitNanoUsd: W });
    const key = budgetPeriodKey(budget, new Date().toISOString()) ?? '';
    await reserveBudget(deps.db, deps.budgetsTable, { budget, periodKey: key }, {
      invocationId: 'orphan',
      amountNanoUsd: BigInt(W),
      now: new Date(Date.now() - 400_000),
    });
    expect(await period({ team })).toEqual({ spent: 0, reserved: W, committed: W });
    const result = await invoke(who);
    expect(result.cost.nanoUsd).toBe(String(A));
    expect(await period({ team })).toEqual({ spent: A, reserved: 0, committed: A });
  });

  it('is not subject to another team\'s budget', async () => {
    const who = member(newTeam());
    await setBudget({ team: newTeam() }, { limitNanoUsd: 1 });
    await expect(invoke(who)).resolves.toMatchObject({ cost: { nanoUsd: String(A) } });
  });
});

describe('budget events of a team budget', () => {
  it('records the crossed threshold and the exhaustion on the team, and hands each to onBudgetEvent once', async () => {
    const team = newTeam();
    const who = member(team);
    // Soft, limit 1.5 A, thresholds 50 %: one call is 66.7 % (crosses 50), two are 133 % (exhausted).
    await setBudget({ team }, { hard: false, limitNanoUsd: (3 * A) / 2, alertThresholdsPercent: [50] });
    const published: BudgetEventRecord[] = [];
    const onBudgetEvent = async (event: BudgetEventRecord) => {
      published.push(event);
    };
    await invoke(who, BODY, { onBudgetEvent });
    await invoke(who, BODY, { onBudgetEvent });
    await invoke(who, BODY, { onBudgetEvent });
    expect(await events({ team })).toEqual([
      { eventKind: 'THRESHOLD_CROSSED', principalId: null, team, thresholdPercent: 50, spentNanoUsd: A },
      { eventKind: 'EXHAUSTED', principalId: null, team, thresholdPercent: 100, spentNanoUsd: 2 * A },
    ]);
    expect(published.map((event) => [event.kind, event.team, event.principalId, event.spentNanoUsd, event.limitNanoUsd])).toEqual([
      ['THRESHOLD_CROSSED', team, null, A, (3 * A) / 2],
      ['EXHAUSTED', team, null, 2 * A, (3 * A) / 2],
    ]);
  });

  it('records an EXHAUSTED event when a hard team budget refuses a request, once per period', async () => {
    const team = newTeam();
    const who = member(team);
    await setBudget({ team }, { limitNanoUsd: W - 1 });
    const published: BudgetEventRecord[] = [];
    const onBudgetEvent = async (event: BudgetEventRecord) => {
      published.push(event);
    };
    await expect(invoke(who, BODY, { onBudgetEvent })).rejects.toMatchObject({ errorType: 'BudgetExceeded' });
    await expect(invoke(who, BODY, { onBudgetEvent })).rejects.toMatchObject({ errorType: 'BudgetExceeded' });
    expect(await events({ team })).toEqual([{ eventKind: 'EXHAUSTED', principalId: null, team, thresholdPercent: 100, spentNanoUsd: 0 }]);
    expect(published.map((event) => event.kind)).toEqual(['EXHAUSTED']);
  });

  it('answers the paid call even when publishing fails, and passes the failure on as a warning', async () => {
    const team = newTeam();
    const who = member(team);
    await setBudget({ team }, { hard: false, limitNanoUsd: A, alertThresholdsPercent: [80] });
    const warnings: string[] = [];
    const result = await invoke(who, BODY, {
      onBudgetEvent: () => Promise.reject(new Error('endpoint unreachable')),
      onWarning: (message) => warnings.push(message),
    });
    expect(result.cost.nanoUsd).toBe(String(A));
    expect(warnings).toEqual(['budget event not published', 'budget event not published']);
    expect((await events({ team })).map((event) => event.eventKind)).toEqual(['THRESHOLD_CROSSED', 'EXHAUSTED']);
  });
});

describe('team budgets when the ledger write fails after Bedrock answered', () => {
  it("keeps both budgets' settlements with the invocation, and the replay settles both exactly once", async () => {
    const team = newTeam();
    const who = member(team);
    await setBudget({ principalId: who.principalId });
    await setBudget({ team });
    const result = await invoke(who, BODY, { db: clientWithBrokenLedgerWrites(deps.ledgerTable), fallback: fileFallback(fallbackDir) });
    expect(result.cost.nanoUsd).toBe(String(A));
    // Both reservations still hold the worst case until the replay.
    expect(await period({ principalId: who.principalId })).toEqual({ spent: 0, reserved: W, committed: W });
    expect(await period({ team })).toEqual({ spent: 0, reserved: W, committed: W });

    expect(await replayFallbackFile(deps.db, tables, fallbackDir)).toEqual({ recorded: 1, alreadyRecorded: 0, failed: 0 });
    expect(await ledgerCost([who.principalId])).toEqual({ invocations: 1, nano: A });
    expect(await period({ principalId: who.principalId })).toEqual({ spent: A, reserved: 0, committed: A });
    expect(await period({ team })).toEqual({ spent: A, reserved: 0, committed: A });
  });

  it("replays a record kept before team budgets, settling the principal's budget it names", async () => {
    const who = member(newTeam());
    const budget = await setBudget({ principalId: who.principalId });
    const key = budgetPeriodKey(budget, new Date().toISOString()) ?? '';
    await reserveBudget(deps.db, deps.budgetsTable, { budget, periodKey: key }, { invocationId: 'kept-before-teams', amountNanoUsd: BigInt(W), now: new Date() });
    const createdAt = new Date().toISOString();
    const record = {
      version: 1,
      entry: {
        invocationId: 'kept-before-teams',
        principalId: who.principalId,
        keyId: who.keyId,
        modelId: MODEL,
        pricedModelId: MODEL,
        region: 'us-east-1',
        inputTokens: 50,
        outputTokens: 50,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
        costNanoUsd: A,
        costExactNanoUsd: String(A),
        priced: true,
        rates: null,
        priceRegion: 'us-east-1',
        priceSource: 'bundled',
        usageSource: 'headers',
        bedrockRequestId: null,
        idempotencyKey: null,
        latencyMs: 1,
        createdAt,
      },
      result: { invocationId: 'kept-before-teams', body: '{}' },
      budget: { principalId: who.principalId, periodKey: key, limitNanoUsd: budget.limitNanoUsd, reservation: { invocationId: 'kept-before-teams', amountNanoUsd: String(W) } },
      failedAt: createdAt,
      failure: 'TransactionCanceledException',
    } as FallbackRecord;
    expect(await replayFallbackRecord(deps.db, tables, record)).toBe('recorded');
    expect(await period({ principalId: who.principalId })).toEqual({ spent: A, reserved: 0, committed: A });
  });
});
