import { describe, expect, it } from 'vitest';
import { KEY_LENGTH, KEY_PREFIX, crc32, generateKey, hashKey, isWellFormedKey } from '../../../../functions/lib/keys.ts';

describe('crc32', () => {
  it('matches the IEEE CRC-32 check value for "123456789"', () => {
    // The standard check value of CRC-32/ISO-HDLC is 0xCBF43926.
    expect(crc32('123456789')).toBe(0xcbf43926);
  });
});

describe('generateKey', () => {
  it('makes bdl_ keys of 32 base62 characters and a 6-character checksum', () => {
    const key = generateKey();
    expect(key).toMatch(/^bdl_[0-9A-Za-z]{38}$/);
    expect(key).toHaveLength(KEY_LENGTH);
    expect(key.startsWith(KEY_PREFIX)).toBe(true);
    expect(isWellFormedKey(key)).toBe(true);
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateKey()));
    expect(keys.size).toBe(1000);
  });
});

describe('isWellFormedKey', () => {
  const key = generateKey();
  it.each([
    ['a changed character', `${key.slice(0, 10)}${key[10] === 'a' ? 'b' : 'a'}${key.slice(11)}`],
    ['a missing character', key.slice(0, -1)],
    ['another prefix', `sk_${key.slice(4)}`],
    ['a character outside base62', `${key.slice(0, 5)}-${key.slice(6)}`],
    ['an empty string', ''],
  ])('refuses a key with %s', (_case, text) => {
    expect(isWellFormedKey(text)).toBe(false);
  });
});

describe('hashKey', () => {
  it('is HMAC-SHA256 in hex (RFC 4231 test case 2)', () => {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
    expect(hashKey('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('depends on the server-side secret', () => {
    expect(hashKey('one', 'bdl_x')).not.toBe(hashKey('two', 'bdl_x'));
  });
});
