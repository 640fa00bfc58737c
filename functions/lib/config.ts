/**
 * Lambda configuration, parsed from an environment map (handlers read process.env once, through
 * functions/lib/env.ts). No other Lambda module reads process.env.
 * Deployed, infra/ sets these; locally, the local runtime passes them to each function's worker.
 */
import { parseLogLevel, type LogLevel } from './logger.ts';

export class MissingSettingError extends Error {
  override name = 'MissingSettingError';
}

type Env = Readonly<Record<string, string | undefined>>;

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string, hint: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new MissingSettingError(`${name} is required; ${hint}`);
  return value;
}

export interface FunctionConfig {
  readonly region: string;
  /** Region Bedrock is called in (and priced for); defaults to the function's region. */
  readonly bedrockRegion: string;
  /** Set locally to the Bedrock emulator, or to any Bedrock-compatible endpoint. */
  readonly bedrockEndpoint: string | undefined;
  /** Set locally to DynamoDB Local. */
  readonly dynamodbEndpoint: string | undefined;
  readonly tables: {
    readonly ledger: string | undefined;
    readonly keys: string | undefined;
    readonly budgets: string | undefined;
    readonly prices: string | undefined;
  };
  readonly keyHashSecret:
    | { readonly kind: 'value'; readonly value: string }
    | { readonly kind: 'secretsManager'; readonly secretId: string }
    | undefined;
  /**
   * Where invocations whose ledger write failed are kept for replay: deployed, an SQS queue
   * (LEDGER_FALLBACK_QUEUE_URL); locally, a directory for a JSON-lines file (LEDGER_FALLBACK_DIR).
   */
  readonly ledgerFallback:
    | { readonly kind: 'queue'; readonly queueUrl: string }
    | { readonly kind: 'file'; readonly directory: string }
    | undefined;
  /** How long the authorizer lets AppSync cache an allow decision, in seconds. */
  readonly authorizerTtlSeconds: number;
  /** LEDGER_RETENTION_DAYS: days ledger items are kept (DynamoDB TTL); unset keeps them for ever. */
  readonly ledgerRetentionDays: number | undefined;
  /**
   * Where budget events are published (the API's own GraphQL endpoint, GRAPHQL_URL), signed with the
   * function's own credentials; the local runtime passes a local signing key pair instead
   * (GRAPHQL_ACCESS_KEY_ID, GRAPHQL_SECRET_ACCESS_KEY). Unset: events are recorded, not published.
   */
  readonly graphql:
    | { readonly url: string; readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined }
    | undefined;
  readonly logLevel: LogLevel;
}

export function readConfig(env: Env): FunctionConfig {
  const region = required(env, 'AWS_REGION', 'Lambda sets it; locally the runtime passes it');
  const secretValue = optional(env, 'KEY_HASH_SECRET');
  const secretArn = optional(env, 'KEY_HASH_SECRET_ARN');
  const ttl = optional(env, 'AUTHORIZER_TTL_SECONDS');
  const authorizerTtlSeconds = ttl === undefined ? 60 : Number(ttl);
  if (!Number.isInteger(authorizerTtlSeconds) || authorizerTtlSeconds < 0 || authorizerTtlSeconds > 3600) {
    throw new MissingSettingError(`AUTHORIZER_TTL_SECONDS must be an integer from 0 to 3600, got "${ttl}"`);
  }
  return {
    region,
    bedrockRegion: optional(env, 'BEDROCK_REGION') ?? region,
    bedrockEndpoint: optional(env, 'BEDROCK_ENDPOINT'),
    dynamodbEndpoint: optional(env, 'DYNAMODB_ENDPOINT'),
    tables: {
      ledger: optional(env, 'LEDGER_TABLE'),
      keys: optional(env, 'KEYS_TABLE'),
      budgets: optional(env, 'BUDGETS_TABLE'),
      prices: optional(env, 'PRICES_TABLE'),
    },
    keyHashSecret: secretValue
      ? { kind: 'value', value: secretValue }
      : secretArn
        ? { kind: 'secretsManager', secretId: secretArn }
        : undefined,
    ledgerFallback: ledgerFallback(env),
    authorizerTtlSeconds,
    logLevel: parseLogLevel(optional(env, 'LOG_LEVEL')),
    ledgerRetentionDays: retentionDays(optional(env, 'LEDGER_RETENTION_DAYS')),
    graphql: graphqlEndpoint(env),
  };
}

function graphqlEndpoint(env: Env): FunctionConfig['graphql'] {
  const url = optional(env, 'GRAPHQL_URL');
  const accessKeyId = optional(env, 'GRAPHQL_ACCESS_KEY_ID');
  const secretAccessKey = optional(env, 'GRAPHQL_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new MissingSettingError('GRAPHQL_ACCESS_KEY_ID and GRAPHQL_SECRET_ACCESS_KEY are set together or not at all');
  }
  if (url === undefined) return undefined;
  if (!/^https?:\/\/[^/]/.test(url)) throw new MissingSettingError(`GRAPHQL_URL must be the API's http(s) GraphQL endpoint, got "${url}"`);
  return { url, credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined };
}

function ledgerFallback(env: Env): FunctionConfig['ledgerFallback'] {
  const queueUrl = optional(env, 'LEDGER_FALLBACK_QUEUE_URL');
  if (queueUrl) return { kind: 'queue', queueUrl };
  const directory = optional(env, 'LEDGER_FALLBACK_DIR');
  return directory ? { kind: 'file', directory } : undefined;
}

/** The table bound to this function, or a message that says how to bind it. */
const TABLE_VARIABLES = { ledger: 'LEDGER_TABLE', keys: 'KEYS_TABLE', budgets: 'BUDGETS_TABLE', prices: 'PRICES_TABLE' } as const;

export function tableName(config: FunctionConfig, table: keyof typeof TABLE_VARIABLES): string {
  const name = config.tables[table];
  if (!name) {
    const variable = TABLE_VARIABLES[table];
    throw new MissingSettingError(`${variable} is required; bind the ${table} table to this function`);
  }
  return name;
}


function retentionDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) {
    throw new MissingSettingError(`LEDGER_RETENTION_DAYS must be a whole number of days (1 or more), got "${value}"`);
  }
  return days;
}
