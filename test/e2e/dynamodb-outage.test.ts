import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_MODEL, SEED_REQUEST, USAGE_SUMMARY, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';

// DynamoDB Local stopped and restarted mid-run, with the store persisted on disk.
let stack: TestStack;
let user: ReturnType<TestStack['as']>;

beforeAll(async () => {
  stack = await startTestStack({}, { persistent: true });
  user = (await stack.newKey({ username: 'Outage Test' })).call;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const invoke = () => user(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });

describe('a DynamoDB outage', () => {
  it('fails calls with a clear error while the store is down, and recovers by itself when it returns', async () => {
    expect((await invoke()).body.errors).toBeUndefined();
    await stack.dynamodbLocal.stop();
    // The key's authorization is cached; the call fails before Bedrock is paid (budgets and prices are read first).
    const during = await invoke();
    expect(during.body.errors?.[0]?.errorType).toBe('InternalFailure');
    expect(JSON.stringify(during.body)).not.toMatch(/ECONNREFUSED|at .+:\d+:\d+/);
    await stack.dynamodbLocal.restart();
    const after = await invoke();
    expect(after.body.errors).toBeUndefined();
    const usage = (await user(USAGE_SUMMARY, { from: today(), to: today() })).body.data?.usageSummary as { totals: { invocations: number } };
    expect(usage.totals.invocations).toBe(2);
  });
});
