import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKey, hashKey } from '../../../functions/lib/keys.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';
import { tamperedKey } from '../../helpers/local-stack.ts';

/**
 * The functions' log lines never carry a key, a key hash or the hashing secret. The handlers run
 * in-process against DynamoDB Local with their environment set, and everything they write to
 * stdout is collected.
 */
const SECRET = 'log-hygiene-secret-value';
const lines: string[] = [];
let key: string;
let keysTable: string;
type Handler = (event: unknown) => Promise<unknown>;
let authorizer: Handler;
let createApiKey: Handler;

beforeAll(async () => {
  const client = localDynamoDbClient(dynamodbEndpoint());
  keysTable = (await createTestTables(client)).keys;
  key = (await createKey(DynamoDBDocumentClient.from(client), keysTable, SECRET, { username: 'Logged', role: 'ADMIN' })).key;
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('DYNAMODB_ENDPOINT', dynamodbEndpoint());
  vi.stubEnv('KEYS_TABLE', keysTable);
  vi.stubEnv('KEY_HASH_SECRET', SECRET);
  vi.stubEnv('LOG_LEVEL', 'debug');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  authorizer = (await import('../../../functions/authorizer/handler.ts')).handler as Handler;
  createApiKey = (await import('../../../functions/create-api-key/handler.ts')).handler as Handler;
});

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('function logs', () => {
  it('carry no key, key hash or secret for allowed, denied and minted keys', async () => {
    const caller = { principalId: 'prn_logs', keyId: 'key_logs', role: 'ADMIN', username: 'Logged' };
    const allowed = await authorizer({ authorizationToken: key, requestContext: {}, requestHeaders: {} });
    const denied = await authorizer({ authorizationToken: tamperedKey(key), requestContext: {}, requestHeaders: {} });
    const minted = (await createApiKey({ input: { username: 'Fresh', role: 'USER' }, caller })) as { data: { key: string } };
    expect(allowed).toMatchObject({ isAuthorized: true });
    expect(denied).toMatchObject({ isAuthorized: false });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const log = lines.join('');
    for (const secret of [key, hashKey(SECRET, key), minted.data.key, hashKey(SECRET, minted.data.key), SECRET]) {
      expect(log).not.toContain(secret);
    }
  });
});
