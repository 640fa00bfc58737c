import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  InvocationsDocument,
  InvokeModelDocument,
  MeDocument,
  OnBudgetEventDocument,
  OnInvocationDocument,
  type OnInvocationSubscription,
  RevokeApiKeyDocument,
  ServiceInfoDocument,
  UsageSummaryDocument,
} from '../../client/__generated__/graphql.ts';
import { LedgerConnectionError, LedgerGraphqlError, createLedgerClient, type LedgerClient } from '../../client/ledger-client.ts';
import { SEED_REQUEST, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';

/** Claude 3 Haiku in bedrock-prices.json: 250 nano-USD per input token, 1,250 per output token. */
const HAIKU_NANO_PER_INPUT_TOKEN = 250n;
const HAIKU_NANO_PER_OUTPUT_TOKEN = 1250n;

let stack: TestStack;
let admin: LedgerClient;

async function newUser(username: string): Promise<{ client: LedgerClient; principalId: string; keyId: string }> {
  const { createApiKey } = await admin.mutate(CreateApiKeyDocument, { input: { username } });
  return { client: createLedgerClient({ url: stack.graphqlUrl, token: createApiKey.key }), principalId: createApiKey.principalId, keyId: createApiKey.keyId };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = createLedgerClient({ url: stack.graphqlUrl, token: stack.adminKey ?? '' });
});

afterAll(async () => {
  await stack?.close();
});

describe('createLedgerClient', () => {
  it('queries serviceInfo with the AppSync API key in x-api-key', async () => {
    const client = createLedgerClient({ url: stack.graphqlUrl, apiKey: stack.appSyncApiKey });
    const { serviceInfo } = await client.query(ServiceInfoDocument);
    expect(serviceInfo.name).toBe('bedrock-ledger');
  });

  it('queries me with a key in Authorization', async () => {
    const { me } = await admin.query(MeDocument);
    expect(me).toMatchObject({ username: 'admin', role: 'ADMIN' });
  });

  it('invokes a model and returns Bedrock body, usage and exact cost', async () => {
    const user = await newUser('client-invoker');
    const { invokeModel } = await user.client.mutate(InvokeModelDocument, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
    expect(invokeModel.principalId).toBe(user.principalId);
    expect(JSON.parse(invokeModel.body)).toMatchObject({ type: 'message', role: 'assistant' });
    expect(invokeModel.usage.inputTokens).toBeGreaterThan(0);
    const expected = BigInt(invokeModel.usage.inputTokens) * HAIKU_NANO_PER_INPUT_TOKEN + BigInt(invokeModel.usage.outputTokens) * HAIKU_NANO_PER_OUTPUT_TOKEN;
    expect(invokeModel.cost).toMatchObject({ nanoUsd: expected.toString(), priced: true });

    const { usageSummary } = await user.client.query(UsageSummaryDocument, { from: today(), to: today() });
    expect(usageSummary.totals).toMatchObject({ invocations: 1, costNanoUsd: expected.toString() });
    expect(usageSummary.byModel.map((row) => row.modelId)).toEqual([SEED_REQUEST.modelId]);

    const { invocations } = await user.client.query(InvocationsDocument, { limit: 10 });
    expect(invocations.items.map((item) => item.invocationId)).toEqual([invokeModel.invocationId]);
  });

  it('lists and revokes keys with the typed documents', async () => {
    const user = await newUser('client-revoker');
    const { apiKeys } = await admin.query(ApiKeysDocument, { principalId: user.principalId });
    expect(apiKeys.items).toEqual([expect.objectContaining({ keyId: user.keyId, status: 'ACTIVE', username: 'client-revoker' })]);
    const { revokeApiKey } = await admin.mutate(RevokeApiKeyDocument, { keyId: user.keyId });
    expect(revokeApiKey.status).toBe('REVOKED');
  });

  it('fails with errorType Unauthorized when a USER key calls an ADMIN mutation', async () => {
    const user = await newUser('client-not-admin');
    const error = await failure(user.client.mutate(CreateApiKeyDocument, { input: { username: 'nope' } }));
    expect(error).toBeInstanceOf(LedgerGraphqlError);
    expect((error as LedgerGraphqlError).errorType).toBe('Unauthorized');
  });

  it('fails with errorType ValidationError for an out-of-range limit', async () => {
    const error = await failure(admin.query(InvocationsDocument, { limit: 0 }));
    expect(error).toBeInstanceOf(LedgerGraphqlError);
    expect((error as LedgerGraphqlError).errorType).toBe('ValidationError');
  });

  it('fails with errorType UnauthorizedException and HTTP 401 for an unknown key', async () => {
    const stranger = createLedgerClient({ url: stack.graphqlUrl, token: 'bdl_not-a-key' });
    const error = await failure(stranger.query(MeDocument));
    expect(error).toBeInstanceOf(LedgerGraphqlError);
    expect(error).toMatchObject({ errorType: 'UnauthorizedException', status: 401 });
  });

  it('fails with a LedgerConnectionError when nothing listens at the URL', async () => {
    const nowhere = createLedgerClient({ url: 'http://127.0.0.1:1/graphql', token: 'bdl_x' });
    expect(await failure(nowhere.query(MeDocument))).toBeInstanceOf(LedgerConnectionError);
  });
});

describe('createLedgerClient subscribe', () => {
  it('delivers the caller\'s invocations over the real-time protocol as they are recorded', async () => {
    const user = await newUser('client-watcher');
    let deliver: (event: OnInvocationSubscription) => void = () => undefined;
    const delivered = new Promise<OnInvocationSubscription>((resolve) => {
      deliver = resolve;
    });
    const subscription = user.client.subscribe(OnInvocationDocument, {}, { next: (event) => deliver(event) });
    await subscription.started;
    const { invokeModel } = await user.client.mutate(InvokeModelDocument, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
    const { onInvocation } = await delivered;
    subscription.unsubscribe();
    expect(onInvocation).toEqual(invokeModel);
  });

  it('opens one real-time connection for subscriptions started at once, before any connection exists', async () => {
    const user = await newUser('client-two-subscriptions');
    const { WebSocket: NodeWebSocket } = await import('ws');
    let opened = 0;
    class CountingWebSocket extends NodeWebSocket {
      constructor(url: string, protocols: string[]) {
        super(url, protocols);
        opened += 1;
      }
    }
    const scope = globalThis as { WebSocket?: unknown };
    const previous = scope.WebSocket;
    // The client finds the global class asynchronously, which is when both subscriptions are made.
    scope.WebSocket = CountingWebSocket;
    try {
      const first = user.client.subscribe(OnInvocationDocument, {}, { next: () => undefined });
      const second = user.client.subscribe(OnBudgetEventDocument, {}, { next: () => undefined });
      await Promise.all([first.started, second.started]);
      expect(opened).toBe(1);
      first.unsubscribe();
      second.unsubscribe();
    } finally {
      scope.WebSocket = previous;
      user.client.close();
    }
  });

  it('fails the subscription with errorType UnauthorizedException for an unknown key', async () => {
    const stranger = createLedgerClient({ url: stack.graphqlUrl, token: 'bdl_not-a-key' });
    const errors: unknown[] = [];
    const subscription = stranger.subscribe(OnInvocationDocument, {}, { next: () => undefined, error: (error) => errors.push(error) });
    const error = await failure(subscription.started);
    expect(error).toBeInstanceOf(LedgerGraphqlError);
    expect((error as LedgerGraphqlError).errorType).toBe('UnauthorizedException');
    expect(errors).toEqual([error]);
  });
});
