import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../resolvers/build.ts';
import { API } from '../../resolvers/manifest.ts';
import { createNoneDataSource } from '../../local/data-sources/none.ts';
import { createGraphqlApi } from '../../local/graphql/execute.ts';
import type { RunnableResolver } from '../../local/graphql/resolver-runner.ts';
import { buildAppSyncSchema } from '../../local/graphql/schema.ts';
import { createSubscriptionHub, type SubscriptionHub } from '../../local/realtime/hub.ts';
import { createRealtimeServer } from '../../local/realtime/server.ts';
import { loadResolverModule } from '../../local/runtime/sandbox.ts';
import { createLocalListener } from '../../local/server.ts';
import { ensureLocalCertificate } from '../../local/tls.ts';

/**
 * A small AppSync API whose fields the AppSync API key may use, served by the same local runtime
 * (executor, APPSYNC_JS sandbox, NONE data source, realtime endpoint, TLS on the same port) as ours:
 * the project's own schema gives API-key callers only `serviceInfo`.
 */
const SCHEMA = /* GraphQL */ `
  type Query { ping: String }
  type Mutation { post(room: ID!, text: String!): Message closeRoom(room: ID!): Boolean }
  type Subscription {
    onPost(room: ID): Message @aws_subscribe(mutations: ["post"])
    onPostMentioning(word: String!): Message @aws_subscribe(mutations: ["post"])
  }
  type Message { id: ID! room: ID! text: String! }
`;

const RESOLVERS: Readonly<Record<string, string>> = {
  'Query.ping': `export function request() { return { payload: 'pong' }; }
export function response(ctx) { return ctx.result; }`,
  'Mutation.post': `import { util } from '@aws-appsync/utils';
export function request(ctx) { return { payload: { id: util.autoId(), room: ctx.args.room, text: ctx.args.text } }; }
export function response(ctx) { return ctx.result; }`,
  'Mutation.closeRoom': `import { extensions } from '@aws-appsync/utils';
export function request() { return { payload: true }; }
export function response(ctx) {
  extensions.invalidateSubscriptions({ subscriptionField: 'onPost', payload: { room: ctx.args.room } });
  return ctx.result;
}`,
  'Subscription.onPost': `import { extensions } from '@aws-appsync/utils';
export function request() { return { payload: null }; }
export function response(ctx) {
  if (ctx.args.room) {
    extensions.setSubscriptionInvalidationFilter({ filterGroup: [{ filters: [{ fieldName: 'room', operator: 'eq', value: ctx.args.room }] }] });
  }
  return null;
}`,
  'Subscription.onPostMentioning': `import { extensions } from '@aws-appsync/utils';
export function request() { return { payload: null }; }
export function response(ctx) {
  extensions.setSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: 'text', operator: 'contains', value: ctx.args.word }] }] });
  return null;
}`,
};

export interface FixtureApi {
  readonly graphqlUrl: string;
  readonly apiKey: string;
  readonly caPath: string;
  readonly subscriptions: SubscriptionHub;
  close(): Promise<void>;
}

export async function startFixtureApi(options: { keepAliveIntervalMs?: number } = {}): Promise<FixtureApi> {
  const schema = buildAppSyncSchema(readFileSync(resolve(PROJECT_ROOT, API.toolingSchemaPath), 'utf8'), SCHEMA);
  const none = createNoneDataSource();
  const resolvers = new Map<string, RunnableResolver>();
  for (const [coordinate, code] of Object.entries(RESOLVERS)) {
    resolvers.set(coordinate, { kind: 'UNIT', module: loadResolverModule(code, coordinate), dataSource: none });
  }
  const apiKey = 'da2-fixturefixturefixturefix';
  const subscriptions = createSubscriptionHub(schema);
  const api = createGraphqlApi({
    schema,
    resolvers,
    defaultAuth: 'API_KEY',
    additionalAuth: [],
    apiKeys: [apiKey],
    authorizer: null,
    environment: {},
    onMutationResult: (result) => subscriptions.publish(result),
    onInvalidateSubscriptions: (invalidations) => subscriptions.invalidate(invalidations),
  });
  const tlsDir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-fixture-tls-'));
  const certificate = await ensureLocalCertificate(tlsDir);
  const realtime = createRealtimeServer({ api, hub: subscriptions, ...options });
  const listener = createLocalListener({ graphql: api, ready: () => true, upgrade: realtime.handleUpgrade, tls: certificate });
  const { port } = await listener.listen(0, '127.0.0.1');
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    apiKey,
    caPath: certificate.caPath,
    subscriptions,
    async close() {
      await realtime.close();
      await listener.close();
      rmSync(tlsDir, { recursive: true, force: true });
    },
  };
}
