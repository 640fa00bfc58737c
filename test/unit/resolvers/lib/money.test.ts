import { describe, expect, it } from 'vitest';
import {
  addNano,
  createNanoSum,
  isNanoAmount,
  nanoSumToString,
  nanoToUsd,
  sumNano,
} from '../../../../resolvers/lib/money.ts';

const MAX_SAFE = 9_007_199_254_740_991; // 2^53 - 1, the largest exact DynamoDB number in APPSYNC_JS

describe('nanoToUsd', () => {
  it.each([
    ['12345', '0.000012345'],
    ['1500000000', '1.500000000'],
    ['-5', '-0.000000005'],
    ['0', '0.000000000'],
    ['999999999', '0.999999999'],
    ['1000000000', '1.000000000'],
    ['-1500000001', '-1.500000001'],
  ])('formats %s nano-USD as %s USD', (nano, usd) => {
    expect(nanoToUsd(nano)).toBe(usd);
  });

  it('formats amounts beyond 2^53 digit by digit', () => {
    // 123456789012345678901234 nano = 123456789012345 USD + 678901234 nano
    expect(nanoToUsd('123456789012345678901234')).toBe('123456789012345.678901234');
  });

  it('drops leading zeros and the sign of zero', () => {
    expect(nanoToUsd('000123')).toBe('0.000000123');
    expect(nanoToUsd('-0')).toBe('0.000000000');
    expect(nanoToUsd('-000')).toBe('0.000000000');
  });

  it.each(['', '-', '1.5', '12a', '+5', '1e9', ' 1', '--1'])(
    'returns NaN for the non-integer input "%s"',
    (input) => {
      expect(nanoToUsd(input)).toBe('NaN');
    },
  );
});

describe('isNanoAmount', () => {
  it('accepts integer strings with an optional minus sign', () => {
    expect(isNanoAmount('0')).toBe(true);
    expect(isNanoAmount('-42')).toBe(true);
    expect(isNanoAmount('123456789012345678901234')).toBe(true);
  });

  it('rejects fractions, exponents, signs other than a leading minus and empty text', () => {
    expect(isNanoAmount('1.0')).toBe(false);
    expect(isNanoAmount('1e3')).toBe(false);
    expect(isNanoAmount('+1')).toBe(false);
    expect(isNanoAmount('')).toBe(false);
    expect(isNanoAmount('-')).toBe(false);
  });
});

describe('addNano', () => {
  it('starts from zero', () => {
    expect(nanoSumToString(createNanoSum())).toBe('0');
  });

  it('carries into the high limb at exactly 1e9', () => {
    // 999,999,999 + 1 = 1,000,000,000
    expect(nanoSumToString(addNano(addNano(createNanoSum(), 999_999_999), 1))).toBe('1000000000');
  });

  it('returns a new sum and leaves the old one unchanged', () => {
    const before = createNanoSum();
    const after = addNano(before, 7);
    expect(nanoSumToString(before)).toBe('0');
    expect(nanoSumToString(after)).toBe('7');
  });

  it('sums past 2^53 exactly where doubles would round', () => {
    // (2^53 - 1) × 2 + 1 = 18,014,398,509,481,982 + 1 = 18,014,398,509,481,983 (odd, not a double)
    expect(nanoSumToString(sumNano([MAX_SAFE, MAX_SAFE, 1]))).toBe('18014398509481983');
  });

  it('sums a thousand large amounts exactly', () => {
    // 1,000 × 9,000,000,000,000,001 = 9,000,000,000,000,001,000
    const values = Array.from({ length: 1000 }, () => 9_000_000_000_000_001);
    expect(nanoSumToString(sumNano(values))).toBe('9000000000000001000');
  });

  it.each([
    [[5, -7], '-2'],
    [[-1], '-1'],
    [[1_000_000_000, -1], '999999999'],
    [[-1_000_000_000], '-1000000000'],
    [[-1_999_999_999], '-1999999999'],
    [[-1_500_000_000, 500_000_000], '-1000000000'],
    [[MAX_SAFE, MAX_SAFE, -MAX_SAFE], '9007199254740991'],
    [[-MAX_SAFE, -MAX_SAFE, -1], '-18014398509481983'],
    [[250, -250], '0'],
  ])('handles negative adjustments: %j sums to %s', (values, expected) => {
    expect(nanoSumToString(sumNano(values))).toBe(expected);
  });

  it('poisons the sum with a value that is not an exact integer', () => {
    expect(nanoSumToString(sumNano([1, 1.5, 2]))).toBe('NaN');
    // 2^53 itself cannot be told apart from 2^53 + 1 once read as a double.
    expect(nanoSumToString(sumNano([2 ** 53]))).toBe('NaN');
    expect(nanoSumToString(sumNano([Number.NaN]))).toBe('NaN');
  });

  it('feeds nanoToUsd with the exact total', () => {
    // 18,014,398,509,481,983 nano = 18,014,398 USD + 509,481,983 nano
    expect(nanoToUsd(nanoSumToString(sumNano([MAX_SAFE, MAX_SAFE, 1])))).toBe('18014398.509481983');
  });
});

describe('sumNano', () => {
  it('agrees with exact integer arithmetic on mixed large and negative amounts', () => {
    // A fixed pseudo-random sequence (linear congruential), checked against BigInt sums.
    const values = Array.from({ length: 500 }, (_, index) => {
      const magnitude = ((index * 2_654_435_761 + 12_345) % 9_007_199) * 1_000_000_007;
      return index % 3 === 0 ? -magnitude : magnitude;
    });
    const exact = values.reduce((total, value) => total + BigInt(value), 0n);
    expect(nanoSumToString(sumNano(values))).toBe(exact.toString());
  });
});
