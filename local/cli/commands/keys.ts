import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument, SetPrincipalTeamDocument, type ApiKeyFieldsFragment, type Role } from '../../../client/__generated__/graphql.ts';
import type { LedgerClient } from '../../../client/ledger-client.ts';
import { validateNewKey } from '../../../functions/create-api-key/validate.ts';
import { ValidationError } from '../../../functions/lib/errors.ts';
import { createKey, type NewKeyInput } from '../../../functions/lib/keys.ts';
import { CliUsageError, type CliCommand, type CliIo } from '../command.ts';
import { CONNECTION_OPTIONS, clientConfig, connect, localRuntime } from '../connect.ts';
import { formatRows, parseFormat, parseTags, tagsCell } from '../format.ts';

/** Credentials DynamoDB Local accepts; used only for the local runtime's own store. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

const USAGE = 'keys create|list|revoke|rotate|team';

function parseRole(value: string | undefined): Role {
  const role = value ?? 'USER';
  if (role !== 'USER' && role !== 'ADMIN') throw new CliUsageError(`--role must be USER or ADMIN, got "${role}"`);
  return role;
}

function printCreated(io: CliIo, created: { key: string; keyId: string; principalId: string }): void {
  io.out(`Key: ${created.key}`);
  io.out(`Key id: ${created.keyId}`);
  io.out(`Principal id: ${created.principalId}`);
  io.err('The key is shown this once; only its hash is stored.');
}

/** A new key's input, checked as createApiKey checks it, for the paths that write the table directly. */
function checkedInput(input: {
  username: string;
  role: Role;
  principalId?: string | undefined;
  expiresAt?: string | undefined;
  team?: string | undefined;
  tags?: { key: string; value: string }[];
}): NewKeyInput {
  try {
    return validateNewKey(input, new Date());
  } catch (error) {
    if (error instanceof ValidationError) throw new CliUsageError(error.message);
    throw error;
  }
}

/** Straight into a deployed keys table with ambient AWS credentials; the hashing secret from Secrets Manager. */
async function createInDeployedTable(table: string, secretArn: string | undefined, region: string | null, input: NewKeyInput) {
  if (!secretArn) throw new CliUsageError('--table-name needs --secret-arn <ARN of the key-hashing secret> (the stack output KeySecretArn)');
  if (!region) throw new CliUsageError('--table-name needs a region: pass --region or set AWS_REGION');
  const secrets = new SecretsManagerClient({ region });
  const dynamodb = new DynamoDBClient({ region });
  try {
    const secret = (await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
    if (!secret) throw new CliUsageError(`Secret ${secretArn} has no string value`);
    return await createKey(DynamoDBDocumentClient.from(dynamodb), table, secret, input);
  } finally {
    secrets.destroy();
    dynamodb.destroy();
  }
}

/** Into the running local API's keys table (no admin key needed on your own machine). */
async function createInLocalRuntime(dataDir: string, input: NewKeyInput) {
  const state = localRuntime(dataDir);
  const dynamodb = new DynamoDBClient({ region: state.region, endpoint: state.dynamodbEndpoint, credentials: LOCAL_CREDENTIALS });
  try {
    return await createKey(DynamoDBDocumentClient.from(dynamodb), state.tables.keys, state.keyHashSecret, input);
  } finally {
    dynamodb.destroy();
  }
}

async function create(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...CONNECTION_OPTIONS,
      username: { type: 'string' },
      role: { type: 'string' },
      'principal-id': { type: 'string' },
      'expires-at': { type: 'string' },
      team: { type: 'string' },
      tag: { type: 'string', multiple: true },
      'table-name': { type: 'string' },
      'secret-arn': { type: 'string' },
      region: { type: 'string' },
    },
  });
  if (!values.username) throw new CliUsageError('--username is required, e.g. keys create --username "Your Name"');
  const input = {
    username: values.username,
    role: parseRole(values.role),
    principalId: values['principal-id'],
    expiresAt: values['expires-at'],
    team: values.team,
    tags: parseTags(values.tag),
  };
  const config = clientConfig(values, io);
  if (values['table-name']) {
    const { key, item } = await createInDeployedTable(values['table-name'], values['secret-arn'], values.region ?? config.region, checkedInput(input));
    printCreated(io, { key, keyId: item.keyId, principalId: item.principalId });
    return 0;
  }
  if (config.key === null && config.endpoint === null) {
    const { key, item } = await createInLocalRuntime(config.dataDir, checkedInput(input));
    printCreated(io, { key, keyId: item.keyId, principalId: item.principalId });
    return 0;
  }
  const { client } = connect(values, io);
  const { createApiKey } = await client.mutate(CreateApiKeyDocument, { input });
  printCreated(io, createApiKey);
  return 0;
}

