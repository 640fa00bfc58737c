import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, ValidationError } from './errors.ts';
import { KEY_INDEXES } from '../../resolvers/tables.ts';
import type { KeyItem } from '../../resolvers/lib/api-key.ts';
import type { Role } from '../../schema/__generated__/graphql.ts';

/**
 * API keys: `bdl_` + 32 base62 characters of randomness (≈190 bits) + 6 base62 characters of CRC-32
 * checksum, so secret scanners can recognise them and typos are refused without a table read.
 * Only an HMAC-SHA256 of the key under a server-side secret is stored.
 */
export const KEY_PREFIX = 'bdl_';
const BODY_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
export const KEY_LENGTH = KEY_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(bytes: Buffer, length: number): string {
  // Rejection sampling keeps every character uniformly distributed.
  let out = '';
  let pool = bytes;
  while (out.length < length) {
    for (const byte of pool) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
    pool = randomBytes(length);
  }
  return out;
}

function encodeBase62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function generateKey(random: (size: number) => Buffer = randomBytes): string {
  const body = base62(random(BODY_LENGTH * 2), BODY_LENGTH);
  return `${KEY_PREFIX}${body}${encodeBase62(crc32(body), CHECKSUM_LENGTH)}`;
}

/** True when the text has the key's shape and its checksum matches; says nothing about validity. */
export function isWellFormedKey(text: string): boolean {
  if (text.length !== KEY_LENGTH || !text.startsWith(KEY_PREFIX)) return false;
  const body = text.slice(KEY_PREFIX.length, KEY_PREFIX.length + BODY_LENGTH);
  const checksum = text.slice(KEY_PREFIX.length + BODY_LENGTH);
  for (const char of body + checksum) if (!BASE62.includes(char)) return false;
  return encodeBase62(crc32(body), CHECKSUM_LENGTH) === checksum;
}

export function hashKey(secret: string, key: string): string {
  return createHmac('sha256', secret).update(key, 'utf8').digest('hex');
}

