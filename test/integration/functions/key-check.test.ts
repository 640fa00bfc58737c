import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkKey, createKey, crc32, hashKey, isWellFormedKey } from '../../../functions/lib/keys.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';

const SECRET = 'key-check-secret';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Re-encodes the checksum so a changed key stays well-formed (what an attacker guessing would send). */
function withChecksum(body: string): string {
  let value = crc32(body);
  let checksum = '';
  for (let index = 0; index < 6; index += 1) {
    checksum = BASE62[value % 62] + checksum;
    value = Math.floor(value / 62);
  }
  return `bdl_${body}${checksum}`;
}

let db: DynamoDBDocumentClient;
let table: string;
let realKey: string;
const sent: { command: string; key: unknown }[] = [];

beforeAll(async () => {
  const client = localDynamoDbClient(dynamodbEndpoint());
  table = (await createTestTables(client)).keys;
  db = DynamoDBDocumentClient.from(client);
  realKey = (await createKey(db, table, SECRET, { username: 'Timing', role: 'USER' })).key;
  // Record every command the key check sends to DynamoDB Local.
  db.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: context.commandName ?? '', key: (args.input as { Key?: unknown }).Key });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
});

describe('checkKey', () => {
  it('does the same work for a near miss as for a key sharing nothing, so its time cannot reveal a partial match', async () => {
    const body = realKey.slice(4, 36);
    const nearMiss = withChecksum(`${body.slice(0, -1)}${body.endsWith('a') ? 'b' : 'a'}`);
    const farMiss = withChecksum(body.split('').map((char) => (char === 'Z' ? 'Y' : 'Z')).join(''));
    expect(isWellFormedKey(nearMiss) && isWellFormedKey(farMiss)).toBe(true);
    const decisions = [];
    for (const candidate of [nearMiss, farMiss]) {
      sent.length = 0;
      decisions.push(await checkKey(db, table, SECRET, candidate, new Date()));
      // One GetItem addressed by the 64-hex HMAC of the whole key; the presented key itself is never compared.
      expect(sent).toEqual([{ command: 'GetItemCommand', key: { keyHash: hashKey(SECRET, candidate) } }]);
    }
    expect(decisions).toEqual([{ allowed: false, reason: 'unknown' }, { allowed: false, reason: 'unknown' }]);
  });

  it('gives a near miss a hash unrelated to the real key’s hash (no shared prefix to probe)', () => {
    const body = realKey.slice(4, 36);
    const nearMiss = withChecksum(`${body.slice(0, -1)}${body.endsWith('a') ? 'b' : 'a'}`);
    const [a, b] = [hashKey(SECRET, realKey), hashKey(SECRET, nearMiss)];
    let commonPrefix = 0;
    while (commonPrefix < a.length && a[commonPrefix] === b[commonPrefix]) commonPrefix += 1;
    expect(commonPrefix).toBeLessThan(8);
  });

  it('allows the real key', async () => {
    expect(await checkKey(db, table, SECRET, realKey, new Date())).toMatchObject({ allowed: true });
  });
});
