import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureApi, type FixtureApi } from '../helpers/fixture-api.ts';
import { CREATE_API_KEY, SEED_REQUEST, startTestStack, tamperedKey, type TestStack } from '../helpers/local-stack.ts';
import { RawRealtimeClient, headerProtocol, type RealtimeMessage } from '../helpers/realtime-client.ts';

const ON_INVOCATION = /* GraphQL */ `
  subscription OnInvocation($principalId: ID) {
    onInvocation(principalId: $principalId) { __typename invocationId principalId modelId usage { inputTokens } cost { nanoUsd } }
  }
`;
/** Selects only two fields: everything else a subscriber asks for must arrive as null (reference §6.1). */
const INVOKE_NARROW = /* GraphQL */ `
  mutation Invoke($input: InvokeModelInput!) { invokeModel(input: $input) { invocationId principalId } }
`;
const INVOKE_WIDE = /* GraphQL */ `
  mutation Invoke($input: InvokeModelInput!) {
    invokeModel(input: $input) { invocationId principalId modelId usage { inputTokens } cost { nanoUsd } }
  }
`;
const INPUT = { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } };

interface Key {
  readonly key: string;
  readonly principalId: string;
}

let stack: TestStack;
let realtimeUrl: string;
let alice: Key;
let bob: Key;
let adminKey: string;
const open: RawRealtimeClient[] = [];

async function connect(headers: Record<string, string>, url = realtimeUrl): Promise<RawRealtimeClient> {
  const client = await RawRealtimeClient.connect(url, headers);
  open.push(client);
  return client;
}

async function invoke(key: string, query = INVOKE_WIDE): Promise<{ invocationId: string; principalId: string }> {
  const reply = await stack.as(key)(query, INPUT);
  expect(reply.body.errors).toBeUndefined();
  return reply.body.data?.invokeModel as { invocationId: string; principalId: string };
}

async function nextData(client: RawRealtimeClient): Promise<RealtimeMessage> {
  const message = await client.next();
  expect(message.type).toBe('data');
  return message;
}

beforeAll(async () => {
  stack = await startTestStack();
  realtimeUrl = stack.realtimeUrl;
  adminKey = stack.adminKey ?? '';
  const create = async (username: string): Promise<Key> => {
    const reply = await stack.as(adminKey)(CREATE_API_KEY, { input: { username, role: 'USER' } });
    expect(reply.body.errors).toBeUndefined();
    return reply.body.data?.createApiKey as Key;
  };
  alice = await create('alice');
  bob = await create('bob');
}, 120_000);

afterAll(async () => {
  await Promise.all(open.map((client) => client.close()));
  await stack?.close();
});

