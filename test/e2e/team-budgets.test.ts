/**
 * Team budgets over GraphQL on the running local API: set, read and delete a team's budget, who may
 * read it, and a team budget refusing a member's request.
 *
 * Arithmetic (bedrock-prices.json, Claude 3 Haiku: 250 nano-USD per input token, 1,250 per output token;
 * the emulator counts ceil(code points / 4) tokens): the seed request's prompt "Good morning!" is 13 code
 * points = 4 input tokens, the reply "Emulated reply to: Good morning!" 32 = 8 output tokens, so a call
 * costs A = 4 × 250 + 8 × 1,250 = 11,000 nano-USD; a hard budget reserves W = (body bytes) × 250 +
 * max_tokens (2,048) × 1,250.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_MODEL, SEED_REQUEST, startTestStack, type GraphqlReply, type TestStack } from '../helpers/local-stack.ts';

const A = 4 * 250 + 8 * 1250;
const W = Buffer.byteLength(JSON.stringify(SEED_REQUEST.body)) * 250 + SEED_REQUEST.body.max_tokens * 1250;

const BUDGET_FIELDS = 'principalId team limitNanoUsd hard current { periodKey spentNanoUsd reservedNanoUsd remainingNanoUsd }';
const SET_BUDGET = `mutation Set($input: SetBudgetInput!) { setBudget(input: $input) { ${BUDGET_FIELDS} } }`;
const DELETE_BUDGET = `mutation Delete($principalId: ID, $team: ID) { deleteBudget(principalId: $principalId, team: $team) { principalId team limitNanoUsd } }`;
const BUDGET = `query Budget($principalId: ID, $team: ID) { budget(principalId: $principalId, team: $team) { ${BUDGET_FIELDS} } }`;
const BUDGET_EVENTS = `query Events($principalId: ID, $team: ID) { budgetEvents(principalId: $principalId, team: $team) { items { kind principalId team thresholdPercent spentNanoUsd } } }`;

type Call = ReturnType<TestStack['as']>;
let stack: TestStack;
let admin: Call;
let teams = 0;

const nanoToUsd = (nano: number): string => {
  const digits = String(nano).padStart(10, '0');
  return `${digits.slice(0, -9)}.${digits.slice(-9)}`;
};
const month = (): string => `M${new Date().toISOString().slice(0, 7)}`;
const newTeam = (): string => {
  teams += 1;
  return `e2e-team-${teams}`;
};

const newUser = (username: string, team?: string) => stack.newKey({ username, ...(team ? { team } : {}) });

const invoke = (call: Call) => call(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });

type ErrorWithInfo = NonNullable<GraphqlReply['body']['errors']>[number] & { errorInfo?: Record<string, unknown> | null };
const firstError = (reply: GraphqlReply): ErrorWithInfo | undefined => reply.body.errors?.[0];

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('Mutation.setBudget for a team', () => {
  it("counts the team's spend already recorded in the month, and shows it to a member of the team", async () => {
    const team = newTeam();
    const first = await newUser('Team Member One', team);
    const second = await newUser('Team Member Two', team);
    expect(firstError(await invoke(first.call))).toBeUndefined();
    expect(firstError(await invoke(second.call))).toBeUndefined();
    const set = await admin(SET_BUDGET, { input: { team, limitUsd: '5', hard: false } });
    expect(set.body.errors).toBeUndefined();
    expect(set.body.data?.setBudget).toEqual({ principalId: null, team, limitNanoUsd: '5000000000', hard: false, current: null });

    const listed = await admin('query { budgets(limit: 100) { items { principalId team limitNanoUsd } } }');
    expect((listed.body.data?.budgets as { items: unknown[] }).items).toContainEqual({ principalId: null, team, limitNanoUsd: '5000000000' });

    const read = await first.call(BUDGET, { team });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.budget).toEqual({
      principalId: null,
      team,
      limitNanoUsd: '5000000000',
      hard: false,
      current: { periodKey: month(), spentNanoUsd: String(2 * A), reservedNanoUsd: '0', remainingNanoUsd: String(5_000_000_000 - 2 * A) },
    });
  });

  it('fails with ValidationError given both principalId and team, or neither, and changes nothing', async () => {
    const team = newTeam();
    const both = await admin(SET_BUDGET, { input: { principalId: 'prn_someone', team, limitUsd: '1' } });
    expect(firstError(both)?.errorType).toBe('ValidationError');
    const neither = await admin(SET_BUDGET, { input: { limitUsd: '1' } });
    expect(firstError(neither)?.errorType).toBe('ValidationError');
    expect((await admin(BUDGET, { team })).body.data?.budget).toBeNull();
    expect(firstError(await admin(DELETE_BUDGET, {}))?.errorType).toBe('ValidationError');
  });
});

describe('Query.budget for a team', () => {
  it("fails with Unauthorized when a USER asks for another team's budget or for a team while having none", async () => {
    const team = newTeam();
    await admin(SET_BUDGET, { input: { team, limitUsd: '1' } });
    const outsider = await newUser('Other Team Member', newTeam());
    const loner = await newUser('No Team');
    expect(firstError(await outsider.call(BUDGET, { team }))?.errorType).toBe('Unauthorized');
    expect(firstError(await loner.call(BUDGET, { team }))?.errorType).toBe('Unauthorized');
    expect(firstError(await loner.call(BUDGET_EVENTS, { team }))?.errorType).toBe('Unauthorized');
  });
});

describe('Mutation.invokeModel under a hard team budget', () => {
  it("fails with BudgetExceeded naming the team's budget once its worst case no longer fits, for every member", async () => {
    const team = newTeam();
    const first = await newUser('Spender', team);
    const second = await newUser('Colleague', team);
    // After one call (A spent), limit − A = W − 1 is left, less than the worst case W.
    const limit = W + A - 1;
    await admin(SET_BUDGET, { input: { team, limitUsd: nanoToUsd(limit) } });
    expect(firstError(await invoke(first.call))).toBeUndefined();
    const refused = await invoke(second.call);
    expect(firstError(refused)).toMatchObject({
      errorType: 'BudgetExceeded',
      errorInfo: { budget: 'TEAM', team, principalId: null, remainingNanoUsd: String(W - 1), requiredNanoUsd: String(W), limitNanoUsd: String(limit) },
    });
    expect(refused.body.data?.invokeModel ?? null).toBeNull();
    const events = await second.call(BUDGET_EVENTS, { team });
    expect(events.body.data?.budgetEvents).toEqual({
      items: [{ kind: 'EXHAUSTED', principalId: null, team, thresholdPercent: 100, spentNanoUsd: String(A) }],
    });
  });
});

describe('Mutation.deleteBudget for a team', () => {
  it("removes the team's budget, and fails with NotFound the second time", async () => {
    const team = newTeam();
    await admin(SET_BUDGET, { input: { team, limitUsd: '2' } });
    const deleted = await admin(DELETE_BUDGET, { team });
    expect(deleted.body.data?.deleteBudget).toEqual({ principalId: null, team, limitNanoUsd: '2000000000' });
    expect(firstError(await admin(DELETE_BUDGET, { team }))?.errorType).toBe('NotFound');
  });
});
