import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_OUTPUT, launchChromium, type TestBrowser } from '../helpers/browser.ts';
import { INVOKE_MODEL, SEED_REQUEST, startTestStack, type TestStack } from '../helpers/local-stack.ts';

/** Claude 3 Haiku in bedrock-prices.json: 250 nano-USD per input token, 1,250 per output token. */
const HAIKU_NANO_PER_INPUT_TOKEN = 250n;
const HAIKU_NANO_PER_OUTPUT_TOKEN = 1250n;

const SET_BUDGET = /* GraphQL */ `
  mutation Budget($input: SetBudgetInput!) { setBudget(input: $input) { principalId limitUsd } }
`;

interface Invoked {
  invocationId: string;
  usage: { inputTokens: number; outputTokens: number };
  cost: { nanoUsd: string };
}

let stack: TestStack;
let chromium: TestBrowser;
let page: Page;
let admin: ReturnType<TestStack['as']>;

const newUser = (username: string, team?: string) => stack.newKey({ username, ...(team ? { team } : {}) });

async function invoke(key: string, text: string): Promise<Invoked> {
  const body = { ...SEED_REQUEST.body, messages: [{ role: 'user', content: [{ type: 'text', text }] }] };
  const reply = await stack.as(key)(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(body) } });
  expect(reply.body.errors).toBeUndefined();
  return reply.body.data?.invokeModel as Invoked;
}

const expectedNano = (invoked: Invoked): bigint =>
  BigInt(invoked.usage.inputTokens) * HAIKU_NANO_PER_INPUT_TOKEN + BigInt(invoked.usage.outputTokens) * HAIKU_NANO_PER_OUTPUT_TOKEN;

beforeAll(async () => {
  stack = await startTestStack();
  admin = stack.as(stack.adminKey ?? '');
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
});

afterAll(async () => {
  await chromium?.close();
  await stack?.close();
});

describe('dashboard', () => {
  it('is served at /dashboard/ as static files', async () => {
    const response = await fetch(new URL('/dashboard', stack.graphqlUrl));
    expect(response.url).toMatch(/\/dashboard\/$/);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<script type="module" src="./dashboard.js"></script>');
  });

  it('charts the period\'s cost by day, model and principal, shows budget use, and updates live when a model is invoked', async () => {
    const alice = await newUser('alice', 'research');
    const bob = await newUser('bob', 'sales');
    const budget = await admin(SET_BUDGET, { input: { principalId: alice.principalId, limitUsd: '0.0001', hard: false } });
    expect(budget.body.errors).toBeUndefined();
    const teamBudget = await admin(SET_BUDGET, { input: { team: 'research', limitUsd: '0.001', hard: false } });
    expect(teamBudget.body.errors).toBeUndefined();
    const before = [await invoke(alice.key, 'Hello from Alice'), await invoke(alice.key, 'A second question from Alice'), await invoke(bob.key, 'Hi')];
    const aliceSpent = expectedNano(before[0] as Invoked) + expectedNano(before[1] as Invoked);

    await page.goto(new URL('/dashboard/', stack.graphqlUrl).toString());
    await page.fill('input[name="key"]', stack.adminKey ?? '');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#live-state.on');

    const costBefore = before.reduce((sum, invoked) => sum + expectedNano(invoked), 0n);
    expect(await page.getAttribute('#chart-cost-day', 'data-total-nano-usd')).toBe(costBefore.toString());
    expect(await page.locator('#total-invocations').textContent()).toBe('3');
    expect(await page.locator(`#chart-model rect[data-label="${SEED_REQUEST.modelId}"]`).count()).toBe(1);
    expect(await page.locator('#chart-principal rect').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-label')))).toEqual(['alice', 'bob']);
    expect(await page.locator('#chart-team rect').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-label')))).toEqual(['research', 'sales']);
    expect(await page.getAttribute('#budgets .budget[data-principal-id]', 'data-spent-nano-usd')).toBe(aliceSpent.toString());
    expect(await page.locator('#budgets .budget[data-principal-id]').textContent()).toMatch(/^alice · \$0\.0000\d+ of \$0\.0001 \(\d+\.\d%, soft, M\d{4}-\d{2}\)$/);
    // Alice is research's only member: the team budget has spent what she has.
    expect(await page.getAttribute('#budgets .budget[data-team="research"]', 'data-spent-nano-usd')).toBe(aliceSpent.toString());
    expect(await page.locator('#budgets .budget[data-team]').textContent()).toMatch(/^team research · \$0\.0000\d+ of \$0\.001 /);

    const live = await invoke(bob.key, 'Live from Bob, while the dashboard watches');
    await page.waitForSelector(`#feed li[data-invocation-id="${live.invocationId}"]`);
    const costAfter = costBefore + expectedNano(live);
    await page.waitForSelector(`#chart-cost-day[data-total-nano-usd="${costAfter}"]`);
    expect(await page.locator('#total-invocations').textContent()).toBe('4');
    expect(await page.locator('#chart-cost-day rect').count()).toBe(1);
    await page.screenshot({ path: join(TEST_OUTPUT, 'dashboard.png'), fullPage: true });
  });

  it('fails with the API\'s message when the key is refused', async () => {
    const other = await chromium.browser.newPage();
    await other.goto(new URL('/dashboard/', stack.graphqlUrl).toString());
    await other.fill('input[name="key"]', 'bdl_not-a-key');
    await other.click('button[type="submit"]');
    await other.waitForSelector('#status.error');
    expect(await other.locator('#status').textContent()).toMatch(/^UnauthorizedException: /);
    await other.close();
  });
});
