/**
 * How a command reaches an API: `--endpoint`/`--key` (or their environment variables), else the local
 * API that `npm start` runs, found through the data dir's runtime.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLedgerClient, type LedgerClient } from '../../client/ledger-client.ts';
import { readClientConfig, type ClientConfig } from '../config.ts';
import type { RuntimeState } from '../stack.ts';
import { CliUsageError, type CliIo } from './command.ts';

/** Options every API-calling command accepts (node:util parseArgs form). */
export const CONNECTION_OPTIONS = {
  endpoint: { type: 'string' },
  key: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export interface ConnectionFlags {
  readonly endpoint?: string | undefined;
  readonly key?: string | undefined;
  readonly 'data-dir'?: string | undefined;
}

export function clientConfig(flags: ConnectionFlags, io: CliIo): ClientConfig {
  return readClientConfig({ endpoint: flags.endpoint, key: flags.key, dataDir: flags['data-dir'] }, io.env);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** No local API runs in the data dir (exit code 1: the environment, not the command line, is wrong). */
export class NoLocalApiError extends Error {
  override name = 'NoLocalApiError';
}

/** The running local API's state, or a one-line error saying how to start it. */
export function localRuntime(dataDir: string): RuntimeState {
  const path = join(dataDir, 'runtime.json');
  if (!existsSync(path)) {
    throw new NoLocalApiError(`No local API is running (no ${path}); start one with \`npm start\`, or pass --endpoint and --key`);
  }
  const state = JSON.parse(readFileSync(path, 'utf8')) as RuntimeState;
  if (!isRunning(state.pid)) throw new NoLocalApiError(`The local API that wrote ${path} is no longer running; start it with \`npm start\``);
  return state;
}

export function endpointOf(config: ClientConfig): string {
  return config.endpoint ?? localRuntime(config.dataDir).graphqlUrl;
}

/** A client for the configured endpoint and key; every command but a local `keys create` needs a key. */
export function connect(flags: ConnectionFlags, io: CliIo): { client: LedgerClient; url: string } {
  const config = clientConfig(flags, io);
  const url = endpointOf(config);
  if (config.key === null) {
    throw new CliUsageError('No API key: pass --key <key> or set BEDROCK_LEDGER_KEY (`npm start` prints an admin key when the store is new)');
  }
  const client = config.key.startsWith('da2-') ? createLedgerClient({ url, apiKey: config.key }) : createLedgerClient({ url, token: config.key });
  return { client, url };
}