const shortId = (prefix: string): string => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 20)}`;
export const newKeyId = (): string => shortId('key_');
export const newPrincipalId = (): string => shortId('prn_');

export interface NewKeyInput {
  readonly username: string;
  readonly role: Role;
  readonly principalId?: string | undefined;
  readonly expiresAt?: string | undefined;
  readonly team?: string | null | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

export interface CreatedKey {
  readonly key: string;
  readonly item: KeyItem;
}

/** Mints a key and stores its hash; the secret key is returned to be shown once. */
export async function createKey(
  db: DynamoDBDocumentClient,
  table: string,
  secret: string,
  input: NewKeyInput,
  now: Date = new Date(),
): Promise<CreatedKey> {
  const key = generateKey();
  const item: KeyItem & { kind: 'KEY' } = {
    keyHash: hashKey(secret, key),
    kind: 'KEY',
    keyId: newKeyId(),
    principalId: input.principalId ?? newPrincipalId(),
    username: input.username,
    role: input.role,
    status: 'ACTIVE',
    prefix: key.slice(0, KEY_PREFIX.length + 6),
    createdAt: now.toISOString(),
    expiresAt: input.expiresAt ?? null,
    revokedAt: null,
    team: input.team ?? null,
    tags: { ...input.tags },
  };
  await db.send(
    new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(keyHash)' }),
  );
  return { key, item };
}

/**
 * The team of a principal as its newest key records it: undefined when the principal has no key yet,
 * null when it has no team.
 */
export async function principalTeam(db: DynamoDBDocumentClient, table: string, principalId: string): Promise<string | null | undefined> {
  const [newest] = await keysOfPrincipal(db, table, principalId, 1);
  return newest ? (newest.team ?? null) : undefined;
}

/** The keys of a principal, newest first (through the byPrincipal index), at most `limit` of them. */
async function keysOfPrincipal(db: DynamoDBDocumentClient, table: string, principalId: string, limit = Infinity): Promise<KeyItem[]> {
  const keys: KeyItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: KEY_INDEXES.byPrincipal,
        KeyConditionExpression: 'principalId = :principalId',
        ExpressionAttributeValues: { ':principalId': principalId },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
        ...(Number.isFinite(limit) ? { Limit: limit - keys.length } : {}),
      }),
    );
    keys.push(...((page.Items ?? []) as KeyItem[]));
    start = page.LastEvaluatedKey;
  } while (start && keys.length < limit);
  return keys;
}

/** DynamoDB's limit on one transaction, and so on the keys one principal may hold when moved. */
const MAX_KEYS_MOVED = 100;

/**
 * Moves a principal to another team (or out of any, with null): every key of the principal records the
 * new team, in one transaction. New invocations are attributed to it once the authorizer's cached
 * decision for a key expires; recorded invocations keep the team they were charged under.
 */
export async function setPrincipalTeam(
  db: DynamoDBDocumentClient,
  table: string,
  principalId: string,
  team: string | null,
): Promise<{ previousTeam: string | null; keys: KeyItem[] }> {
  const keys = await keysOfPrincipal(db, table, principalId, MAX_KEYS_MOVED + 1);
  if (keys.length === 0) throw new NotFoundError(`No principal ${principalId}: it has no keys`);
  if (keys.length > MAX_KEYS_MOVED) {
    throw new ValidationError(`Principal ${principalId} has more than ${MAX_KEYS_MOVED} keys; at most ${MAX_KEYS_MOVED} can be moved at once`);
  }
  const previousTeam = keys[0]?.team ?? null;
  await db.send(
    new TransactWriteCommand({
      TransactItems: keys.map((key) => ({
        Update: {
          TableName: table,
          Key: { keyHash: key.keyHash },
          UpdateExpression: team === null ? 'REMOVE team' : 'SET team = :team',
          ConditionExpression: 'attribute_exists(keyHash)',
          ...(team === null ? {} : { ExpressionAttributeValues: { ':team': team } }),
        },
      })),
    }),
  );
  return { previousTeam, keys: keys.map((key) => ({ ...key, team })) };
}

export async function findKeyByHash(
  db: DynamoDBDocumentClient,
  table: string,
  keyHash: string,
): Promise<(KeyItem & { lastUsedAt?: string }) | undefined> {
  const out = await db.send(new GetCommand({ TableName: table, Key: { keyHash }, ConsistentRead: true }));
  return out.Item as (KeyItem & { lastUsedAt?: string }) | undefined;
}

/** Records when a key was last used, at most once per `granularityMs` to spare write capacity. */
export async function touchLastUsed(
  db: DynamoDBDocumentClient,
  table: string,
  item: { keyHash: string; lastUsedAt?: string },
  now: Date,
  granularityMs = 60_000,
): Promise<void> {
  if (item.lastUsedAt && now.getTime() - Date.parse(item.lastUsedAt) < granularityMs) return;
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { keyHash: item.keyHash },
      UpdateExpression: 'SET lastUsedAt = :now',
      ConditionExpression: 'attribute_exists(keyHash)',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    }),
  );
}

export type KeyDecision =
  | { readonly allowed: true; readonly item: KeyItem & { lastUsedAt?: string } }
  | { readonly allowed: false; readonly reason: 'malformed' | 'unknown' | 'revoked' | 'expired' };

/** Decides whether a presented key may be used now. */
export async function checkKey(
  db: DynamoDBDocumentClient,
  table: string,
  secret: string,
  presented: string,
  now: Date,
): Promise<KeyDecision> {
  if (!isWellFormedKey(presented)) return { allowed: false, reason: 'malformed' };
  const item = await findKeyByHash(db, table, hashKey(secret, presented));
  if (!item) return { allowed: false, reason: 'unknown' };
  if (item.status !== 'ACTIVE') return { allowed: false, reason: 'revoked' };
  if (item.expiresAt && Date.parse(item.expiresAt) <= now.getTime()) return { allowed: false, reason: 'expired' };
  return { allowed: true, item };
}
