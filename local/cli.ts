/**
 * `npm start` and `npm run keys`: the local runtime's command line.
 *   start [--port N] [--in-memory] [--data-dir DIR]
 *   keys create --username NAME [--role USER|ADMIN] [--principal-id prn_…] [--expires-at ISO]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { validateNewKey } from '../functions/create-api-key/validate.ts';
import { createKey } from '../functions/lib/keys.ts';
import { readDataDir, readStartConfig } from './config.ts';
import { startStack, type RuntimeState } from './stack.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

async function start(argv: readonly string[]): Promise<void> {
  const started = performance.now();
  const stack = await startStack(readStartConfig(argv, process.env));
  out(`GraphQL endpoint: ${stack.graphqlUrl}`);
  out(`Realtime endpoint: ${stack.realtimeUrl}`);
  out(`API key: ${stack.appSyncApiKey}`);
  if (stack.adminKey) out(`Admin key: ${stack.adminKey}`);
  out(`Bedrock: ${stack.bedrockUrl ? `emulator at ${stack.bedrockUrl}` : 'as configured by BEDROCK_ENDPOINT'}`);
  out(`Ready in ${Math.round(performance.now() - started)} ms. Press Ctrl+C to stop.`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function keys(argv: readonly string[]): Promise<void> {
  const [action] = argv;
  if (action !== 'create') throw new Error(`Unknown keys command "${action ?? ''}"; use: keys create --username NAME [--role USER|ADMIN]`);
  const statePath = join(readDataDir(argv, process.env), 'runtime.json');
  if (!existsSync(statePath)) throw new Error('No local API is running here; start it with `npm start` first');
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as RuntimeState;
  const username = option(argv, '--username');
  if (!username) throw new Error('--username is required, e.g. keys create --username "Your Name"');
  const role = option(argv, '--role') ?? 'USER';
  if (role !== 'USER' && role !== 'ADMIN') throw new Error(`--role must be USER or ADMIN, got "${role}"`);
  const input = validateNewKey({ username, role, principalId: option(argv, '--principal-id'), expiresAt: option(argv, '--expires-at') }, new Date());
  const client = new DynamoDBClient({ region: state.region, endpoint: state.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const { key, item } = await createKey(DynamoDBDocumentClient.from(client), state.tables.keys, state.keyHashSecret, input);
  client.destroy();
  out(`Key: ${key}`);
  out(`Key id: ${item.keyId}`);
  out(`Principal id: ${item.principalId}`);
  out('The key is shown this once; only its hash is stored.');
}

const [command, ...rest] = process.argv.slice(2);
const run = command === 'start' ? start : command === 'keys' ? keys : null;
if (!run) {
  process.stderr.write('Usage: cli.ts start [--port N] [--in-memory] | keys create --username NAME [--role USER|ADMIN]\n');
  process.exit(2);
}
run(rest).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
