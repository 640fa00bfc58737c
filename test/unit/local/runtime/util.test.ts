import { describe, expect, it } from 'vitest';
import { valueOf } from './context.ts';

describe('util', () => {
  it('creates a version 4 UUID with autoId', () => {
    expect(valueOf('util.autoId()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('creates a 26-character ULID with autoUlid', () => {
    expect(valueOf('util.autoUlid()')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('creates a 27-character base62 KSUID with autoKsuid', () => {
    expect(valueOf('util.autoKsuid()')).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('encodes and decodes UTF-8 text as standard base64', () => {
    expect(valueOf("util.base64Encode('héllo')")).toBe('aMOpbGxv');
    expect(valueOf("util.base64Decode('aMOpbGxv')")).toBe('héllo');
  });

  it('URL-encodes as application/x-www-form-urlencoded, space as +', () => {
    expect(valueOf("util.urlEncode('a b&c=d/é')")).toBe('a+b%26c%3Dd%2F%C3%A9');
    expect(valueOf("util.urlDecode('a+b%26c')")).toBe('a b&c');
  });

  it('matches a pattern against the whole value, like Java String.matches', () => {
    expect(valueOf("[util.matches('a+', 'aaa'), util.matches('a+', 'aaab'), util.matches('[0-9]{3}', '123')]")).toEqual([true, false, true]);
  });

  it('escapes quotes, backslashes and control characters for JavaScript', () => {
    expect(valueOf(`util.escapeJavaScript('say "hi"\\n')`)).toBe('say \\"hi\\"\\n');
  });

  describe('util.dynamodb', () => {
    it('keeps numbers as JSON numbers in N and NS values', () => {
      expect(valueOf('[util.dynamodb.toDynamoDB(12345), util.dynamodb.toNumber(12345), util.dynamodb.toNumberSet([1, 23, 4.56])]')).toEqual([
        { N: 12345 },
        { N: 12345 },
        { NS: [1, 23, 4.56] },
      ]);
    });

    it('converts values recursively with toDynamoDB and never produces sets', () => {
      expect(valueOf("util.dynamodb.toDynamoDB({ s: 'x', b: true, n: null, l: ['a', 1], m: { k: 'v' } })")).toEqual({
        M: {
          s: { S: 'x' },
          b: { BOOL: true },
          n: { NULL: null },
          l: { L: [{ S: 'a' }, { N: 1 }] },
          m: { M: { k: { S: 'v' } } },
        },
      });
    });

    it('returns the inside of a map with toMapValues', () => {
      expect(valueOf("util.dynamodb.toMapValues({ foo: 'bar', baz: 1234, beep: ['boop'] })")).toEqual({
        foo: { S: 'bar' },
        baz: { N: 1234 },
        beep: { L: [{ S: 'boop' }] },
      });
    });

    it('builds single typed values and answers null for missing input', () => {
      expect(
        valueOf("[util.dynamodb.toString('test'), util.dynamodb.toBoolean(true), util.dynamodb.toBinary('foo'), util.dynamodb.toStringSet(['a', 'b']), util.dynamodb.toNull(), util.dynamodb.toString(null)]"),
      ).toEqual([{ S: 'test' }, { BOOL: true }, { B: 'foo' }, { SS: ['a', 'b'] }, { NULL: null }, null]);
    });

    it('writes S3 object references as compact JSON in key, bucket, region, version order', () => {
      expect(valueOf("util.dynamodb.toS3Object('foo', 'bar', 'baz', 'beep')")).toEqual({
        S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}',
      });
      expect(valueOf("util.dynamodb.toS3Object('foo', 'bar', 'baz')")).toEqual({ S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' });
    });
  });

  describe('util.math and util.str', () => {
    it('rounds half up like Java Math.round', () => {
      expect(valueOf('[util.math.roundNum(2.5), util.math.roundNum(-2.5), util.math.roundNum(1.4)]')).toEqual([3, -2, 1]);
    });

    it('answers min, max and random values within range', () => {
      expect(valueOf('[util.math.minVal(3, 7), util.math.maxVal(3, 7)]')).toEqual([3, 7]);
      const random = valueOf('util.math.randomWithinRange(5, 6)');
      expect([5, 6]).toContain(random);
      expect(valueOf('util.math.randomDouble()')).toBeLessThan(1);
    });

    it('normalizes Unicode strings', () => {
      expect(valueOf("util.str.normalize('e\\u0301', 'nfc')")).toBe('é');
    });
  });
});
