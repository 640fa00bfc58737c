/**
 * Live budget events over the AppSync real-time protocol: the invoke-model function records each event
 * and publishes it through the IAM-only publishBudgetEvent mutation (SigV4-signed, verified by the local
 * runtime), and onBudgetEvent delivers it, filtered by the server from the subscriber's identity.
 *
 * Arithmetic (bedrock-prices.json, Claude 3 Haiku: 250 nano-USD per input token, 1,250 per output token;
 * the emulator counts ceil(code points / 4) tokens and cuts its reply "Emulated reply to: <prompt>" at
 * max_tokens × 4 code points): with the prompt "Good morning!" (13 code points = 4 input tokens) and
 * max_tokens 8, the reply is 32 code points = 8 output tokens, so a call costs
 * A = 4 × 250 + 8 × 1,250 = 11,000 nano-USD, and a hard budget reserves W = (body bytes) × 250 + 8 × 1,250.
 * Publishing happens before the Lambda answers, so once a call returned its events have been delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_MODEL, startTestStack, type TestStack } from '../helpers/local-stack.ts';
import { RawRealtimeClient, type RealtimeMessage } from '../helpers/realtime-client.ts';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const BODY = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 8,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Good morning!' }] }],
};
const A = 4 * 250 + 8 * 1250;
const W = Buffer.byteLength(JSON.stringify(BODY)) * 250 + 8 * 1250;

const ON_BUDGET_EVENT = /* GraphQL */ `
  subscription OnBudgetEvent($principalId: ID, $team: ID) {
    onBudgetEvent(principalId: $principalId, team: $team) { kind principalId team periodKey thresholdPercent spentNanoUsd limitNanoUsd }
  }
`;
const SET_BUDGET = /* GraphQL */ `mutation Set($input: SetBudgetInput!) { setBudget(input: $input) { limitNanoUsd } }`;
const PUBLISH = /* GraphQL */ `
  mutation Publish($input: BudgetEventInput!) { publishBudgetEvent(input: $input) { kind principalId } }
`;

interface Key {
  readonly key: string;
  readonly principalId: string;
}

let stack: TestStack;
let adminKey: string;
let teams = 0;
const open: RawRealtimeClient[] = [];

const month = (): string => `M${new Date().toISOString().slice(0, 7)}`;
const nanoToUsd = (nano: number): string => {
  const digits = String(nano).padStart(10, '0');
  return `${digits.slice(0, -9)}.${digits.slice(-9)}`;
};
const newTeam = (): string => {
  teams += 1;
  return `events-team-${teams}`;
};

const newUser = (username: string, team?: string): Promise<Key> => stack.newKey({ username, ...(team ? { team } : {}) });

async function setBudget(input: Record<string, unknown>): Promise<void> {
  const reply = await stack.as(adminKey)(SET_BUDGET, { input });
  expect(reply.body.errors).toBeUndefined();
}

/** One call; returns the errorType when it was refused. */
async function invoke(key: string): Promise<string | null> {
  const reply = await stack.as(key)(INVOKE_MODEL, { input: { modelId: MODEL, body: JSON.stringify(BODY) } });
  return reply.body.errors?.[0]?.errorType ?? null;
}

/** A subscription to onBudgetEvent, acknowledged (start_ack) before it returns. */
async function subscribe(key: string, variables: Record<string, unknown> = {}): Promise<RawRealtimeClient> {
  const client = await RawRealtimeClient.connect(stack.realtimeUrl, { Authorization: key });
  open.push(client);
  client.start('budget', ON_BUDGET_EVENT, variables, { Authorization: key });
  expect(await client.next()).toEqual({ type: 'start_ack', id: 'budget' });
  return client;
}

async function nextEvent(client: RawRealtimeClient): Promise<Record<string, unknown>> {
  const message: RealtimeMessage = await client.next();
  expect(message.type).toBe('data');
  return message.payload?.data?.onBudgetEvent as Record<string, unknown>;
}

beforeAll(async () => {
  stack = await startTestStack();
  adminKey = stack.adminKey ?? '';
}, 120_000);

afterAll(async () => {
  for (const client of open) await client.close().catch(() => undefined);
  await stack.close();
});

