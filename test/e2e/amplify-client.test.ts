import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvokeModelDocument, MeDocument, UsageSummaryDocument, type InvokeModelMutation, type MeQuery, type UsageSummaryQuery } from '../../client/__generated__/graphql.ts';
import { SEED_REQUEST, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  Amplify.configure({ API: { GraphQL: { endpoint: stack.graphqlUrl, region: 'us-east-1', defaultAuthMode: 'lambda' } } });
});

afterAll(async () => {
  await stack?.close();
});

describe('generated documents with Amplify v6 generateClient()', () => {
  // Amplify bundles graphql 15, whose DocumentNode type differs from graphql 16's: documents go as printed text.
  it('runs the generated query and mutation documents in lambda auth mode, as the README shows', async () => {
    const client = generateClient({ authMode: 'lambda', authToken: stack.adminKey ?? '' });
    const who = (await client.graphql({ query: print(MeDocument) })) as { data: MeQuery };
    expect(who.data.me).toMatchObject({ username: 'admin', role: 'ADMIN' });

    const invoked = (await client.graphql({ query: print(InvokeModelDocument), variables: { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } } })) as { data: InvokeModelMutation };
    const summary = (await client.graphql({ query: print(UsageSummaryDocument), variables: { from: today(), to: today() } })) as { data: UsageSummaryQuery };
    expect(summary.data.usageSummary.totals).toMatchObject({ invocations: 1, costNanoUsd: invoked.data.invokeModel.cost.nanoUsd });
  });
});