describe('realtime endpoint: handshake', () => {
  it('selects the graphql-ws sub-protocol, acknowledges with connectionTimeoutMs and sends ka right after the ack', async () => {
    const client = await RawRealtimeClient.open(realtimeUrl, ['graphql-ws', headerProtocol({ Authorization: alice.key, host: 'localhost' })]);
    open.push(client);
    expect(client.socket.protocol).toBe('graphql-ws');
    client.send({ type: 'connection_init' });
    expect(await client.next({ keepAlive: true })).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } });
    expect(await client.next({ keepAlive: true })).toEqual({ type: 'ka' });
  });

  it('accepts credentials from the legacy header query parameter', async () => {
    const header = Buffer.from(JSON.stringify({ 'x-api-key': stack.appSyncApiKey, host: 'localhost' })).toString('base64');
    const client = await RawRealtimeClient.open(`${realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`, ['graphql-ws']);
    open.push(client);
    client.send({ type: 'connection_init' });
    expect((await client.next()).type).toBe('connection_ack');
  });

  it('serves the protocol at the GraphQL path itself', async () => {
    const client = await connect({ Authorization: alice.key }, realtimeUrl.replace(/\/realtime$/, ''));
    expect(client.socket.protocol).toBe('graphql-ws');
  });

  it('fails the connection with connection_error 401 for an unknown key, then closes', async () => {
    const client = await RawRealtimeClient.open(realtimeUrl, ['graphql-ws', headerProtocol({ Authorization: tamperedKey(alice.key) })]);
    client.send({ type: 'connection_init' });
    const message = await client.next();
    expect(message).toMatchObject({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException', errorCode: 401 }] } });
    await client.closed();
  });

  it('fails the connection with connection_error for a wrong AppSync API key', async () => {
    const client = await RawRealtimeClient.open(realtimeUrl, ['graphql-ws', headerProtocol({ 'x-api-key': 'da2-notthekey' })]);
    client.send({ type: 'connection_init' });
    expect(await client.next()).toMatchObject({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
    await client.closed();
  });

  it('serves wss:// on the same port with the generated certificate', async () => {
    const ca = readFileSync(stack.tlsCaPath, 'utf8');
    const client = await RawRealtimeClient.connect(realtimeUrl.replace(/^ws:/, 'wss:'), { Authorization: alice.key }, { ca });
    open.push(client);
    expect(client.socket.protocol).toBe('graphql-ws');
  });

  it('serves GraphQL over https on the same port', async () => {
    const url = new URL(stack.graphqlUrl.replace(/^http:/, 'https:'));
    const ca = readFileSync(stack.tlsCaPath, 'utf8');
    const body = await new Promise<string>((resolveBody, reject) => {
      const req = httpsRequest(url, { method: 'POST', ca, headers: { 'content-type': 'application/json', 'x-api-key': stack.appSyncApiKey } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolveBody(text));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ serviceInfo { name } }' }));
    });
    expect(JSON.parse(body)).toEqual({ data: { serviceInfo: { name: 'bedrock-ledger' } } });
  });
});

describe('realtime endpoint: subscriptions', () => {
  it('sends start_ack before data, delivers the subscriber own invocation, and answers stop with complete', async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('s1', ON_INVOCATION, {}, { Authorization: alice.key });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 's1' });
    const invoked = await invoke(alice.key);
    const data = await nextData(client);
    expect(data.id).toBe('s1');
    expect(data.payload?.data).toMatchObject({
      onInvocation: { __typename: 'InvokeModelResult', invocationId: invoked.invocationId, principalId: alice.principalId, modelId: SEED_REQUEST.modelId },
    });
    client.send({ type: 'stop', id: 's1' });
    expect(await client.next()).toEqual({ type: 'complete', id: 's1' });
  });

  it('delivers converse invocations on onInvocation too, with their stopReason', async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('conv', 'subscription { onInvocation { invocationId principalId stopReason } }', {}, { Authorization: alice.key });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'conv' });
    const reply = await stack.as(alice.key)(
      'mutation($input: ConverseInput!) { converse(input: $input) { invocationId principalId stopReason } }',
      { input: { modelId: SEED_REQUEST.modelId, messages: JSON.stringify([{ role: 'user', content: [{ text: 'Good morning!' }] }]), inferenceConfig: JSON.stringify({ maxTokens: 50 }) } },
    );
    expect(reply.body.errors).toBeUndefined();
    const conversed = reply.body.data?.converse as { invocationId: string };
    const data = await nextData(client);
    expect(data.payload?.data).toEqual({ onInvocation: { invocationId: conversed.invocationId, principalId: alice.principalId, stopReason: 'end_turn' } });
  });

  it('projects the mutation result onto the subscription selection: fields the mutation did not select are null', async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('narrow', ON_INVOCATION, {}, { Authorization: alice.key });
    expect((await client.next()).type).toBe('start_ack');
    const invoked = await invoke(alice.key, INVOKE_NARROW);
    const data = await nextData(client);
    expect(data.payload?.data).toEqual({
      onInvocation: { __typename: 'InvokeModelResult', invocationId: invoked.invocationId, principalId: alice.principalId, modelId: null, usage: null, cost: null },
    });
  });

  it('uses the subscriber aliases as response keys', async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('alias', 'subscription { mine: onInvocation { id: invocationId who: principalId } }', {}, { Authorization: alice.key });
    expect((await client.next()).type).toBe('start_ack');
    const reply = await stack.as(alice.key)('mutation Invoke($input: InvokeModelInput!) { i: invokeModel(input: $input) { x: invocationId p: principalId } }', INPUT);
    const invoked = reply.body.data?.i as { x: string; p: string };
    expect(invoked.p).toBe(alice.principalId);
    const data = await nextData(client);
    expect(data.payload?.data).toEqual({ mine: { id: invoked.x, who: alice.principalId } });
  });

  it("never delivers another principal's invocation to a USER", async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('own', ON_INVOCATION, {}, { Authorization: alice.key });
    expect((await client.next()).type).toBe('start_ack');
    const bobs = await invoke(bob.key);
    const alices = await invoke(alice.key);
    // Events are published before the mutation answers, so Bob's would arrive before Alice's.
    const data = await nextData(client);
    expect(data.payload?.data).toMatchObject({ onInvocation: { invocationId: alices.invocationId, principalId: alice.principalId } });
    expect(alices.invocationId).not.toBe(bobs.invocationId);
  });

  it("fails a USER's start that asks for another principal by argument", async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('theirs', ON_INVOCATION, { principalId: bob.principalId }, { Authorization: alice.key });
    const message = await client.next();
    expect(message).toMatchObject({ type: 'error', id: 'theirs', payload: { errors: [{ errorType: 'Unauthorized' }] } });
  });

  it('lets an ADMIN watch every principal, or one principal by argument', async () => {
    const client = await connect({ Authorization: adminKey });
    client.start('all', ON_INVOCATION, {}, { Authorization: adminKey });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'all' });
    client.start('bob', ON_INVOCATION, { principalId: bob.principalId }, { Authorization: adminKey });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'bob' });
    await invoke(alice.key);
    await invoke(bob.key);
    const received = [await nextData(client), await nextData(client), await nextData(client)].map((message) => ({
      id: message.id,
      principalId: (message.payload?.data?.onInvocation as { principalId: string }).principalId,
    }));
    expect(received).toEqual([
      { id: 'all', principalId: alice.principalId },
      { id: 'all', principalId: bob.principalId },
      { id: 'bob', principalId: bob.principalId },
    ]);
  });

  it('fails a start for a field the AppSync API key may not read with Unauthorized', async () => {
    const headers = { 'x-api-key': stack.appSyncApiKey };
    const client = await connect(headers);
    client.start('k', ON_INVOCATION, {}, headers);
    expect(await client.next()).toMatchObject({
      type: 'error',
      id: 'k',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onInvocation on type Subscription' }] },
    });
  });

  it('fails a start whose credentials are refused with UnauthorizedException', async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('bad', ON_INVOCATION, {}, { Authorization: tamperedKey(bob.key) });
    expect(await client.next()).toMatchObject({ type: 'error', id: 'bad', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
  });
});

