/**
 * Unmodified AppSync clients against the local runtime (reference §7.6): Amplify v6, which dials
 * wss:// on the same port, and aws-appsync-subscription-link, which dials ws://. Each: query,
 * mutation (invokeModel), subscribe, receive, unsubscribe, with a key from createApiKey (Lambda mode)
 * and with the AppSync API key.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { GraphQLSubscription } from 'aws-amplify/api';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureApi, type FixtureApi } from '../helpers/fixture-api.ts';
import { CREATE_API_KEY, SEED_REQUEST, startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
let fixture: FixtureApi;
let userKey = '';
let userPrincipal = '';
/** The local CAs the servers generated; the WebSocket below trusts them. */
const trusted: string[] = [];
/** Every URL a client dialed, to show which scheme each client used. */
const dialed: string[] = [];

/**
 * Node 20 has no global WebSocket; both clients need one. This one trusts the local CAs the servers
 * generated, as NODE_EXTRA_CA_CERTS would for a separate process (no verification is turned off).
 */
class TrustingWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { ca: trusted });
    dialed.push(String(url));
  }
}
Object.defineProperty(globalThis, 'WebSocket', { value: TrustingWebSocket, configurable: true, writable: true });

/**
 * aws-appsync-auth-link and aws-appsync-subscription-link are typed against Apollo's CommonJS build;
 * loading Apollo the same way keeps one set of classes and types.
 */
const require = createRequire(import.meta.url);
type Apollo = typeof import('@apollo/client', { with: { 'resolution-mode': 'require' } });
type AuthLinkModule = typeof import('aws-appsync-auth-link', { with: { 'resolution-mode': 'require' } });
type SubscriptionLinkModule = typeof import('aws-appsync-subscription-link', { with: { 'resolution-mode': 'require' } });

const SUBSCRIPTION = /* GraphQL */ `
  subscription OnInvocation {
    onInvocation { __typename invocationId principalId modelId cost { nanoUsd priced } }
  }
`;
const MUTATION = /* GraphQL */ `
  mutation Invoke($input: InvokeModelInput!) {
    invokeModel(input: $input) { invocationId principalId modelId cost { nanoUsd priced } }
  }
`;
const QUERY = /* GraphQL */ `query Me { me { principalId role } }`;
const FIXTURE_SUBSCRIPTION = /* GraphQL */ `subscription OnPost($room: ID) { onPost(room: $room) { __typename id room text } }`;
const FIXTURE_MUTATION = /* GraphQL */ `mutation Post($room: ID!, $text: String!) { post(room: $room, text: $text) { id room text } }`;
const INPUT = { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } };

interface Invocation {
  readonly __typename?: string;
  readonly invocationId: string;
  readonly principalId: string;
  readonly modelId: string;
  readonly cost: { readonly nanoUsd: string; readonly priced: boolean };
}

/** A promise settled by the first value (or error) of a subscription, with its unsubscribe. */
function firstEvent<T>(subscribe: (next: (value: T) => void, fail: (error: unknown) => void) => { unsubscribe(): void }) {
  let settle: { resolve: (value: T) => void; reject: (error: unknown) => void } = { resolve: () => undefined, reject: () => undefined };
  const received = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const subscription = subscribe((value) => settle.resolve(value), (error) => settle.reject(error));
  return { received, unsubscribe: () => subscription.unsubscribe() };
}

/** Waits until a server has registered `count` live subscriptions (start_ack sent), or dropped to it. */
async function liveSubscriptions(hub: { readonly size: number }, count: number): Promise<void> {
  while (hub.size !== count) await new Promise((wake) => setTimeout(wake, 20));
}

beforeAll(async () => {
  [stack, fixture] = await Promise.all([startTestStack(), startFixtureApi()]);
  trusted.push(readFileSync(stack.tlsCaPath, 'utf8'), readFileSync(fixture.caPath, 'utf8'));
  const created = await stack.as(stack.adminKey ?? '')(CREATE_API_KEY, { input: { username: 'dashboard', role: 'USER' } });
  expect(created.body.errors).toBeUndefined();
  const key = created.body.data?.createApiKey as { key: string; principalId: string };
  userKey = key.key;
  userPrincipal = key.principalId;
}, 120_000);