/** Every page of apiKeys (a USER sees their own). */
export async function allKeys(client: LedgerClient, principalId: string | undefined): Promise<ApiKeyFieldsFragment[]> {
  const keys: ApiKeyFieldsFragment[] = [];
  let nextToken: string | null = null;
  do {
    const { apiKeys }: { apiKeys: { items: ApiKeyFieldsFragment[]; nextToken: string | null } } = await client.query(ApiKeysDocument, { principalId, limit: 100, nextToken });
    keys.push(...apiKeys.items);
    nextToken = apiKeys.nextToken;
  } while (nextToken);
  return keys;
}

const KEY_COLUMNS = ['keyId', 'principalId', 'username', 'role', 'team', 'tags', 'status', 'prefix', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'] as const;

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { ...CONNECTION_OPTIONS, 'principal-id': { type: 'string' }, format: { type: 'string' } } });
  const format = parseFormat(values.format, 'table');
  const { client } = connect(values, io);
  const keys = await allKeys(client, values['principal-id']);
  const rows = keys.map((key) => ({ ...key, tags: tagsCell(key.tags) }));
  for (const line of formatRows(rows, KEY_COLUMNS, format)) io.out(line);
  return 0;
}

function keyIdArgument(positionals: readonly string[], action: string): string {
  const [keyId, extra] = positionals;
  if (!keyId || extra !== undefined) throw new CliUsageError(`Usage: keys ${action} <keyId>`);
  return keyId;
}

async function revoke(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options: CONNECTION_OPTIONS, allowPositionals: true });
  const { client } = connect(values, io);
  const { revokeApiKey } = await client.mutate(RevokeApiKeyDocument, { keyId: keyIdArgument(positionals, 'revoke') });
  io.out(`Revoked ${revokeApiKey.keyId} (${revokeApiKey.username}) at ${revokeApiKey.revokedAt ?? ''}`);
  return 0;
}

/** A new key for the same principal, username and role; then the old key is revoked. */
async function rotate(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options: { ...CONNECTION_OPTIONS, 'expires-at': { type: 'string' } }, allowPositionals: true });
  const keyId = keyIdArgument(positionals, 'rotate');
  const { client } = connect(values, io);
  const old = (await allKeys(client, undefined)).find((key) => key.keyId === keyId);
  if (!old) throw new CliUsageError(`No key ${keyId} among the keys this caller may list`);
  if (old.status !== 'ACTIVE') throw new CliUsageError(`Key ${keyId} is ${old.status}; only an active key is rotated`);
  const { createApiKey } = await client.mutate(CreateApiKeyDocument, {
    input: { username: old.username, role: old.role, principalId: old.principalId, expiresAt: values['expires-at'], tags: old.tags.map(({ key, value }) => ({ key, value })) },
  });
  printCreated(io, createApiKey);
  await client.mutate(RevokeApiKeyDocument, { keyId });
  io.out(`Revoked ${keyId}`);
  return 0;
}

/** `keys team <principalId> [--team T]`: moves every key of the principal to team T, or out of any team. */
async function team(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options: { ...CONNECTION_OPTIONS, team: { type: 'string' } }, allowPositionals: true });
  const [principalId, extra] = positionals;
  if (!principalId || extra !== undefined) throw new CliUsageError('Usage: keys team <principalId> [--team T] (without --team: out of any team)');
  const { client } = connect(values, io);
  const { setPrincipalTeam } = await client.mutate(SetPrincipalTeamDocument, { principalId, team: values.team ?? null });
  io.out(`Moved ${setPrincipalTeam.length} key(s) of ${principalId} to ${values.team ? `team ${values.team}` : 'no team'}`);
  return 0;
}

const ACTIONS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>> = { create, list, revoke, rotate, team };

/** `keys create|list|revoke|rotate`. */
export const keysCommand: CliCommand = {
  name: 'keys',
  usage: USAGE,
  summary: 'mint, list, revoke and rotate API keys; move a principal to a team',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const run = action === undefined ? undefined : ACTIONS[action];
    if (!run) throw new CliUsageError(`Unknown keys command "${action ?? ''}"; use: ${USAGE}`);
    return run(rest, io);
  },
};