describe('realtime endpoint: errors and limits', () => {
  it('answers a query sent with start with UnsupportedOperation', async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('q', '{ me { principalId } }', {}, { Authorization: alice.key });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'q',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }] },
    });
  });

  it('answers an unknown message type with UnsupportedOperation', async () => {
    const client = await connect({ Authorization: alice.key });
    client.send({ type: 'subscribe', id: 'x' });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'x',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' }] },
    });
  });

  it('answers a reused subscription id with DuplicatedOperationError', async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('dup', ON_INVOCATION, {}, { Authorization: alice.key });
    expect((await client.next()).type).toBe('start_ack');
    client.start('dup', ON_INVOCATION, {}, { Authorization: alice.key });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'dup',
      payload: { errors: [{ errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id dup' }] },
    });
  });

  it('refuses a 101st subscription on one connection with MaxSubscriptionsReachedError', async () => {
    const client = await connect({ Authorization: alice.key });
    for (let index = 0; index < 100; index += 1) client.start(`m${index}`, ON_INVOCATION, {}, { Authorization: alice.key });
    for (let index = 0; index < 100; index += 1) expect((await client.next()).type).toBe('start_ack');
    client.start('m100', ON_INVOCATION, {}, { Authorization: alice.key });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'm100',
      payload: { errors: [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached' }] },
    });
  });

  it('reports GraphQL validation errors of a start without an errorType', async () => {
    const client = await connect({ Authorization: alice.key });
    client.start('v', 'subscription { onInvocation { nope } }', {}, { Authorization: alice.key });
    const message = await client.next();
    expect(message).toMatchObject({ type: 'error', id: 'v' });
    expect(message.payload?.errors?.[0]?.errorType).toBeUndefined();
    expect(message.payload?.errors?.[0]?.message).toContain('nope');
  });
});

