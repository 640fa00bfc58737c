/**
 * The budget-event publisher against the local runtime's GraphQL executor with AWS_IAM auth: the
 * request it signs with @smithy/signature-v4 must pass SigV4 verification (reference: AppSync AWS_IAM
 * authorization, service `appsync`), reach the IAM-only publishBudgetEvent mutation, and be refused
 * when signed with other credentials.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBudgetEventPublisher, toBudgetEventInput, BudgetEventPublishError } from '../../../functions/lib/appsync-publish.ts';
import type { BudgetEventRecord } from '../../../functions/lib/budget.ts';
import { createGraphqlApi } from '../../../local/graphql/execute.ts';
import { buildAppSyncSchema } from '../../../local/graphql/schema.ts';
import { createNoneDataSource } from '../../../local/data-sources/none.ts';
import { runResolverLoader } from '../../../local/graphql/loader.ts';
import { bundleResolver, PROJECT_ROOT } from '../../../resolvers/build.ts';
import { API, resolverCodePath } from '../../../resolvers/manifest.ts';

const IAM = { accessKeyId: 'LOCALPUBLISHER', secretAccessKey: 'publisher-secret', userArn: 'arn:aws:iam::000000000000:role/publisher' };
const EVENT: BudgetEventRecord = {
  kind: 'THRESHOLD_CROSSED',
  principalId: null,
  team: 'research',
  periodKey: 'M2026-11',
  thresholdPercent: 80,
  spentNanoUsd: 8_250_000_000,
  limitNanoUsd: 10_000_000_000,
  createdAt: '2026-11-26T12:00:00.000Z',
};

let server: Server;
let url: string;
const published: unknown[] = [];

beforeAll(async () => {
  const schema = buildAppSyncSchema(
    readFileSync(resolve(PROJECT_ROOT, API.toolingSchemaPath), 'utf8'),
    readFileSync(resolve(PROJECT_ROOT, API.schemaPath), 'utf8'),
  );
  const load = runResolverLoader((path) => bundleResolver(path));
  const api = createGraphqlApi({
    schema,
    resolvers: new Map([['Mutation.publishBudgetEvent', { kind: 'UNIT', module: load(resolverCodePath('Mutation.publishBudgetEvent')), dataSource: createNoneDataSource() }]]),
    defaultAuth: 'AWS_LAMBDA',
    additionalAuth: ['AWS_IAM'],
    apiKeys: [],
    authorizer: null,
    iamCredentials: [IAM],
    environment: {},
    onMutationResult: (result) => published.push(result.value),
  });
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
      const target = new URL(request.url ?? '/', 'http://localhost');
      void api.handle({ method: request.method ?? 'POST', path: target.pathname, query: target.search.slice(1), headers, body }).then((reply) => {
        response.writeHead(reply.status, reply.headers);
        response.end(JSON.stringify(reply.body));
      });
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
});

describe('createBudgetEventPublisher', () => {
  it('signs a publishBudgetEvent call that IAM auth accepts, and the mutation returns the event as given', async () => {
    const publish = createBudgetEventPublisher({ url, region: 'eu-west-2', credentials: IAM });
    await publish(EVENT);
    expect(published).toEqual([toBudgetEventInput(EVENT)]);
    expect(toBudgetEventInput(EVENT)).toEqual({
      kind: 'THRESHOLD_CROSSED',
      principalId: null,
      team: 'research',
      periodKey: 'M2026-11',
      thresholdPercent: 80,
      spentUsd: '8.250000000',
      spentNanoUsd: '8250000000',
      limitUsd: '10.000000000',
      limitNanoUsd: '10000000000',
      createdAt: '2026-11-26T12:00:00.000Z',
    });
  });

  it('fails with BudgetEventPublishError when signed with credentials the API does not accept', async () => {
    const publish = createBudgetEventPublisher({ url, region: 'eu-west-2', credentials: { accessKeyId: IAM.accessKeyId, secretAccessKey: 'wrong' } });
    await expect(publish(EVENT)).rejects.toThrow(new BudgetEventPublishError('publishBudgetEvent answered HTTP 401 with UnauthorizedException'));
  });

  it('fails with BudgetEventPublishError when the event belongs to neither a principal nor a team', async () => {
    const publish = createBudgetEventPublisher({ url, region: 'eu-west-2', credentials: IAM });
    await expect(publish({ ...EVENT, team: null })).rejects.toThrow(new BudgetEventPublishError('publishBudgetEvent answered HTTP 200 with ValidationError'));
  });
});
