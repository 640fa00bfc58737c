/**
 * Hard and soft budgets on the invoke-model path, against DynamoDB Local and the Bedrock emulator
 * through the real SDK.
 *
 * The arithmetic every test here uses, from the specification:
 * - Claude 3 Haiku in bedrock-prices.json: 0.00025 USD / 1k input tokens = 250 nano-USD per token,
 *   0.00125 USD / 1k output tokens = 1,250 nano-USD per token, no cache rates (they fall back to input).
 * - A hard budget reserves the worst case W = (body bytes) × 250 + max_tokens × 1,250 nano-USD.
 * - The emulator counts tokens as ceil(code points / 4) and answers "Emulated reply to: " + the first
 *   200 code points of the prompt, cut at max_tokens × 4 code points. With a 200-character prompt and
 *   max_tokens 50 the reply (219 code points) is cut to 200: 50 output tokens; the input is 50 tokens.
 *   So each call's actual cost is A = 50 × 250 + 50 × 1,250 = 75,000 nano-USD.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeModel, type InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import { reserveBudget } from '../../../functions/lib/budget.ts';
import { BUDGET_SK, budgetPeriodKey, type BudgetItem } from '../../../resolvers/lib/budget-keys.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { startInvokeTestbed, type InvokeTestbed } from '../../helpers/invoke-testbed.ts';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const UNPRICED_MODEL = 'anthropic.claude-future-model-v1:0';
const PROMPT = 'x'.repeat(200);
const MAX_TOKENS = 50;
const BODY = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: MAX_TOKENS,
  messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }],
};
const BODY_TEXT = JSON.stringify(BODY);
const INPUT_NANO_PER_TOKEN = 250;
const OUTPUT_NANO_PER_TOKEN = 1250;
/** Worst case reserved per request. */
const W = Buffer.byteLength(BODY_TEXT) * INPUT_NANO_PER_TOKEN + MAX_TOKENS * OUTPUT_NANO_PER_TOKEN;
/** Actual cost per request. */
const A = 50 * INPUT_NANO_PER_TOKEN + 50 * OUTPUT_NANO_PER_TOKEN;

let bed: InvokeTestbed;
let deps: InvokeDependencies;

beforeAll(async () => {
  bed = await startInvokeTestbed({ emulator: { models: [MODEL, UNPRICED_MODEL] }, budgets: true, maxAttempts: 1 });
  deps = bed.deps;
});

afterAll(async () => {
  await bed.close();
});

const newCaller = (): Caller => bed.newCaller('budget');

async function setBudget(principalId: string, overrides: Partial<BudgetItem> = {}): Promise<BudgetItem> {
  const item: BudgetItem = {
    principalId,
    limitNanoUsd: 10 * W,
    period: 'MONTHLY',
    periodStart: null,
    periodEnd: null,
    hard: true,
    alertThresholdsPercent: [80],
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
  await deps.db.send(new PutCommand({ TableName: bed.tables.budgets, Item: { pk: `PRINCIPAL#${principalId}`, sk: BUDGET_SK, kind: 'BUDGET', listSk: principalId, ...item } }));
  return item;
}

async function period(budget: BudgetItem) {
  const key = budgetPeriodKey(budget, new Date().toISOString());
  const out = await deps.db.send(
    new GetCommand({ TableName: bed.tables.budgets, Key: { pk: `PRINCIPAL#${budget.principalId}`, sk: `BUDGET#PERIOD#${key}` }, ConsistentRead: true }),
  );
  return { spent: Number(out.Item?.spentNanoUsd ?? 0), reserved: Number(out.Item?.reservedNanoUsd ?? 0), committed: Number(out.Item?.committedNanoUsd ?? 0) };
}

async function ledgerCost(principalId: string): Promise<{ invocations: number; nano: number }> {
  const out = await deps.db.send(
    new QueryCommand({
      TableName: deps.ledgerTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `PRINCIPAL#${principalId}`, ':prefix': 'INVOCATION#' },
      ConsistentRead: true,
    }),
  );
  const items = out.Items ?? [];
  return { invocations: items.length, nano: items.reduce((sum, item) => sum + Number(item.costNanoUsd), 0) };
}

