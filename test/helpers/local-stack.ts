import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type RunningStack, type StackOverrides } from '../../local/stack.ts';

/** The seed project's request body, exactly as its README sends it (step 4). */
export const SEED_REQUEST = {
  modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
  body: {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 2048,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Good morning!' }] }],
    temperature: 0.5,
    top_p: 0.5,
    top_k: 250,
  },
} as const;

export interface TestStack extends RunningStack {
  /** POST a GraphQL request; returns the HTTP status and parsed body. */
  graphql(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphqlReply>;
  /** The same, authorized with an API key minted by createApiKey. */
  as(key: string): (query: string, variables?: Record<string, unknown>) => Promise<GraphqlReply>;
  /** Mints a key with the stack's admin key (createApiKey input: username, team, tags, …); fails loudly. */
  newKey(input: { username: string; [field: string]: unknown }): Promise<TestKey>;
  /** The stack's data dir, holding runtime.json while it runs. */
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface TestKey {
  readonly key: string;
  readonly keyId: string;
  readonly principalId: string;
  /** GraphQL requests authorized with this key. */
  readonly call: (query: string, variables?: Record<string, unknown>) => Promise<GraphqlReply>;
}

export interface GraphqlReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: Record<string, unknown> | null; errors?: { message: string; errorType?: string | null; path?: unknown }[] };
}

/** The whole local runtime (own in-memory DynamoDB Local, Bedrock emulator, API) on a free port. */
export async function startTestStack(overrides: StackOverrides = {}, options: { persistent?: boolean } = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-e2e-'));
  const stack = await startStack({
    host: '127.0.0.1',
    port: 0,
    inMemory: options.persistent !== true,
    dataDir,
    region: 'us-east-1',
    bedrock: { kind: 'emulator' },
    ambientAws: {},
  }, overrides);
  const graphql = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphqlReply> => {
    const response = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphqlReply['body'] };
  };
  const as = (key: string) => (query: string, variables: Record<string, unknown> = {}) => graphql(query, variables, { authorization: key });
  return {
    ...stack,
    dataDir,
    graphql,
    as,
    async newKey(input) {
      const reply = await as(stack.adminKey ?? '')(CREATE_API_KEY, { input });
      const created = reply.body.data?.createApiKey as { key: string; keyId: string; principalId: string } | undefined;
      if (!created) throw new Error(`createApiKey failed: ${JSON.stringify(reply.body.errors)}`);
      return { key: created.key, keyId: created.keyId, principalId: created.principalId, call: as(created.key) };
    },
    async close() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const INVOKE_MODEL = /* GraphQL */ `
  mutation Invoke($input: InvokeModelInput!) {
    invokeModel(input: $input) {
      invocationId principalId modelId body latencyMs createdAt
      usage { inputTokens outputTokens cacheReadInputTokens cacheWriteInputTokens }
      cost { usd nanoUsd priced }
    }
  }
`;

export const USAGE_SUMMARY = /* GraphQL */ `
  query Usage($from: AWSDate!, $to: AWSDate!, $principalId: ID) {
    usageSummary(from: $from, to: $to, principalId: $principalId) {
      principalId from to
      totals { invocations inputTokens outputTokens cacheReadInputTokens cacheWriteInputTokens costUsd costNanoUsd unpricedInvocations }
      byModel { modelId totals { invocations costNanoUsd } }
      byDay { date totals { invocations costNanoUsd } }
    }
  }
`;

export const CREATE_API_KEY = /* GraphQL */ `
  mutation Create($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { key keyId principalId username role expiresAt }
  }
`;

export const REVOKE_API_KEY = /* GraphQL */ `
  mutation Revoke($keyId: ID!) { revokeApiKey(keyId: $keyId) { keyId status revokedAt } }
`;

export const INVOCATIONS = /* GraphQL */ `
  query Invocations($principalId: ID, $limit: Int, $nextToken: String) {
    invocations(principalId: $principalId, limit: $limit, nextToken: $nextToken) {
      items { invocationId principalId keyId modelId pricedModelId region createdAt usage { inputTokens outputTokens } cost { nanoUsd usd priced } }
      nextToken
    }
  }
`;

export const today = (): string => new Date().toISOString().slice(0, 10);

/** The key with its last (checksum) character changed: well formed in length, refused by the checksum. */
export const tamperedKey = (key: string): string => `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
