/**
 * `npm run bench`: measures the local runtime on this machine and prints a JSON report, also written
 * to bench/results/<timestamp>.json and bench/results/latest.json. Never part of `npm test`.
 * BENCH_CALLS (default 2000) sets the sequential sample size; BENCH_SEED (default 1000000) the large
 * ledger size.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { recordInvocation, type LedgerEntry } from '../functions/lib/ledger.ts';
import { PROJECT_ROOT, bundleFunction } from '../resolvers/build.ts';
import { FUNCTIONS, type FunctionDefinition } from '../resolvers/manifest.ts';
import type { InvokeModelResult } from '../schema/__generated__/graphql.ts';
import { startRuntimeProcess } from './runtime-process.ts';
import { measureFanout } from './fanout.ts';
import { seedInvocations } from './seed.ts';
import { distribution, throughput, timeSequential } from './stats.ts';

const env = process.env;
const CALLS = Number(env.BENCH_CALLS ?? 2000);
const SEED = Number(env.BENCH_SEED ?? 1_000_000);
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const BODY = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, messages: [{ role: 'user', content: [{ type: 'text', text: 'Good morning!' }] }] };
const log = (line: string) => process.stderr.write(`${line}\n`);

const runtime = await startRuntimeProcess();
log(`runtime ready in ${runtime.startupMs} ms`);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const ddb = new DynamoDBClient({ region: 'us-east-1', endpoint: runtime.state.dynamodbEndpoint, credentials });
const db = DynamoDBDocumentClient.from(ddb);
const ledgerTable = runtime.state.tables.ledger;

async function graphql(key: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(runtime.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: key },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data ?? {};
}

async function newKey(username: string) {
  const data = await graphql(runtime.adminKey, 'mutation($u: String!) { createApiKey(input: { username: $u }) { key principalId } }', { u: username });
  return data.createApiKey as { key: string; principalId: string };
}

const INVOKE = 'mutation($input: InvokeModelInput!) { invokeModel(input: $input) { invocationId principalId cost { nanoUsd } } }';
const invokeThroughRuntime = (key: string) => graphql(key, INVOKE, { input: { modelId: MODEL, body: JSON.stringify(BODY) } });

try {
  // 1. Added latency: the same request through the local runtime vs straight to the emulator.
  const user = await newKey('bench-overhead');
  const bedrock = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: runtime.bedrockUrl, credentials });
  const direct = distribution(
    await timeSequential(CALLS, 50, async () => {
      await bedrock.send(new InvokeModelCommand({ modelId: MODEL, body: JSON.stringify(BODY), contentType: 'application/json' }));
    }),
  );
  log(`direct p50 ${direct.p50Ms} ms`);
  const through = distribution(await timeSequential(CALLS, 50, async () => void (await invokeThroughRuntime(user.key))));
  log(`through runtime p50 ${through.p50Ms} ms`);
  const entry = (principalId: string, index: number): LedgerEntry => ({
    invocationId: `${principalId}-${index}-${Math.random().toString(36).slice(2)}`,
    principalId,
    keyId: 'key_floor',
    modelId: MODEL,
    pricedModelId: MODEL,
    region: 'us-east-1',
    inputTokens: 10,
    outputTokens: 20,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    costNanoUsd: 27_500,
    costExactNanoUsd: '27500',
    priced: true,
    rates: null,
    priceRegion: '*',
    priceSource: 'bench',
    usageSource: 'headers',
    bedrockRequestId: null,
    idempotencyKey: null,
    latencyMs: 1,
    createdAt: new Date().toISOString(),
  });
  const resultFor = (item: LedgerEntry): InvokeModelResult => ({
    invocationId: item.invocationId,
    principalId: item.principalId,
    modelId: item.modelId,
    body: '{}',
    usage: { inputTokens: item.inputTokens, outputTokens: item.outputTokens, cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheWrite1hInputTokens: 0 },
    cost: { usd: '0.000027500', nanoUsd: String(item.costNanoUsd), priced: true },
    latencyMs: item.latencyMs,
    createdAt: item.createdAt,
    stopReason: null,
    team: null,
    tags: [],
  });
  const floor = distribution(
    await timeSequential(CALLS, 50, async (index) => {
      const item = entry('prn_benchfloor', index);
      await recordInvocation(db, ledgerTable, item, resultFor(item));
    }),
  );
  log(`ledger transaction p50 ${floor.p50Ms} ms`);

  // 2. Throughput at concurrency 1, 8, 32 from several principals, then an exact reconciliation.
  const principals = await Promise.all(Array.from({ length: 4 }, (_, index) => newKey(`bench-load-${index}`)));
  const perLevel: Record<string, number> = {};
  for (const concurrency of [1, 8, 32]) {
    const total = concurrency === 1 ? 300 : 800;
    perLevel[`c${concurrency}PerSec`] = await throughput(total, concurrency, async (index) => {
      await invokeThroughRuntime(principals[index % principals.length]?.key ?? '');
    });
    log(`c${concurrency}: ${perLevel[`c${concurrency}PerSec`]}/s`);
  }
  const localRuntimePeakRssMb = runtime.peakRssMb();
  const floorC32PerSec = await throughput(800, 32, async (index) => {
    const item = entry('prn_benchfloor32', index);
    await recordInvocation(db, ledgerTable, item, resultFor(item));
  });
  let totalsExact = true;
  for (const principal of principals) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new QueryCommand({ TableName: ledgerTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PRINCIPAL#${principal.principalId}` }, ExclusiveStartKey: start, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const sum = (kind: string, field: string) => items.filter((item) => item.kind === kind).reduce((total, item) => total + BigInt(item[field] as number), 0n);
    const invocations = BigInt(items.filter((item) => item.kind === 'INVOCATION').length);
    totalsExact &&= sum('DAY', 'costNanoUsd') === sum('INVOCATION', 'costNanoUsd') && sum('MONTH', 'costNanoUsd') === sum('INVOCATION', 'costNanoUsd');
    totalsExact &&= sum('DAY', 'invocations') === invocations && sum('MONTH', 'invocations') === invocations;
  }
  log(`totals exact: ${totalsExact}`);

  // 3. Query cost with 1,000 and with SEED invocations behind the principal.
  const lastDay = new Date().toISOString().slice(0, 10);
  const from90 = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
  const models = ['anthropic.claude-3-haiku-20240307-v1:0', 'amazon.nova-micro-v1:0', 'meta.llama3-8b-instruct-v1:0', 'mistral.mistral-7b-instruct-v0:2'];
  const queries: Record<string, number> = {};
  for (const [label, count] of [['1k', 1000], ['1m', SEED]] as const) {
    const key = await newKey(`bench-query-${label}`);
    const seedStarted = performance.now();
    await seedInvocations(db, ledgerTable, { principalId: key.principalId, team: `bench-team-${label}`, invocations: count, days: 90, lastDay, models });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`seeded ${count} in ${seedSeconds.toFixed(1)} s`);
    queries[`seed${label}PerSec`] = Math.round(count / seedSeconds);
    const summary = distribution(
      await timeSequential(200, 10, async () => {
        const data = await graphql(key.key, 'query($f: AWSDate!, $t: AWSDate!) { usageSummary(from: $f, to: $t) { totals { invocations costNanoUsd } byModel { modelId } byDay { date } } }', { f: from90, t: lastDay });
        const totals = (data.usageSummary as { totals: { invocations: number } }).totals;
        if (totals.invocations !== count) throw new Error(`usageSummary saw ${totals.invocations} of ${count} invocations`);
      }),
    );
    const page = distribution(await timeSequential(200, 10, async () => void (await graphql(key.key, 'query { invocations(limit: 50) { items { invocationId } nextToken } }'))));
    queries[`usageSummaryP95Ms${label}`] = summary.p95Ms;
    queries[`usageSummaryP50Ms${label}`] = summary.p50Ms;
    queries[`invocationsPageP95Ms${label}`] = page.p95Ms;
    // The same 90 days for the principal's team, and the daily spend of every principal (rollups).
    const team = distribution(
      await timeSequential(200, 10, async () => {
        const data = await graphql(runtime.adminKey, 'query($f: AWSDate!, $t: AWSDate!, $team: ID) { usageSummary(from: $f, to: $t, team: $team) { totals { invocations } } }', { f: from90, t: lastDay, team: `bench-team-${label}` });
        const totals = (data.usageSummary as { totals: { invocations: number } }).totals;
        if (totals.invocations !== count) throw new Error(`team usageSummary saw ${totals.invocations} of ${count} invocations`);
      }),
    );
    const breakdown = distribution(
      await timeSequential(100, 5, async () => {
        let nextToken: string | null = null;
        do {
          const data = await graphql(runtime.adminKey, 'query($f: AWSDate!, $t: AWSDate!, $n: String) { usageBreakdown(by: MODEL, from: $f, to: $t, limit: 1000, nextToken: $n) { items { key } nextToken } }', { f: from90, t: lastDay, n: nextToken });
          nextToken = (data.usageBreakdown as { nextToken: string | null }).nextToken;
        } while (nextToken);
      }),
    );
    queries[`teamUsageSummaryP95Ms${label}`] = team.p95Ms;
    queries[`usageBreakdownByModelP95Ms${label}`] = breakdown.p95Ms;
    log(`usageSummary p95 with ${count}: ${summary.p95Ms} ms`);
  }

  // 3b. Subscription fan-out: mutation sent → data message at each of 1 and 100 subscribers.
  const fanout: Record<string, number | string | null> = {};
  try {
    const watcher = await newKey('bench-fanout');
    for (const subscribers of [1, 100]) {
      const result = await measureFanout({ graphqlUrl: runtime.graphqlUrl, key: watcher.key, subscribers, mutations: 30, invoke: async () => void (await invokeThroughRuntime(watcher.key)) });
      fanout[`p50Ms${subscribers}`] = result.p50Ms;
      fanout[`p99Ms${subscribers}`] = result.p99Ms;
      log(`fan-out to ${subscribers}: p50 ${result.p50Ms} ms`);
    }
  } catch (error) {
    fanout.p50Ms100 = null;
    fanout.error = error instanceof Error ? error.message : String(error);
    log(`fan-out not measured: ${fanout.error}`);
  }

  // 4. Bundles and cold-start module init, each in a fresh process.
  const bundleDir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-bundles-'));
  const baseEnv: Record<string, string | undefined> = {
    ...env,
    NODE_NO_WARNINGS: '1',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DYNAMODB_ENDPOINT: runtime.state.dynamodbEndpoint,
    BEDROCK_ENDPOINT: runtime.bedrockUrl,
    KEY_HASH_SECRET: 'bench',
    LOG_LEVEL: 'silent',
  };
  /** Each function's environment as the manifest binds it: its tables, by their local names. */
  const envFor = (definition: FunctionDefinition): Record<string, string | undefined> => {
    const tables: Record<string, string> = {};
    for (const [variable, binding] of Object.entries(definition.tables)) tables[variable] = runtime.state.tables[binding.table];
    return { ...baseEnv, ...tables };
  };
  const bundles: Record<string, number> = {};
  for (const [name, definition] of Object.entries(FUNCTIONS) as [string, FunctionDefinition][]) {
    const text = bundleFunction(definition.entry);
    const path = join(bundleDir, `${name}.mjs`);
    writeFileSync(path, text);
    bundles[`${name}Bytes`] = Buffer.byteLength(text);
    const inits: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const out = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bench', 'lambda-process.mjs'), path, '0'], { env: envFor(definition), encoding: 'utf8' });
      const line = out.stdout.trim().split('\n').pop() ?? '';
      if (!line.startsWith('{')) throw new Error(`${name} did not start in a fresh process: ${out.stderr.trim().split('\n').slice(0, 3).join(' ')}`);
      inits.push((JSON.parse(line) as { initMs: number }).initMs);
    }
    bundles[`${name}InitMs`] = distribution(inits).p50Ms;
  }

  // 5. Peak RSS of the invoke-model handler over 1,000 invocations in one process.
  const memoryRun = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bench', 'lambda-process.mjs'), join(bundleDir, 'invokeModel.mjs'), '1000'], { env: envFor(FUNCTIONS.invokeModel), encoding: 'utf8' });
  const lambda = JSON.parse(memoryRun.stdout.trim().split('\n').pop() ?? '{}') as { peakRssMb: number; failures: number };
  if (lambda.failures > 0) throw new Error(`${lambda.failures} of 1000 handler invocations failed in the memory run`);

  const report = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    measuredAt: new Date().toISOString(),
    overhead: {
      calls: CALLS,
      p50Ms: Math.round((through.p50Ms - direct.p50Ms) * 1000) / 1000,
      p90Ms: Math.round((through.p90Ms - direct.p90Ms) * 1000) / 1000,
      p99Ms: Math.round((through.p99Ms - direct.p99Ms) * 1000) / 1000,
      floorP50Ms: floor.p50Ms,
      floorP99Ms: floor.p99Ms,
      throughRuntime: through,
      directToEmulator: direct,
      ledgerTransaction: floor,
    },
    throughput: { ...perLevel, floorC32PerSec, totalsExact },
    query: { ...queries, seededInvocations: SEED },
    fanout,
    bundles: { ...bundles, invokeModelBytes: bundles.invokeModelBytes, invokeModelInitMs: bundles.invokeModelInitMs },
    memory: { lambdaPeakRssMb: Math.round(lambda.peakRssMb * 10) / 10, localRuntimePeakRssMb },
    startupMs: runtime.startupMs,
  };
  const text = `${JSON.stringify(report, null, 2)}\n`;
  mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(PROJECT_ROOT, 'bench', 'results', `${report.measuredAt.replaceAll(':', '-')}.json`), text);
  writeFileSync(join(PROJECT_ROOT, 'bench', 'results', 'latest.json'), text);
  process.stdout.write(text);
  bedrock.destroy();
} finally {
  ddb.destroy();
  await runtime.stop();
}
