/** The read-only FINANCE role: reads every principal's usage and budgets, changes nothing, invokes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_API_KEY, INVOKE_MODEL, SEED_REQUEST, USAGE_SUMMARY, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
let admin: ReturnType<TestStack['as']>;
let finance: ReturnType<TestStack['as']>;
let financeKeyId: string;
let user: { call: ReturnType<TestStack['as']>; principalId: string; keyId: string };

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
  const fin = (await admin(CREATE_API_KEY, { input: { username: 'Finance', role: 'FINANCE' } })).body.data?.createApiKey as { key: string; keyId: string };
  finance = stack.as(fin.key);
  financeKeyId = fin.keyId;
  const created = (await admin(CREATE_API_KEY, { input: { username: 'Spender' } })).body.data?.createApiKey as { key: string; principalId: string; keyId: string };
  user = { call: stack.as(created.key), principalId: created.principalId, keyId: created.keyId };
  await user.call(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('a FINANCE key', () => {
  it('reads another principal\'s usage and the list of budgets', async () => {
    const usage = await finance(USAGE_SUMMARY, { from: today(), to: today(), principalId: user.principalId });
    expect(usage.body.errors).toBeUndefined();
    expect(usage.body.data?.usageSummary).toMatchObject({ principalId: user.principalId, totals: { invocations: 1 } });
    const budgets = await finance('query { budgets { items { principalId } } }');
    expect(budgets.body.errors).toBeUndefined();
  });

  it('fails with Unauthorized for invokeModel, setBudget, setPrice, createApiKey, revokeApiKey and rotateApiKey', async () => {
    const attempts = [
      finance(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } }),
      finance('mutation { setBudget(input: { principalId: "p", limitUsd: "1" }) { limitUsd } }'),
      finance(`mutation { setPrice(input: { modelId: "x.y", region: "*", effectiveFrom: "${new Date(Date.now() + 60_000).toISOString()}", inputPer1k: "1", outputPer1k: "1", provider: "x", source: "x" }) { version } }`),
      finance(CREATE_API_KEY, { input: { username: 'Sneaky' } }),
      finance(`mutation { revokeApiKey(keyId: "${financeKeyId}") { status } }`),
      finance(`mutation { rotateApiKey(keyId: "${financeKeyId}") { previous { keyId } } }`),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.body.errors?.[0]?.errorType).toBe('Unauthorized');
    }
    const usage = await finance(USAGE_SUMMARY, { from: today(), to: today() });
    expect(usage.body.data?.usageSummary).toMatchObject({ totals: { invocations: 0 } });
  });
});