const invoke = (who: Caller, body: unknown = BODY, modelId = MODEL) => invokeModel(deps, who, { modelId, body: JSON.stringify(body) });

interface Refusal {
  errorType: string;
  errorInfo: { remainingNanoUsd: string; requiredNanoUsd: string; limitNanoUsd: string; reason: string };
}

describe('invokeModel under a hard budget', () => {
  it('charges each call the actual cost A and reserves the worst case W stated above', async () => {
    const who = newCaller();
    const budget = await setBudget(who.principalId);
    const result = await invoke(who);
    expect(result.usage).toMatchObject({ inputTokens: 50, outputTokens: 50 });
    expect(result.cost.nanoUsd).toBe(String(A));
    expect(await period(budget)).toEqual({ spent: A, reserved: 0, committed: A });
  });

  it('never lets concurrent requests overspend, and refuses only requests whose worst case did not fit', async () => {
    const who = newCaller();
    // Room for 5 worst cases and a half: floor(L / W) = 5. 16 calls at A each would cost 16 × 75,000 =
    // 1,200,000 > L, so some must be refused.
    const limit = 5 * W + Math.floor(W / 2);
    const budget = await setBudget(who.principalId, { limitNanoUsd: limit });
    const outcomes = await Promise.allSettled(Array.from({ length: 16 }, () => invoke(who)));
    const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Refusal] : []));

    expect(accepted.length + refusals.length).toBe(16);
    expect(refusals.length).toBeGreaterThan(0);
    // While fewer than 5 were accepted, at most 4 × W was committed, so the next one fitted.
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    for (const refusal of refusals) {
      expect(refusal.errorType).toBe('BudgetExceeded');
      expect(refusal.errorInfo.requiredNanoUsd).toBe(String(W));
      expect(refusal.errorInfo.limitNanoUsd).toBe(String(limit));
      // Refused only because what was left (limit − spent − reserved) was less than its worst case.
      expect(Number(refusal.errorInfo.remainingNanoUsd)).toBeLessThan(W);
    }
    const spent = accepted.length * A;
    expect(spent).toBeLessThanOrEqual(limit);
    expect(await ledgerCost(who.principalId)).toEqual({ invocations: accepted.length, nano: spent });
    expect(await period(budget)).toEqual({ spent, reserved: 0, committed: spent });

    // With nothing in flight, a request is accepted exactly while limit − spent ≥ W; each adds A.
    const left = limit - spent;
    const expectedMore = left >= W ? Math.floor((left - W) / A) + 1 : 0;
    let more = 0;
    let lastRefusal: Refusal | null = null;
    while (lastRefusal === null) {
      try {
        await invoke(who);
        more += 1;
      } catch (error) {
        lastRefusal = error as Refusal;
      }
    }
    expect(more).toBe(expectedMore);
    const finalSpent = spent + more * A;
    expect(lastRefusal.errorInfo.remainingNanoUsd).toBe(String(limit - finalSpent));
    expect(limit - finalSpent).toBeLessThan(W);
    expect(await period(budget)).toEqual({ spent: finalSpent, reserved: 0, committed: finalSpent });
  });

  it('fails with BudgetExceeded when the worst case is larger than the whole limit, and calls nothing', async () => {
    const who = newCaller();
    const budget = await setBudget(who.principalId, { limitNanoUsd: W - 1 });
    await expect(invoke(who)).rejects.toMatchObject({
      errorType: 'BudgetExceeded',
      errorInfo: { remainingNanoUsd: String(W - 1), requiredNanoUsd: String(W), remainingUsd: `0.000${String(W - 1).padStart(6, '0')}` },
    });
    expect(await ledgerCost(who.principalId)).toEqual({ invocations: 0, nano: 0 });
    expect(await period(budget)).toEqual({ spent: 0, reserved: 0, committed: 0 });
  });

  it('releases the reservation when Bedrock refuses the call', async () => {
    const who = newCaller();
    const budget = await setBudget(who.principalId);
    // An empty messages list: Bedrock answers ValidationException.
    await expect(invoke(who, { ...BODY, messages: [] })).rejects.toMatchObject({ errorType: 'Bedrock:ValidationException' });
    expect(await period(budget)).toEqual({ spent: 0, reserved: 0, committed: 0 });
  });

  it('reclaims an orphaned reservation once it expired, so it blocks nothing for ever', async () => {
    const who = newCaller();
    const budget = await setBudget(who.principalId, { limitNanoUsd: W });
    const key = budgetPeriodKey(budget, new Date().toISOString()) ?? '';
    // An invocation that died 400 s ago (reservations hold 360 s) left its whole-budget hold behind.
    await reserveBudget(deps.db, bed.tables.budgets, { budget, periodKey: key }, {
      invocationId: 'orphan',
      amountNanoUsd: BigInt(W),
      now: new Date(Date.now() - 400_000),
    });
    expect(await period(budget)).toEqual({ spent: 0, reserved: W, committed: W });
    const result = await invoke(who);
    expect(result.cost.nanoUsd).toBe(String(A));
    expect(await period(budget)).toEqual({ spent: A, reserved: 0, committed: A });
  });

  it('keeps a reservation that has not expired: the budget stays held', async () => {
    const who = newCaller();
    const budget = await setBudget(who.principalId, { limitNanoUsd: W });
    const key = budgetPeriodKey(budget, new Date().toISOString()) ?? '';
    await reserveBudget(deps.db, bed.tables.budgets, { budget, periodKey: key }, { invocationId: 'inflight', amountNanoUsd: 1n, now: new Date() });
    await expect(invoke(who)).rejects.toMatchObject({ errorType: 'BudgetExceeded', errorInfo: { remainingNanoUsd: String(W - 1) } });
  });

  it('fails with BudgetExceeded for a model without a price, since its cost cannot be bounded', async () => {
    const who = newCaller();
    await setBudget(who.principalId);
    await expect(invoke(who, BODY, UNPRICED_MODEL)).rejects.toMatchObject({ errorType: 'BudgetExceeded', errorInfo: { reason: 'UNPRICED_MODEL' } });
    expect(await ledgerCost(who.principalId)).toEqual({ invocations: 0, nano: 0 });
  });

  it('fails with ValidationError for a request that sets no output limit', async () => {
    const who = newCaller();
    await setBudget(who.principalId);
    const { max_tokens: _omitted, ...unbounded } = BODY;
    await expect(invoke(who, unbounded)).rejects.toMatchObject({ errorType: 'ValidationError' });
  });

  it('does not limit requests outside a CUSTOM period', async () => {
    const who = newCaller();
    await setBudget(who.principalId, { period: 'CUSTOM', periodStart: '2001-01-01', periodEnd: '2001-01-31', limitNanoUsd: 1 });
    const result = await invoke(who);
    expect(result.cost.nanoUsd).toBe(String(A));
  });
});

