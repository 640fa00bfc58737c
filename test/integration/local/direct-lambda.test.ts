import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGraphqlApi } from '../../../local/graphql/execute.ts';
import { buildAppSyncSchema } from '../../../local/graphql/schema.ts';
import { LambdaHost } from '../../../local/lambda/host.ts';
import { PROJECT_ROOT, bundleFunction } from '../../../resolvers/build.ts';

// A direct Lambda resolver, run by a real function bundle in a worker (reference §4.2, §4.3).
const host = new LambdaHost({ functionName: 'directResolver', bundle: bundleFunction('test/fixtures/direct-resolver-handler.ts'), environment: {} });
const api = createGraphqlApi({
  schema: buildAppSyncSchema(
    readFileSync(resolve(PROJECT_ROOT, 'schema/appsync.graphql'), 'utf8'),
    'type Query { echo(text: String, fail: Boolean): Echo @aws_api_key } type Echo @aws_api_key { fieldName: String event: AWSJSON }',
  ),
  resolvers: new Map([['Query.echo', { kind: 'DIRECT', function: host }]]),
  defaultAuth: 'API_KEY',
  additionalAuth: [],
  apiKeys: ['da2-direct'],
  authorizer: null,
  environment: {},
});

const ask = (query: string) => api.handle({ method: 'POST', headers: { 'x-api-key': 'da2-direct', host: 'localhost' }, body: JSON.stringify({ query }) });

afterAll(() => host.stop());

describe('direct Lambda resolvers', () => {
  it("send the function AppSync's event and use its return value as the field", async () => {
    const reply = (await ask('{ echo(text: "hi") { fieldName event } }')).body as { data: { echo: { fieldName: string; event: string } } };
    expect(reply.data.echo.fieldName).toBe('echo');
    expect(JSON.parse(reply.data.echo.event)).toEqual({
      arguments: { text: 'hi' },
      identity: null,
      source: null,
      request: { headers: { 'x-api-key': 'da2-direct', host: 'localhost' }, domainName: null },
      prev: null,
      info: { fieldName: 'echo', parentTypeName: 'Query', variables: {}, selectionSetList: ['fieldName', 'event'], selectionSetGraphQL: '{\n  fieldName\n  event\n}' },
      stash: {},
    });
  });

  it("fail the field with the function's message and error name", async () => {
    const reply = (await ask('{ echo(fail: true) { fieldName } }')).body;
    expect(reply).toMatchObject({ data: { echo: null }, errors: [{ message: 'The function refused this call', errorType: 'RefusedError', path: ['echo'] }] });
  });
});
