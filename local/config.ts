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
  return {
    host: flag(argv, '--host') ?? '127.0.0.1',
    port,
    inMemory: argv.includes('--in-memory'),
    dataDir: resolve(flag(argv, '--data-dir') ?? env.BEDROCK_LEDGER_DATA_DIR ?? DEFAULT_DATA_DIR),
    region: env.BEDROCK_REGION ?? env.AWS_REGION ?? 'us-east-1',
    bedrock,
    ambientAws,
  };
}

/** Where `keys` finds the running local API; set by `start`. */
export function readDataDir(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  return resolve(flag(argv, '--data-dir') ?? env.BEDROCK_LEDGER_DATA_DIR ?? DEFAULT_DATA_DIR);
}
