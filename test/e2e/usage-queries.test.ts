/**
 * Monthly usage and top spenders, from the monthly aggregates. Each seed request costs 11,000 nano-USD
 * (Claude 3 Haiku, 4 input × 250 + 8 output × 1,250 in the emulator).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_API_KEY, INVOKE_MODEL, SEED_REQUEST, startTestStack, type TestStack } from '../helpers/local-stack.ts';

const TOP = `query T($month: String!, $limit: Int) { topSpenders(month: $month, limit: $limit) { principalId month invocations costNanoUsd costUsd } }`;
const MONTHLY = `query M($from: String!, $to: String!, $principalId: ID) { monthlyUsage(fromMonth: $from, toMonth: $to, principalId: $principalId) { principalId month totals { invocations costNanoUsd costUsd } } }`;

let stack: TestStack;
let admin: ReturnType<TestStack['as']>;
const spenders: { principalId: string; call: ReturnType<TestStack['as']> }[] = [];
const month = new Date().toISOString().slice(0, 7);

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
  for (const [index, calls] of [1, 3, 2].entries()) {
    const created = (await admin(CREATE_API_KEY, { input: { username: `Spender ${index}` } })).body.data?.createApiKey as { key: string; principalId: string };
    const call = stack.as(created.key);
    spenders.push({ principalId: created.principalId, call });
    for (let i = 0; i < calls; i += 1) await call(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
  }
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('Query.topSpenders', () => {
  it('lists the month\'s principals by cost, highest first', async () => {
    const reply = await admin(TOP, { month, limit: 2 });
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data?.topSpenders).toEqual([
      { principalId: spenders[1]?.principalId, month, invocations: 3, costNanoUsd: '33000', costUsd: '0.000033000' },
      { principalId: spenders[2]?.principalId, month, invocations: 2, costNanoUsd: '22000', costUsd: '0.000022000' },
    ]);
  });

  it('fails with Unauthorized for a USER key and ValidationError for a malformed month', async () => {
    expect((await spenders[0]?.call(TOP, { month }))?.body.errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await admin(TOP, { month: '26-11' })).body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

describe('Query.monthlyUsage', () => {
  it('returns the caller\'s months from the monthly aggregates', async () => {
    const lastYear = `${Number(month.slice(0, 4)) - 1}-01`;
    const reply = await spenders[1]?.call(MONTHLY, { from: lastYear, to: month });
    expect(reply?.body.errors).toBeUndefined();
    expect(reply?.body.data?.monthlyUsage).toEqual([
      { principalId: spenders[1]?.principalId, month, totals: { invocations: 3, costNanoUsd: '33000', costUsd: '0.000033000' } },
    ]);
  });

  it('fails with ValidationError for a backwards or too long range, and Unauthorized for another principal', async () => {
    expect((await admin(MONTHLY, { from: '2026-11', to: '2026-10' })).body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await admin(MONTHLY, { from: '2020-01', to: '2026-11' })).body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await spenders[0]?.call(MONTHLY, { from: month, to: month, principalId: spenders[1]?.principalId }))?.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