describe('invokeModel under a soft budget', () => {
  it('refuses nothing and records each crossed threshold, and the limit reached, once per period', async () => {
    const who = newCaller();
    // Limit 1.5 A: one call is 66.7 % (crosses 50), two are 133 % (cross 100).
    const budget = await setBudget(who.principalId, { hard: false, limitNanoUsd: (3 * A) / 2, alertThresholdsPercent: [50, 100] });
    await invoke(who);
    await invoke(who);
    await invoke(who);
    expect(await period(budget)).toEqual({ spent: 3 * A, reserved: 0, committed: 3 * A });
    const events = await deps.db.send(
      new QueryCommand({
        TableName: bed.tables.budgets,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `PRINCIPAL#${who.principalId}`, ':prefix': 'EVENT#' },
        ConsistentRead: true,
      }),
    );
    const items = (events.Items ?? []).map((item) => ({ eventKind: item.eventKind, thresholdPercent: item.thresholdPercent, spentNanoUsd: item.spentNanoUsd }));
    // Spend reaching 100 % of the limit is also the budget exhausted (EXHAUSTED sorts after the thresholds).
    expect(items).toEqual([
      { eventKind: 'THRESHOLD_CROSSED', thresholdPercent: 50, spentNanoUsd: A },
      { eventKind: 'THRESHOLD_CROSSED', thresholdPercent: 100, spentNanoUsd: 2 * A },
      { eventKind: 'EXHAUSTED', thresholdPercent: 100, spentNanoUsd: 2 * A },
    ]);
  });
});