describe('Subscription.onBudgetEvent', () => {
  it("delivers to a USER only their own principal's events, even when subscribed with someone else's principalId", async () => {
    const alice = await newUser('Alice Events');
    const bob = await newUser('Bob Events');
    // Soft budgets of limit A with a 50 % threshold: one call crosses 50 % and reaches 100 % (exhausted).
    for (const who of [alice, bob]) await setBudget({ principalId: who.principalId, limitUsd: nanoToUsd(A), hard: false, alertThresholdsPercent: [50] });
    const client = await subscribe(alice.key, { principalId: bob.principalId });

    expect(await invoke(bob.key)).toBeNull();
    expect(await invoke(alice.key)).toBeNull();
    // Bob's events were published before his call returned; the first events Alice gets are her own.
    const common = { principalId: alice.principalId, team: null, periodKey: month(), spentNanoUsd: String(A), limitNanoUsd: String(A) };
    expect(await nextEvent(client)).toEqual({ kind: 'THRESHOLD_CROSSED', thresholdPercent: 50, ...common });
    expect(await nextEvent(client)).toEqual({ kind: 'EXHAUSTED', thresholdPercent: 100, ...common });
  });

  it('delivers the 80 % threshold and then the exhaustion of a small hard budget, live', async () => {
    const carol = await newUser('Carol Events');
    // Limit 5 W: calls are accepted while spend ≤ 4 W, so spend passes 80 % (4 W) before the first refusal.
    const limit = 5 * W;
    await setBudget({ principalId: carol.principalId, limitUsd: nanoToUsd(limit), alertThresholdsPercent: [80] });
    const client = await subscribe(carol.key);

    let accepted = 0;
    let refusal: string | null = null;
    while (refusal === null) {
      refusal = await invoke(carol.key);
      if (refusal === null) accepted += 1;
    }
    expect(refusal).toBe('BudgetExceeded');
    // Accepted while accepted × A ≤ limit − W; the threshold is recorded by the first call whose spend reaches 80 %.
    expect(accepted).toBe(Math.floor((limit - W) / A) + 1);
    const crossedAt = Math.ceil((4 * W) / A);
    const common = { principalId: carol.principalId, team: null, periodKey: month(), limitNanoUsd: String(limit) };
    expect(await nextEvent(client)).toEqual({ kind: 'THRESHOLD_CROSSED', thresholdPercent: 80, spentNanoUsd: String(crossedAt * A), ...common });
    expect(await nextEvent(client)).toEqual({ kind: 'EXHAUSTED', thresholdPercent: 100, spentNanoUsd: String(accepted * A), ...common });
  });

  it("delivers a team's events to an ADMIN filtered by that team and to the team's members, and no other team's", async () => {
    const [team, otherTeam] = [newTeam(), newTeam()];
    const dave = await newUser('Dave Events', team);
    const frank = await newUser('Frank Events', team);
    const erin = await newUser('Erin Events', otherTeam);
    for (const name of [team, otherTeam]) await setBudget({ team: name, limitUsd: nanoToUsd(A), hard: false, alertThresholdsPercent: [50] });
    const watcher = await subscribe(adminKey, { team });
    const member = await subscribe(frank.key);

    expect(await invoke(erin.key)).toBeNull();
    expect(await invoke(dave.key)).toBeNull();
    const common = { principalId: null, team, periodKey: month(), spentNanoUsd: String(A), limitNanoUsd: String(A) };
    for (const client of [watcher, member]) {
      expect(await nextEvent(client)).toEqual({ kind: 'THRESHOLD_CROSSED', thresholdPercent: 50, ...common });
      expect(await nextEvent(client)).toEqual({ kind: 'EXHAUSTED', thresholdPercent: 100, ...common });
    }
  });
});

describe('Mutation.publishBudgetEvent', () => {
  const input = {
    kind: 'EXHAUSTED',
    principalId: 'prn_forged',
    periodKey: 'M2026-01',
    thresholdPercent: 100,
    spentUsd: '1.000000000',
    spentNanoUsd: '1000000000',
    limitUsd: '1.000000000',
    limitNanoUsd: '1000000000',
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  it('fails with Unauthorized for a key issued by createApiKey, even an ADMIN one, and for the AppSync API key', async () => {
    const withAdminKey = await stack.as(adminKey)(PUBLISH, { input });
    expect(withAdminKey.body.errors?.[0]?.errorType).toBe('Unauthorized');
    expect(withAdminKey.body.data?.publishBudgetEvent ?? null).toBeNull();
    const withApiKey = await stack.graphql(PUBLISH, { input }, { 'x-api-key': stack.appSyncApiKey });
    expect(withApiKey.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