afterAll(async () => {
  await Promise.all([stack?.close(), fixture?.close()]);
});

describe('aws-amplify v6 (wss:// on the same port)', () => {
  async function amplifyClient(endpoint: string, apiKey: string, lambdaToken?: string) {
    const { Amplify } = await import('aws-amplify');
    const { generateClient } = await import('aws-amplify/api');
    Amplify.configure({ API: { GraphQL: { endpoint, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey } } });
    return lambdaToken === undefined ? generateClient() : generateClient({ authMode: 'lambda', authToken: lambdaToken });
  }

  it('queries, invokes a model and receives its own invocation live with a Lambda-authorizer key, then unsubscribes', async () => {
    const client = await amplifyClient(stack.graphqlUrl, stack.appSyncApiKey, userKey);
    const me = (await client.graphql({ query: QUERY })) as { data: { me: { principalId: string; role: string } } };
    expect(me.data.me).toEqual({ principalId: userPrincipal, role: 'USER' });

    const before = stack.api.subscriptions.size;
    const events = firstEvent<{ data: { onInvocation: Invocation } }>((next, fail) =>
      client.graphql<GraphQLSubscription<{ onInvocation: Invocation }>>({ query: SUBSCRIPTION }).subscribe({ next, error: fail }),
    );
    await liveSubscriptions(stack.api.subscriptions, before + 1);
    const invoked = (await client.graphql({ query: MUTATION, variables: INPUT })) as { data: { invokeModel: Invocation } };
    const event = await events.received;
    expect(event.data.onInvocation).toEqual({ __typename: 'InvokeModelResult', ...invoked.data.invokeModel });
    expect(event.data.onInvocation.principalId).toBe(userPrincipal);

    events.unsubscribe();
    await liveSubscriptions(stack.api.subscriptions, before);
    const port = new URL(stack.graphqlUrl).port;
    expect(dialed).toContain(`wss://127.0.0.1:${port}/graphql/realtime`);
  });

  it('queries, posts and receives the post live with the AppSync API key, then unsubscribes', async () => {
    const client = await amplifyClient(fixture.graphqlUrl, fixture.apiKey);
    const ping = (await client.graphql({ query: '{ ping }' })) as { data: { ping: string } };
    expect(ping.data.ping).toBe('pong');

    const events = firstEvent<{ data: { onPost: { id: string; room: string; text: string } } }>((next, fail) =>
      client
        .graphql<GraphQLSubscription<{ onPost: { id: string; room: string; text: string } }>>({ query: FIXTURE_SUBSCRIPTION, variables: { room: 'amplify' } })
        .subscribe({ next, error: fail }),
    );
    await liveSubscriptions(fixture.subscriptions, 1);
    await client.graphql({ query: FIXTURE_MUTATION, variables: { room: 'elsewhere', text: 'not for you' } });
    const posted = (await client.graphql({ query: FIXTURE_MUTATION, variables: { room: 'amplify', text: 'hello' } })) as {
      data: { post: { id: string; room: string; text: string } };
    };
    const event = await events.received;
    expect(event.data.onPost).toEqual({ __typename: 'Message', ...posted.data.post });

    events.unsubscribe();
    await liveSubscriptions(fixture.subscriptions, 0);
    const port = new URL(fixture.graphqlUrl).port;
    expect(dialed).toContain(`wss://127.0.0.1:${port}/graphql/realtime`);
  });

  it('reaches serviceInfo with the AppSync API key and is refused onInvocation, which only Lambda keys may read', async () => {
    const client = await amplifyClient(stack.graphqlUrl, stack.appSyncApiKey);
    const info = (await client.graphql({ query: '{ serviceInfo { name } }' })) as { data: { serviceInfo: { name: string } } };
    expect(info.data.serviceInfo.name).toBe('bedrock-ledger');
    const events = firstEvent<unknown>((next, fail) =>
      client.graphql<GraphQLSubscription<{ onInvocation: Invocation }>>({ query: SUBSCRIPTION }).subscribe({ next, error: fail }),
    );
    await expect(events.received).rejects.toMatchObject({ errors: [expect.objectContaining({ message: expect.stringContaining('Not Authorized to access onInvocation') })] });
  });
});