describe('realtime endpoint of an API-key API', () => {
  let fixture: FixtureApi;

  beforeAll(async () => {
    fixture = await startFixtureApi({ keepAliveIntervalMs: 100 });
  });

  it('keeps sending ka after the first one', async () => {
    const url = `${fixture.graphqlUrl.replace(/^http:/, 'ws:')}/realtime`;
    const client = await connect({ 'x-api-key': fixture.apiKey }, url);
    expect(await client.next({ keepAlive: true })).toEqual({ type: 'ka' });
    expect(await client.next({ keepAlive: true })).toEqual({ type: 'ka' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('delivers only events that match the filter set with extensions.setSubscriptionFilter', async () => {
    const headers = { 'x-api-key': fixture.apiKey };
    const url = `${fixture.graphqlUrl.replace(/^http:/, 'ws:')}/realtime`;
    const client = await connect(headers, url);
    client.start('f', 'subscription { onPostMentioning(word: "hello") { text } }', {}, headers);
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'f' });
    const post = async (text: string) => {
      const response = await fetch(fixture.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: 'mutation($text: String!) { post(room: "r", text: $text) { text } }', variables: { text } }),
      });
      expect(response.status).toBe(200);
    };
    await post('nothing to see');
    await post('well, hello there');
    expect(await client.next()).toEqual({ type: 'data', id: 'f', payload: { data: { onPostMentioning: { text: 'well, hello there' } } } });
  });

  it('ends a subscription whose invalidation filter matches extensions.invalidateSubscriptions with complete', async () => {
    const headers = { 'x-api-key': fixture.apiKey };
    const url = `${fixture.graphqlUrl.replace(/^http:/, 'ws:')}/realtime`;
    const client = await connect(headers, url);
    client.start('hall', 'subscription { onPost(room: "hall") { id } }', {}, headers);
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'hall' });
    client.start('attic', 'subscription { onPost(room: "attic") { id } }', {}, headers);
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'attic' });
    const response = await fetch(fixture.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: 'mutation { closeRoom(room: "hall") }' }),
    });
    expect(await response.json()).toEqual({ data: { closeRoom: true } });
    expect(await client.next()).toEqual({ type: 'complete', id: 'hall' });
    const post = await fetch(fixture.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: 'mutation { post(room: "attic", text: "t") { id room } }' }),
    });
    const posted = ((await post.json()) as { data: { post: { id: string } } }).data.post;
    expect(await client.next()).toEqual({ type: 'data', id: 'attic', payload: { data: { onPost: { id: posted.id } } } });
  });

  it('publishes nothing for a mutation that did not select the field a filter reads', async () => {
    const headers = { 'x-api-key': fixture.apiKey };
    const url = `${fixture.graphqlUrl.replace(/^http:/, 'ws:')}/realtime`;
    const client = await connect(headers, url);
    client.start('g', 'subscription { onPost(room: "kitchen") { id room } }', {}, headers);
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'g' });
    const post = async (selection: string) => {
      const response = await fetch(fixture.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: `mutation { post(room: "kitchen", text: "t") { ${selection} } }` }),
      });
      return ((await response.json()) as { data: { post: { id: string } } }).data.post;
    };
    // Reference §6.1: an argument filter on a field the mutation did not select does not match.
    await post('id');
    const second = await post('id room');
    expect(await client.next()).toEqual({ type: 'data', id: 'g', payload: { data: { onPost: { id: second.id, room: 'kitchen' } } } });
  });
});
