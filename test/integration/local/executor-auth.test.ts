import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { createNoneDataSource } from '../../../local/data-sources/none.ts';
import { AuthorizerCache } from '../../../local/graphql/authorizer-cache.ts';
import { createGraphqlApi } from '../../../local/graphql/execute.ts';
import type { RunnableResolver } from '../../../local/graphql/resolver-runner.ts';
import { buildAppSyncSchema } from '../../../local/graphql/schema.ts';
import { loadResolverModule } from '../../../local/runtime/sandbox.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../../resolvers/build.ts';

const SCHEMA = /* GraphQL */ `
  type Query {
    open: String @aws_api_key @aws_iam @aws_lambda
    secret: String @aws_lambda
    deep: Node @aws_lambda
  }
  type Node @aws_lambda { id: ID child: Node }
`;

const none = createNoneDataSource();
const unit = (code: string, name: string): RunnableResolver => ({ kind: 'UNIT', module: loadResolverModule(code, name), dataSource: none });
const nested = (levels: number): unknown => (levels === 0 ? null : { id: String(levels), child: nested(levels - 1) });

const IAM = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret', userArn: 'arn:aws:iam::123456789012:user/local' };

/** A real authorizer function run in-process: tokens name the decision. */
const authorizer = new AuthorizerCache(
  {
    invoke: async (event) => {
      const token = (event as { authorizationToken: string }).authorizationToken;
      const deniedFields = token === 'limited' ? ['Query.secret'] : token === 'limited-arn' ? ['arn:aws:appsync:us-east-1:123456789012:apis/abc/types/Query/fields/secret'] : [];
      return { ok: true, result: { isAuthorized: token.startsWith('good') || token.startsWith('limited'), resolverContext: { who: token }, deniedFields, ttlOverride: 0 } };
    },
  },
  0,
);

const api = createGraphqlApi({
  schema: buildAppSyncSchema(readFileSync(resolve(PROJECT_ROOT, 'schema/appsync.graphql'), 'utf8'), SCHEMA),
  resolvers: new Map([
    ['Query.open', unit("import { util } from '@aws-appsync/utils';\nexport function request() { return { payload: util.authType() }; }\nexport function response(ctx) { return ctx.result; }", 'Query.open')],
    ['Query.secret', unit("export function request() { return { payload: 'classified' }; }\nexport function response(ctx) { return ctx.result; }", 'Query.secret')],
    ['Query.deep', unit(`export function request() { return { payload: ${JSON.stringify(nested(12))} }; }\nexport function response(ctx) { return ctx.result; }`, 'Query.deep')],
  ]),
  defaultAuth: 'AWS_LAMBDA',
  additionalAuth: ['API_KEY', 'AWS_IAM'],
  apiKeys: ['da2-test'],
  authorizer,
  iamCredentials: [IAM],
  environment: {},
  limits: { queryDepth: 10, resolverCount: 200 },
});

const post = (query: string, headers: Record<string, string>) =>
  api.handle({ method: 'POST', path: '/graphql', query: '', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

async function signedPost(query: string, secretAccessKey = IAM.secretAccessKey) {
  const body = JSON.stringify({ query });
  const signer = new SignatureV4({ service: 'appsync', region: 'us-east-1', credentials: { accessKeyId: IAM.accessKeyId, secretAccessKey }, sha256: Sha256 });
  const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4000, path: '/graphql', query: {}, headers: { host: '127.0.0.1:4000', 'content-type': 'application/json' }, body });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = String(value);
  return api.handle({ method: 'POST', path: '/graphql', query: '', headers, body });
}

describe('AWS_IAM', () => {
  it('serves a request SigV4-signed with configured credentials, as IAM Authorization', async () => {
    const reply = await signedPost('{ open }');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: { open: 'IAM Authorization' } });
  });

  it('fails with 401 when the signature does not match', async () => {
    const reply = await signedPost('{ open }', 'wrong-secret');
    expect(reply.status).toBe(401);
    expect(reply.headers['x-amzn-errortype']).toBe('UnauthorizedException');
  });

  it('denies a field IAM is not listed on, with AppSync\'s message', async () => {
    const reply = await signedPost('{ open secret }');
    expect(reply.body).toMatchObject({ data: { open: 'IAM Authorization', secret: null }, errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access secret on type Query', path: ['secret'] }] });
  });
});

describe('Lambda authorizer deniedFields', () => {
  it.each(['limited', 'limited-arn'])('nulls the denied field for token %s and serves the rest', async (token) => {
    const reply = await post('{ open secret }', { authorization: token });
    expect(reply.body).toMatchObject({ data: { open: 'Lambda Authorization', secret: null }, errors: [{ errorType: 'Unauthorized', path: ['secret'] }] });
  });

  it('serves the field to a caller without denials', async () => {
    expect((await post('{ secret }', { authorization: 'good' })).body).toEqual({ data: { secret: 'classified' } });
  });
});

describe('query limits', () => {
  const deep = (levels: number): string => (levels === 1 ? 'id' : `child { ${deep(levels - 1)} }`);

  it('serves a query exactly at the depth limit', async () => {
    const reply = await post(`{ deep { ${deep(9)} } }`, { authorization: 'good' });
    expect((reply.body as { errors?: unknown }).errors).toBeUndefined();
  });

  it('fails a query one level deeper than the limit before running anything', async () => {
    const reply = await post(`{ deep { ${deep(10)} } }`, { authorization: 'good' });
    expect(reply.body).toMatchObject({ data: null, errors: [{ errorType: 'QueryDepthLimitExceeded', path: null }] });
  });

  it('fails the resolvers past the resolver count limit', async () => {
    const fields = Array.from({ length: 201 }, (_, index) => `a${index}: open`).join(' ');
    const reply = (await post(`{ ${fields} }`, { authorization: 'good' })).body as { data: Record<string, unknown>; errors: { errorType: string; path: string[] }[] };
    expect(reply.data.a199).toBe('Lambda Authorization');
    expect(reply.data.a200).toBeNull();
    expect(reply.errors).toEqual([expect.objectContaining({ errorType: 'ResolverCountLimitExceeded', path: ['a200'] })]);
  });
});