describe('aws-appsync-subscription-link (ws://)', () => {
  function apolloClient(url: string, auth: { type: 'AWS_LAMBDA'; token: string } | { type: 'API_KEY'; apiKey: string }) {
    const { ApolloClient, ApolloLink, HttpLink, InMemoryCache } = require('@apollo/client') as Apollo;
    const { createAuthLink } = require('aws-appsync-auth-link') as AuthLinkModule;
    const { createSubscriptionHandshakeLink } = require('aws-appsync-subscription-link') as SubscriptionLinkModule;
    const config = { url, region: 'us-east-1', auth };
    const link = ApolloLink.from([
      createAuthLink(config),
      // Its keepAliveTimeoutMs must be at least 60000 (reference §7.6).
      createSubscriptionHandshakeLink({ ...config, keepAliveTimeoutMs: 60_000 }, new HttpLink({ uri: url })),
    ]);
    return { client: new ApolloClient({ link, cache: new InMemoryCache() }), gql: (require('@apollo/client') as Apollo).gql };
  }

  it('queries, invokes a model and receives its own invocation live with a Lambda-authorizer key, then unsubscribes', async () => {
    const { client, gql } = apolloClient(stack.graphqlUrl, { type: 'AWS_LAMBDA', token: userKey });
    const me = await client.query<{ me: { principalId: string; role: string } }>({ query: gql(QUERY), fetchPolicy: 'no-cache' });
    expect(me.data?.me).toMatchObject({ principalId: userPrincipal, role: 'USER' });

    const before = stack.api.subscriptions.size;
    const events = firstEvent<{ data?: { onInvocation: Invocation } | null | undefined }>((next, fail) =>
      client.subscribe<{ onInvocation: Invocation }>({ query: gql(SUBSCRIPTION) }).subscribe({ next, error: fail }),
    );
    await liveSubscriptions(stack.api.subscriptions, before + 1);
    const invoked = await client.mutate<{ invokeModel: Invocation }>({ mutation: gql(MUTATION), variables: INPUT, fetchPolicy: 'no-cache' });
    const event = await events.received;
    expect(event.data?.onInvocation).toMatchObject({ __typename: 'InvokeModelResult', ...invoked.data?.invokeModel });
    expect(event.data?.onInvocation.principalId).toBe(userPrincipal);

    events.unsubscribe();
    await liveSubscriptions(stack.api.subscriptions, before);
    client.stop();
    const port = new URL(stack.graphqlUrl).port;
    expect(dialed.some((url) => url.startsWith(`ws://127.0.0.1:${port}/graphql/realtime`))).toBe(true);
  });

  it('queries, posts and receives the post live with the AppSync API key, then unsubscribes', async () => {
    const { client, gql } = apolloClient(fixture.graphqlUrl, { type: 'API_KEY', apiKey: fixture.apiKey });
    const ping = await client.query<{ ping: string }>({ query: gql('{ ping }'), fetchPolicy: 'no-cache' });
    expect(ping.data?.ping).toBe('pong');

    const before = fixture.subscriptions.size;
    const events = firstEvent<{ data?: { onPost: { id: string; room: string; text: string } } | null | undefined }>((next, fail) =>
      client.subscribe<{ onPost: { id: string; room: string; text: string } }>({ query: gql(FIXTURE_SUBSCRIPTION), variables: { room: 'apollo' } }).subscribe({ next, error: fail }),
    );
    await liveSubscriptions(fixture.subscriptions, before + 1);
    await client.mutate({ mutation: gql(FIXTURE_MUTATION), variables: { room: 'elsewhere', text: 'not for you' } });
    const posted = await client.mutate<{ post: { id: string; room: string; text: string } }>({
      mutation: gql(FIXTURE_MUTATION),
      variables: { room: 'apollo', text: 'hello' },
      fetchPolicy: 'no-cache',
    });
    const event = await events.received;
    expect(event.data?.onPost).toMatchObject({ __typename: 'Message', ...posted.data?.post });

    events.unsubscribe();
    await liveSubscriptions(fixture.subscriptions, before);
    client.stop();
    const port = new URL(fixture.graphqlUrl).port;
    expect(dialed.some((url) => url.startsWith(`ws://127.0.0.1:${port}/graphql/realtime`))).toBe(true);
  });
});
