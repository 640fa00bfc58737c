import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorFault } from '../../local/bedrock/config.ts';
import { INVOKE_MODEL, SEED_REQUEST, USAGE_SUMMARY, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';

/**
 * Bedrock failing in the ways reference/bedrock.md §5 lists. The JS SDK retries Throttling,
 * InternalServer and ServiceUnavailable up to 3 attempts in all, and ModelTimeout not at all.
 */
const pending: EmulatorFault[] = [];
let attempts = 0;
let stack: TestStack;
let user: ReturnType<TestStack['as']>;

beforeAll(async () => {
  stack = await startTestStack({
    bedrockEmulator: {
      faults: () => {
        attempts += 1;
        return pending.shift();
      },
    },
  });
  user = (await stack.newKey({ username: 'Fault Test' })).call;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function totals() {
  const reply = await user(USAGE_SUMMARY, { from: today(), to: today() });
  return (reply.body.data?.usageSummary as { totals: { invocations: number; costNanoUsd: string } }).totals;
}

const invoke = (idempotencyKey?: string) =>
  user(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body), idempotencyKey } });

describe('Bedrock faults', () => {
  it.each([
    ['throttle', 'Bedrock:ThrottlingException', 3],
    ['internal', 'Bedrock:InternalServerException', 3],
    ['unavailable', 'Bedrock:ServiceUnavailableException', 3],
    ['timeout', 'Bedrock:ModelTimeoutException', 1],
  ] as const)('fails with %s on every attempt as %s, after %i attempts, and costs nothing', async (fault, errorType, expectedAttempts) => {
    const before = await totals();
    pending.push(fault, fault, fault);
    attempts = 0;
    const reply = await invoke();
    pending.length = 0;
    expect(reply.body.errors?.[0]?.errorType).toBe(errorType);
    expect(attempts).toBe(expectedAttempts);
    expect(await totals()).toEqual(before);
  });

  it('fails with Bedrock:ConnectionFailure when every attempt loses its connection mid-answer, and records nothing', async () => {
    const before = await totals();
    pending.push('drop', 'drop', 'drop');
    attempts = 0;
    const reply = await invoke();
    pending.length = 0;
    // Whether the SDK retries depends on when the connection dies (reference §5 lists ECONNRESET as
    // retried before an answer; here the 200 headers have arrived). What matters: a clear errorType
    // and nothing recorded.
    expect(reply.body.errors?.[0]?.errorType).toBe('Bedrock:ConnectionFailure');
    expect(reply.body.errors?.[0]?.message).toMatch(/nothing was recorded/);
    expect(await totals()).toEqual(before);
  });

  it('records a paid call whose body arrived malformed, once, from the usage headers, and returns the body as text', async () => {
    const before = await totals();
    pending.push('malformed');
    const reply = await invoke();
    expect(reply.body.errors).toBeUndefined();
    const result = reply.body.data?.invokeModel as { body: string; usage: { inputTokens: number; outputTokens: number } };
    // Half of the Messages JSON: not parseable, so it travels as a JSON string of the raw text.
    const raw = JSON.parse(result.body) as unknown;
    expect(typeof raw).toBe('string');
    expect(raw).toMatch(/^\{/);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect((await totals()).invocations).toBe(before.invocations + 1);
  });

  it('records a call exactly once when a retried attempt succeeds', async () => {
    const before = await totals();
    pending.push('unavailable');
    attempts = 0;
    const reply = await invoke();
    expect(reply.body.errors).toBeUndefined();
    expect(attempts).toBe(2);
    const after = await totals();
    expect(after.invocations).toBe(before.invocations + 1);
    const cost = (reply.body.data?.invokeModel as { cost: { nanoUsd: string } }).cost.nanoUsd;
    expect(BigInt(after.costNanoUsd) - BigInt(before.costNanoUsd)).toBe(BigInt(cost));
  });

  it('lets a client retry with the same idempotency key after a failed call, counting the success once', async () => {
    const before = await totals();
    pending.push('throttle', 'throttle', 'throttle');
    const failed = await invoke('fault-retry-1');
    expect(failed.body.errors?.[0]?.errorType).toBe('Bedrock:ThrottlingException');
    const first = await invoke('fault-retry-1');
    const second = await invoke('fault-retry-1');
    expect(first.body.errors).toBeUndefined();
    expect(second.body.data).toEqual(first.body.data);
    expect((await totals()).invocations).toBe(before.invocations + 1);
  });

  it('recovers by itself once Bedrock answers again', async () => {
    pending.length = 0;
    const reply = await invoke();
    expect(reply.body.errors).toBeUndefined();
  });
});
