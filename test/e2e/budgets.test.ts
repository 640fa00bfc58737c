/**
 * Budgets over GraphQL on the running local API: the admin mutations, the queries, and the
 * BudgetExceeded refusal with the remaining amount in errorInfo.
 *
 * Arithmetic (bedrock-prices.json, Claude 3 Haiku: 250 nano-USD per input token, 1,250 per output
 * token; the emulator counts ceil(code points / 4) tokens): the seed request's prompt "Good morning!"
 * is 13 code points = 4 input tokens; the reply "Emulated reply to: Good morning!" is 32 = 8 output
 * tokens; so a call costs A = 4 × 250 + 8 × 1,250 = 11,000 nano-USD. A hard budget reserves
 * W = (body bytes) × 250 + max_tokens (2,048) × 1,250.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_MODEL, SEED_REQUEST, startTestStack, type GraphqlReply, type TestStack } from '../helpers/local-stack.ts';

const A = 4 * 250 + 8 * 1250;
const W = Buffer.byteLength(JSON.stringify(SEED_REQUEST.body)) * 250 + SEED_REQUEST.body.max_tokens * 1250;

const BUDGET_FIELDS = `principalId limitUsd limitNanoUsd period periodStart periodEnd hard alertThresholdsPercent updatedAt
  current { periodKey spentUsd spentNanoUsd reservedUsd reservedNanoUsd remainingUsd remainingNanoUsd }`;
const SET_BUDGET = `mutation Set($input: SetBudgetInput!) { setBudget(input: $input) { ${BUDGET_FIELDS} } }`;
const DELETE_BUDGET = `mutation Delete($principalId: ID!) { deleteBudget(principalId: $principalId) { principalId limitUsd } }`;
const BUDGET = `query Budget($principalId: ID) { budget(principalId: $principalId) { ${BUDGET_FIELDS} } }`;
const BUDGETS = `query Budgets($limit: Int, $nextToken: String) { budgets(limit: $limit, nextToken: $nextToken) { items { principalId limitNanoUsd hard current { periodKey } } nextToken } }`;
const BUDGET_EVENTS = `query Events($principalId: ID) { budgetEvents(principalId: $principalId) { items { kind principalId team periodKey thresholdPercent spentUsd spentNanoUsd limitUsd limitNanoUsd createdAt } nextToken } }`;

type Caller = ReturnType<TestStack['as']>;
let stack: TestStack;
let admin: Caller;

const nanoToUsd = (nano: number): string => {
  const digits = String(nano).padStart(10, '0');
  return `${digits.slice(0, -9)}.${digits.slice(-9)}`;
};
const month = (): string => `M${new Date().toISOString().slice(0, 7)}`;

const newUser = (username: string) => stack.newKey({ username });

const invoke = (call: Caller) => call(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });

type ErrorWithInfo = NonNullable<GraphqlReply['body']['errors']>[number] & { errorInfo?: Record<string, string> | null };
const firstError = (reply: GraphqlReply): ErrorWithInfo | undefined => reply.body.errors?.[0];

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('Mutation.setBudget', () => {
  it('sets a monthly hard budget with the defaults and shows it with the month\'s spend', async () => {
    const { call, principalId } = await newUser('Budget Owner');
    const set = await admin(SET_BUDGET, { input: { principalId, limitUsd: '12.5' } });
    expect(set.body.errors).toBeUndefined();
    expect(set.body.data?.setBudget).toMatchObject({
      principalId,
      limitUsd: '12.500000000',
      limitNanoUsd: '12500000000',
      period: 'MONTHLY',
      periodStart: null,
      hard: true,
      alertThresholdsPercent: [80],
      current: null,
    });
    expect((await invoke(call)).body.errors).toBeUndefined();
    const read = await call(BUDGET, {});
    expect(read.body.data?.budget).toMatchObject({
      principalId,
      current: {
        periodKey: month(),
        spentNanoUsd: String(A),
        spentUsd: nanoToUsd(A),
        reservedNanoUsd: '0',
        remainingNanoUsd: String(12_500_000_000 - A),
        remainingUsd: nanoToUsd(12_500_000_000 - A),
      },
    });
  });

  it.each([
    [{ limitUsd: 'ten' }, 'limitUsd'],
    [{ limitUsd: '0' }, 'more than 0'],
    [{ limitUsd: '1e3' }, 'limitUsd'],
    [{ limitUsd: '0.0000000001' }, 'limitUsd'],
    [{ limitUsd: '9000000.000000001' }, 'at most 9000000'],
    [{ limitUsd: '1', period: 'CUSTOM' }, 'periodStart and periodEnd'],
    [{ limitUsd: '1', period: 'CUSTOM', periodStart: '2026-12-31', periodEnd: '2026-12-01' }, 'before periodStart'],
    [{ limitUsd: '1', periodStart: '2026-12-01' }, 'CUSTOM budgets only'],
    [{ limitUsd: '1', alertThresholdsPercent: [0] }, 'alertThresholdsPercent'],
    [{ limitUsd: '1', alertThresholdsPercent: [50, 50] }, 'alertThresholdsPercent'],
  ])('fails with ValidationError for %j and saves nothing', async (input, message) => {
    const { call, principalId } = await newUser('Bad Budget');
    const reply = await admin(SET_BUDGET, { input: { principalId, ...input } });
    expect(firstError(reply)?.errorType).toBe('ValidationError');
    expect(firstError(reply)?.message).toContain(message);
    expect((await call(BUDGET, {})).body.data?.budget).toBeNull();
  });

  it('fails with Unauthorized for a USER key', async () => {
    const { call, principalId } = await newUser('Self Budgeter');
    const reply = await call(SET_BUDGET, { input: { principalId, limitUsd: '1000' } });
    expect(firstError(reply)?.errorType).toBe('Unauthorized');
    expect((await call(BUDGET, {})).body.data?.budget).toBeNull();
  });
});

describe('Mutation.invokeModel under a hard budget', () => {
  it('fails with BudgetExceeded and the remaining amount once the worst case no longer fits', async () => {
    const { call, principalId } = await newUser('Tight Budget');
    // Room for one worst case plus 10,000 nano-USD: after one call (A = 11,000) only W − 1,000 is left.
    const limit = W + 10_000;
    expect((await admin(SET_BUDGET, { input: { principalId, limitUsd: nanoToUsd(limit) } })).body.errors).toBeUndefined();
    expect((await invoke(call)).body.errors).toBeUndefined();
    const refused = await invoke(call);
    expect(refused.body.data?.invokeModel ?? null).toBeNull();
    expect(firstError(refused)).toMatchObject({
      errorType: 'BudgetExceeded',
      errorInfo: {
        reason: 'INSUFFICIENT_BUDGET',
        remainingNanoUsd: String(limit - A),
        remainingUsd: nanoToUsd(limit - A),
        requiredNanoUsd: String(W),
        limitNanoUsd: String(limit),
      },
    });
    const read = await admin(BUDGET, { principalId });
    expect(read.body.data?.budget).toMatchObject({ current: { spentNanoUsd: String(A), reservedNanoUsd: '0', remainingNanoUsd: String(limit - A) } });
  });
});

describe('Mutation.setBudget over spend already recorded', () => {
  it("counts the period's earlier spend, so a budget set mid-month refuses what no longer fits", async () => {
    const { call, principalId } = await newUser('Late Budget');
    // Two calls before any budget exists: 2A is already spent this month.
    for (const _ of [1, 2]) expect((await invoke(call)).body.errors).toBeUndefined();
    // Room for one worst case on top of the two calls, minus 1 nano-USD: the next call must be refused.
    const limit = 2 * A + W - 1;
    expect((await admin(SET_BUDGET, { input: { principalId, limitUsd: nanoToUsd(limit) } })).body.errors).toBeUndefined();
    const read = await admin(BUDGET, { principalId });
    expect(read.body.data?.budget).toMatchObject({ current: { periodKey: month(), spentNanoUsd: String(2 * A), remainingNanoUsd: String(W - 1) } });
    expect(firstError(await invoke(call))).toMatchObject({ errorType: 'BudgetExceeded', errorInfo: { remainingNanoUsd: String(W - 1) } });
  });
});

describe('Query.budgetEvents', () => {
  it('lists each crossed threshold of a soft budget once, and the budget exhausted, newest first', async () => {
    const { call, principalId } = await newUser('Soft Budget');
    // 10,000 nano-USD: one call (11,000) crosses 80 % and 100 %; nothing is refused.
    await admin(SET_BUDGET, { input: { principalId, limitUsd: '0.00001', hard: false, alertThresholdsPercent: [80, 100] } });
    expect((await invoke(call)).body.errors).toBeUndefined();
    expect((await invoke(call)).body.errors).toBeUndefined();
    const events = await call(BUDGET_EVENTS, {});
    expect(events.body.errors).toBeUndefined();
    const items = (events.body.data?.budgetEvents as { items: Record<string, unknown>[] }).items;
    // Spend reaching 100 % also exhausts the budget; its event sorts after the thresholds of the period.
    const kinds = [['EXHAUSTED', 100], ['THRESHOLD_CROSSED', 100], ['THRESHOLD_CROSSED', 80]] as const;
    expect(items.map(({ createdAt: _createdAt, ...rest }) => rest)).toEqual(kinds.map(([kind, thresholdPercent]) => ({
      kind,
      principalId,
      team: null,
      periodKey: month(),
      thresholdPercent,
      spentNanoUsd: String(A),
      spentUsd: nanoToUsd(A),
      limitNanoUsd: '10000',
      limitUsd: '0.000010000',
    })));
  });

  it('fails with Unauthorized when a USER asks for another principal', async () => {
    const { call } = await newUser('Nosy');
    const other = await newUser('Other');
    expect(firstError(await call(BUDGET_EVENTS, { principalId: other.principalId }))?.errorType).toBe('Unauthorized');
    expect(firstError(await call(BUDGET, { principalId: other.principalId }))?.errorType).toBe('Unauthorized');
  });
});

describe('Query.budgets', () => {
  it('lists every budget for an ADMIN and fails with Unauthorized for a USER', async () => {
    const one = await newUser('Listed One');
    const two = await newUser('Listed Two');
    await admin(SET_BUDGET, { input: { principalId: one.principalId, limitUsd: '1' } });
    await admin(SET_BUDGET, { input: { principalId: two.principalId, limitUsd: '2', hard: false } });
    const reply = await admin(BUDGETS, { limit: 100 });
    const items = (reply.body.data?.budgets as { items: { principalId: string; limitNanoUsd: string; hard: boolean }[] }).items;
    expect(items).toEqual(expect.arrayContaining([
      { principalId: one.principalId, limitNanoUsd: '1000000000', hard: true, current: null },
      { principalId: two.principalId, limitNanoUsd: '2000000000', hard: false, current: null },
    ]));
    expect(firstError(await one.call(BUDGETS, {}))?.errorType).toBe('Unauthorized');
  });
});

describe('Mutation.deleteBudget', () => {
  it('removes the budget so requests are no longer limited, and fails with NotFound the second time', async () => {
    const { call, principalId } = await newUser('Unlimited');
    await admin(SET_BUDGET, { input: { principalId, limitUsd: '0.000000001' } });
    expect(firstError(await invoke(call))?.errorType).toBe('BudgetExceeded');
    const deleted = await admin(DELETE_BUDGET, { principalId });
    expect(deleted.body.data?.deleteBudget).toEqual({ principalId, limitUsd: '0.000000001' });
    expect((await invoke(call)).body.errors).toBeUndefined();
    expect(firstError(await admin(DELETE_BUDGET, { principalId }))?.errorType).toBe('NotFound');
  });
});
