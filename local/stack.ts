import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createKey } from '../functions/lib/keys.ts';
import { seedPriceCatalogue } from '../functions/lib/price-catalogue.ts';
import { TABLES, type TableName } from '../resolvers/tables.ts';
import { createLocalApi, tableNames, type LocalApi } from './app.ts';
import type { BedrockEmulatorConfig } from './bedrock/config.ts';
import { createBedrockEmulator, type ListeningEmulator } from './bedrock/server.ts';
import type { StartConfig } from './config.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { createRealtimeServer } from './realtime/server.ts';
import { createLocalListener } from './server.ts';
import { createWebPages } from './web/pages.ts';
import { ensureTables } from './tables.ts';
import { ensureLocalCertificate } from './tls.ts';

/** Credentials DynamoDB Local and the Bedrock emulator accept; never sent anywhere else. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
const TABLE_PREFIX = 'bedrock-ledger-';

/** What `keys` and scripts read to reach a running local API. */
export interface RuntimeState {
  readonly graphqlUrl: string;
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly tables: Readonly<Record<TableName, string>>;
  readonly keyHashSecret: string;
  readonly pid: number;
}

export interface RunningStack {
  readonly graphqlUrl: string;
  readonly realtimeUrl: string;
  /** The CA certificate behind TLS on the same port (wss://), for clients to trust. */
  readonly tlsCaPath: string;
  readonly appSyncApiKey: string;
  /** Set when the data store was new: the first ADMIN key, shown once. */
  readonly adminKey: string | null;
  readonly bedrockUrl: string | null;
  readonly dynamodbEndpoint: string;
  readonly tables: Readonly<Record<TableName, string>>;
  readonly api: LocalApi;
  /** Stops and restarts DynamoDB Local on the same port (fault tests; data survives only when persisted). */
  readonly dynamodbLocal: { stop(): Promise<void>; restart(): Promise<void> };
  stop(): Promise<void>;
}

function persistentSecret(dataDir: string | null, file: string, make: () => string): string {
  if (!dataDir) return make();
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return value;
}

async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/**
 * Starts everything `npm start` runs: DynamoDB Local, the Bedrock emulator (unless real Bedrock or
 * another endpoint is configured), the local AppSync API and its HTTP server.
 */
/** Settings only tests and benchmarks pass in-process (never from the command line). */
export interface StackOverrides {
  /** Extra configuration of the built-in Bedrock emulator, e.g. a fault-injection hook. */
  readonly bedrockEmulator?: Omit<BedrockEmulatorConfig, 'region'>;
}

export async function startStack(config: StartConfig, overrides: StackOverrides = {}): Promise<RunningStack> {
  const dataDir = config.inMemory ? null : config.dataDir;
  mkdirSync(config.dataDir, { recursive: true });
  if (dataDir) mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const ddbOptions = dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {};
    let ddbLocal = await startDynamoDbLocal(ddbOptions);
    let ddbRunning = true;
    stops.push(async () => {
      if (ddbRunning) await ddbLocal.stop();
    });
    const dynamodbLocal = {
      async stop() {
        if (ddbRunning) await ddbLocal.stop();
        ddbRunning = false;
      },
      async restart() {
        if (ddbRunning) await ddbLocal.stop();
        ddbLocal = await startDynamoDbLocal({ ...ddbOptions, port: ddbLocal.port });
        ddbRunning = true;
      },
    };
    const dynamodb = new DynamoDBClient({ region: config.region, endpoint: ddbLocal.endpoint, credentials: LOCAL_CREDENTIALS });
    stops.push(async () => dynamodb.destroy());
    const tables = tableNames(TABLE_PREFIX);
    const storeIsNew = !(await tableExists(dynamodb, tables.keys));
    await ensureTables(dynamodb, Object.values(TABLES), (definition) => `${TABLE_PREFIX}${definition.id}`);
    await seedPriceCatalogue(DynamoDBDocumentClient.from(dynamodb), tables.prices);

    let emulator: ListeningEmulator | null = null;
    let bedrockEnvironment: Record<string, string>;
    if (config.bedrock.kind === 'emulator') {
      emulator = await createBedrockEmulator({ ...overrides.bedrockEmulator, region: config.region }).listen(0, '127.0.0.1');
      stops.push(() => (emulator as ListeningEmulator).close());
      bedrockEnvironment = { BEDROCK_ENDPOINT: emulator.url, AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey };
    } else if (config.bedrock.kind === 'endpoint') {
      bedrockEnvironment = { ...config.ambientAws, BEDROCK_ENDPOINT: config.bedrock.url };
    } else {
      bedrockEnvironment = { ...config.ambientAws };
    }

    const keyHashSecret = persistentSecret(dataDir, 'key-hash-secret', () => randomBytes(32).toString('base64url'));
    const appSyncApiKey = persistentSecret(dataDir, 'appsync-api-key', () => `da2-${randomBytes(13).toString('hex')}`);
    let adminKey: string | null = null;
    if (storeIsNew) {
      const db = DynamoDBDocumentClient.from(dynamodb);
      adminKey = (await createKey(db, tables.keys, keyHashSecret, { username: 'admin', role: 'ADMIN' })).key;
    }

    // Known once the server below listens; functions that call the API itself read it at their first invocation.
    let graphqlUrl = '';
    const api = createLocalApi({
      graphqlUrl: () => graphqlUrl,
      dynamodb,
      dynamodbEndpoint: ddbLocal.endpoint,
      tables,
      region: config.region,
      bedrockEnvironment,
      keyHashSecret,
      appSyncApiKey,
      ledgerFallbackDir: join(config.dataDir, 'ledger-fallback'),
    });
    stops.push(() => api.stop());
    let ready = false;
    const tlsDir = dataDir ? join(dataDir, 'tls') : mkdtempSync(join(tmpdir(), 'bedrock-ledger-tls-'));
    if (!dataDir) stops.push(async () => rmSync(tlsDir, { recursive: true, force: true }));
    const certificate = await ensureLocalCertificate(tlsDir);
    const realtime = createRealtimeServer({
      api,
      hub: api.subscriptions,
      ...(config.realtimeKeepAliveMs === undefined ? {} : { keepAliveIntervalMs: config.realtimeKeepAliveMs }),
    });
    const server = createLocalListener({ graphql: api, ready: () => ready, upgrade: realtime.handleUpgrade, tls: certificate, pages: createWebPages({ appSyncApiKey }) });
    const { port } = await server.listen(config.port, config.host);
    stops.push(() => server.close());
    stops.push(() => realtime.close());
    graphqlUrl = `http://${dialHost(config.host)}:${port}/graphql`;

    const statePath = join(config.dataDir, 'runtime.json');
    const state: RuntimeState = { graphqlUrl, dynamodbEndpoint: ddbLocal.endpoint, region: config.region, tables, keyHashSecret, pid: process.pid };
    writeFileSync(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });
    stops.push(async () => rmSync(statePath, { force: true }));
    ready = true;
    return {
      graphqlUrl,
      realtimeUrl: `ws://${dialHost(config.host)}:${port}/graphql/realtime`,
      tlsCaPath: certificate.caPath,
      appSyncApiKey,
      adminKey,
      bedrockUrl: emulator?.url ?? null,
      dynamodbEndpoint: ddbLocal.endpoint,
      tables,
      api,
      dynamodbLocal,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The host clients (and the API's own functions) dial for a listening address: wildcards mean loopback. */
export function dialHost(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
