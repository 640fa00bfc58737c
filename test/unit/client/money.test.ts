import { describe, expect, it } from 'vitest';
import { displayUsd, nanoToUsd, sumNano } from '../../../client/money.ts';

describe('nanoToUsd', () => {
  it('formats nano-USD with nine fraction digits, as the API does', () => {
    expect(nanoToUsd(11000n)).toBe('0.000011000');
    expect(nanoToUsd(0n)).toBe('0.000000000');
    expect(nanoToUsd(1_000_000_000n)).toBe('1.000000000');
    expect(nanoToUsd(-5n)).toBe('-0.000000005');
  });

  it('stays exact beyond 2^53 nano-USD', () => {
    expect(nanoToUsd(12_345_678_901_234_567_891n)).toBe('12345678901.234567891');
  });
});

describe('sumNano', () => {
  it('adds integer nano-USD strings exactly past 2^53', () => {
    expect(sumNano(['9007199254740993', '9007199254740993'])).toBe(18014398509481986n);
    expect(sumNano([])).toBe(0n);
  });
});

describe('displayUsd', () => {
  it('drops trailing zeros but keeps two decimals', () => {
    expect(displayUsd('0.000011000')).toBe('0.000011');
    expect(displayUsd('12.500000000')).toBe('12.50');
    expect(displayUsd('3.000000000')).toBe('3.00');
  });
});
