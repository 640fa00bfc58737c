/**
 * The local runtime's settings: command-line flags first, then environment variables, then
 * defaults. The only file under local/ that reads process.env or argv.
 */
import { resolve } from 'node:path';

export class LocalConfigError extends Error {
  override name = 'LocalConfigError';
}

export type BedrockTarget =
  /** The built-in Bedrock Runtime emulator. */
  | { readonly kind: 'emulator' }
  /** Real Amazon Bedrock with ambient AWS credentials (BEDROCK_ENDPOINT=aws). */
  | { readonly kind: 'aws' }
  /** Any Bedrock-compatible endpoint (BEDROCK_ENDPOINT=<url>). */
  | { readonly kind: 'endpoint'; readonly url: string };

export interface StartConfig {
  readonly host: string;
  readonly port: number;
  /** Throwaway store: DynamoDB Local in memory. */
  readonly inMemory: boolean;
  /** Where data and runtime state persist. */
  readonly dataDir: string;
  readonly region: string;
  readonly bedrock: BedrockTarget;
  /** AWS_* variables passed to functions when real Bedrock is used (ambient credentials). */
  readonly ambientAws: Readonly<Record<string, string>>;
  /** Interval of the real-time endpoint's keep-alive (`ka`) messages; default 30 s (REALTIME_KEEPALIVE_SECONDS). */
  readonly realtimeKeepAliveMs?: number;
}

export const DEFAULT_PORT = 4000;
export const DEFAULT_DATA_DIR = '.bedrock-ledger';

function flag(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

function parsePort(value: string, source: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new LocalConfigError(`${source} must be a port number from 0 to 65535, got "${value}"`);
  }
  return port;
}

export function readStartConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): StartConfig {
  const portFlag = flag(argv, '--port');
  const port = portFlag !== undefined ? parsePort(portFlag, '--port') : env.PORT ? parsePort(env.PORT, 'PORT') : DEFAULT_PORT;
  const endpoint = env.BEDROCK_ENDPOINT?.trim();
  let bedrock: BedrockTarget = { kind: 'emulator' };
  if (endpoint === 'aws') bedrock = { kind: 'aws' };
  else if (endpoint) {
    if (!/^https?:\/\//.test(endpoint)) {
      throw new LocalConfigError(`BEDROCK_ENDPOINT must be "aws" or an http(s) URL, got "${endpoint}"`);
    }
    bedrock = { kind: 'endpoint', url: endpoint };
  }
  const ambientAws: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (name.startsWith('AWS_') || name === 'HOME')) ambientAws[name] = value;
  }
  const keepAlive = env.REALTIME_KEEPALIVE_SECONDS;
  const keepAliveSeconds = keepAlive === undefined || keepAlive === '' ? 30 : Number(keepAlive);
  if (!Number.isFinite(keepAliveSeconds) || keepAliveSeconds <= 0 || keepAliveSeconds > 60) {
    throw new LocalConfigError(`REALTIME_KEEPALIVE_SECONDS must be a number of seconds above 0 and at most 60, got "${keepAlive ?? ''}"`);
  }
  return {
    host: flag(argv, '--host') ?? '127.0.0.1',
    port,
    inMemory: argv.includes('--in-memory'),
    dataDir: resolve(flag(argv, '--data-dir') ?? env.BEDROCK_LEDGER_DATA_DIR ?? DEFAULT_DATA_DIR),
    region: env.BEDROCK_REGION ?? env.AWS_REGION ?? 'us-east-1',
    bedrock,
    ambientAws,
    realtimeKeepAliveMs: keepAliveSeconds * 1000,
  };
}

/** Where `keys` finds the running local API; set by `start`. */
export function readDataDir(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  return resolve(flag(argv, '--data-dir') ?? env.BEDROCK_LEDGER_DATA_DIR ?? DEFAULT_DATA_DIR);
}

/** Where the command-line client sends its requests (`keys`, `invoke`, `usage`, `watch`, …). */
export interface ClientConfig {
  /** A GraphQL endpoint; null means the local API found through the data dir's runtime.json. */
  readonly endpoint: string | null;
  /** The key sent with every request (`bdl_…` in Authorization, `da2-…` as x-api-key); null when none is set. */
  readonly key: string | null;
  readonly dataDir: string;
  /** Region of a deployed keys table and its secret (`keys create --table-name`). */
  readonly region: string | null;
}

/** `--endpoint` / BEDROCK_LEDGER_ENDPOINT, `--key` / BEDROCK_LEDGER_KEY, `--data-dir` / BEDROCK_LEDGER_DATA_DIR. */
export function readClientConfig(
  flags: { readonly endpoint?: string | undefined; readonly key?: string | undefined; readonly dataDir?: string | undefined; readonly region?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): ClientConfig {
  const endpoint = flags.endpoint ?? (env.BEDROCK_LEDGER_ENDPOINT || undefined) ?? null;
  if (endpoint !== null && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new LocalConfigError(`${flags.endpoint ? '--endpoint' : 'BEDROCK_LEDGER_ENDPOINT'} must be an http(s) GraphQL URL, got "${endpoint}"`);
  }
  return {
    endpoint,
    key: flags.key ?? (env.BEDROCK_LEDGER_KEY || undefined) ?? null,
    dataDir: resolve(flags.dataDir ?? env.BEDROCK_LEDGER_DATA_DIR ?? DEFAULT_DATA_DIR),
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? null,
  };
}
