import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_API_KEY, INVOKE_MODEL, USAGE_SUMMARY, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';

const MODELS = [
  { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', body: (text: string) => ({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [{ role: 'user', content: text }] }) },
  { modelId: 'amazon.nova-micro-v1:0', body: (text: string) => ({ messages: [{ role: 'user', content: [{ text }] }], inferenceConfig: { maxTokens: 50 } }) },
  { modelId: 'meta.llama3-8b-instruct-v1:0', body: (text: string) => ({ prompt: text, max_gen_len: 50 }) },
];

let stack: TestStack;
let db: DynamoDBDocumentClient;
const keys: { key: string; principalId: string }[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  const admin = stack.as(stack.adminKey ?? '');
  for (const username of ['Load A', 'Load B', 'Load C']) {
    const reply = await admin(CREATE_API_KEY, { input: { username } });
    keys.push(reply.body.data?.createApiKey as { key: string; principalId: string });
  }
  // A second key for the first principal: usage of both keys belongs to that principal.
  const second = await admin(CREATE_API_KEY, { input: { username: 'Load A', principalId: keys[0]?.principalId } });
  keys.push(second.body.data?.createApiKey as { key: string; principalId: string });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: stack.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
}, 120_000);

afterAll(async () => {
  db?.destroy();
  await stack?.close();
});

async function ledgerOf(principalId: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({ TableName: stack.tables.ledger, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PRINCIPAL#${principalId}` }, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const sumOf = (items: Record<string, unknown>[], field: string) => items.reduce((sum, item) => sum + BigInt((item[field] as number | undefined) ?? 0), 0n);

describe('concurrent invocations from several principals and keys', () => {
  it('count every successful invocation once and keep every aggregate equal to the ledger to the nano-dollar', async () => {
    const calls = Array.from({ length: 72 }, (_, index) => ({
      key: keys[index % keys.length]?.key ?? '',
      model: MODELS[index % MODELS.length] ?? MODELS[0],
      text: `load test ${index} ${'word '.repeat(index % 7)}`,
      // Every sixth call is sent twice at once with the same idempotency key.
      idempotencyKey: index % 6 === 0 ? `load-${index}` : undefined,
    }));
    const sends = calls.flatMap((call) => (call.idempotencyKey ? [call, call] : [call]));
    const succeeded = new Map<string, string>();
    let running = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        for (let next = running; next < sends.length; next = running) {
          running += 1;
          const call = sends[next];
          if (!call?.model) continue;
          const reply = await stack.as(call.key)(INVOKE_MODEL, {
            input: { modelId: call.model.modelId, body: JSON.stringify(call.model.body(call.text)), idempotencyKey: call.idempotencyKey },
          });
          const result = reply.body.data?.invokeModel as { invocationId: string; cost: { nanoUsd: string } } | undefined;
          if (result) succeeded.set(result.invocationId, result.cost.nanoUsd);
          else expect(reply.body.errors?.[0]?.errorType).toBe('IdempotencyKeyInProgress');
        }
      }),
    );
    // Every distinct call succeeded at least once (a duplicate may have been refused while in progress).
    expect(succeeded.size).toBe(calls.length);

    const principals = [...new Set(keys.map((key) => key.principalId))];
    const ledgerIds = new Set<string>();
    let ledgerTotal = 0n;
    for (const principalId of principals) {
      const items = await ledgerOf(principalId);
      const invocations = items.filter((item) => item.kind === 'INVOCATION');
      for (const item of invocations) {
        expect(ledgerIds.has(item.invocationId as string)).toBe(false);
        ledgerIds.add(item.invocationId as string);
        expect(String(item.costNanoUsd)).toBe(succeeded.get(item.invocationId as string));
      }
      const cost = sumOf(invocations, 'costNanoUsd');
      ledgerTotal += cost;
      const days = items.filter((item) => item.kind === 'DAY');
      const months = items.filter((item) => item.kind === 'MONTH');
      for (const level of [days, months]) {
        expect(sumOf(level, 'costNanoUsd')).toBe(cost);
        expect(sumOf(level, 'invocations')).toBe(BigInt(invocations.length));
        expect(sumOf(level, 'inputTokens')).toBe(sumOf(invocations, 'inputTokens'));
        expect(sumOf(level, 'outputTokens')).toBe(sumOf(invocations, 'outputTokens'));
      }
      const key = keys.find((candidate) => candidate.principalId === principalId)?.key ?? '';
      const summary = (await stack.as(key)(USAGE_SUMMARY, { from: today(), to: today() })).body.data?.usageSummary as {
        totals: { invocations: number; costNanoUsd: string };
        byModel: { totals: { costNanoUsd: string } }[];
        byDay: { totals: { costNanoUsd: string } }[];
      };
      expect(BigInt(summary.totals.costNanoUsd)).toBe(cost);
      expect(summary.totals.invocations).toBe(invocations.length);
      expect(summary.byModel.reduce((sum, row) => sum + BigInt(row.totals.costNanoUsd), 0n)).toBe(cost);
      expect(summary.byDay.reduce((sum, row) => sum + BigInt(row.totals.costNanoUsd), 0n)).toBe(cost);
    }
    expect([...ledgerIds].sort()).toEqual([...succeeded.keys()].sort());
    expect(ledgerTotal).toBe([...succeeded.values()].reduce((sum, nano) => sum + BigInt(nano), 0n));
  });
});
