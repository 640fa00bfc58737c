import { describe, expect, it } from 'vitest';
import {
  InvalidDecimalError,
  InvalidRateError,
  InvalidTokenCountError,
  computeCost,
  decimalToString,
  parseDecimal,
  roundHalfEven,
  usdToNano,
} from '../../../../functions/lib/money.ts';
import type { TokenRates, TokenUsage } from '../../../../functions/lib/money.ts';

const usage = (overrides: Partial<TokenUsage> = {}): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  ...overrides,
});

// Rows of bedrock-prices.json, USD per 1,000 tokens. 1 USD per 1k tokens = 1e6 nano-USD per token.
const CLAUDE_3_HAIKU: TokenRates = { inputPer1k: '0.00025', outputPer1k: '0.00125' };
const CLAUDE_3_5_HAIKU: TokenRates = {
  inputPer1k: '0.0008',
  outputPer1k: '0.004',
  cacheReadPer1k: '0.00008',
  cacheWritePer1k: '0.001',
};
const NOVA_MICRO: TokenRates = {
  inputPer1k: '0.000035',
  outputPer1k: '0.00014',
  cacheReadPer1k: '0.00000875',
};
const US_NOVA_2_LITE: TokenRates = {
  inputPer1k: '0.00033',
  outputPer1k: '0.00275',
  cacheReadPer1k: '0.0000825',
};

describe('parseDecimal', () => {
  it('reads plain decimal strings exactly', () => {
    expect(parseDecimal('0.00025')).toEqual({ units: 25n, scale: 5 });
    expect(parseDecimal('12.50')).toEqual({ units: 1250n, scale: 2 });
    expect(parseDecimal('-3')).toEqual({ units: -3n, scale: 0 });
    expect(parseDecimal('0')).toEqual({ units: 0n, scale: 0 });
  });

  it.each([
    '1e-5',
    '1E5',
    '.5',
    '5.',
    '+1',
    ' 1',
    '1 ',
    '',
    'abc',
    '1,000',
    '0x10',
    'NaN',
    'Infinity',
    '--1',
    '1.2.3',
  ])('fails with InvalidDecimalError on "%s"', (text) => {
    expect(() => parseDecimal(text)).toThrow(InvalidDecimalError);
  });

  it('fails with InvalidDecimalError on a floating-point number', () => {
    expect(() => parseDecimal(0.00025)).toThrow(InvalidDecimalError);
    expect(() => parseDecimal(0.00025)).toThrow(/decimal string/);
  });

  it('names its error', () => {
    expect(() => parseDecimal('1e3')).toThrow(
      expect.objectContaining({ name: 'InvalidDecimalError' }),
    );
  });
});

describe('decimalToString', () => {
  it.each([
    [875n, 2, '8.75'],
    [-5n, 1, '-0.5'],
    [1200n, 2, '12'],
    [0n, 5, '0'],
    [5n, 3, '0.005'],
    [1250000n, 0, '1250000'],
  ])('writes %s × 10^-%s as %s', (units, scale, text) => {
    expect(decimalToString({ units, scale })).toBe(text);
  });
});

describe('roundHalfEven', () => {
  it.each([
    ['8.5', 8n],
    ['0.5', 0n],
    ['82.5', 82n],
    ['-3.5', -4n],
  ])('rounds the exact half %s down to %s, the even neighbour below', (text, expected) => {
    expect(roundHalfEven(parseDecimal(text))).toBe(expected);
  });

  it.each([
    ['9.5', 10n],
    ['1.5', 2n],
    ['17.500', 18n],
    ['-2.5', -2n],
  ])('rounds the exact half %s up to %s, the even neighbour above', (text, expected) => {
    expect(roundHalfEven(parseDecimal(text))).toBe(expected);
  });

  it.each([
    ['8.75', 9n],
    ['8.25', 8n],
    ['8.4999', 8n],
    ['8.5001', 9n],
    ['-2.6', -3n],
    ['17', 17n],
    ['0', 0n],
  ])('rounds %s to the nearest integer %s', (text, expected) => {
    expect(roundHalfEven(parseDecimal(text))).toBe(expected);
  });
});

describe('usdToNano', () => {
  it('converts USD decimal strings to whole nano-USD', () => {
    expect(usdToNano('1.5')).toBe(1_500_000_000n);
    expect(usdToNano('12')).toBe(12_000_000_000n);
    expect(usdToNano('0.000000001')).toBe(1n);
    expect(usdToNano('0.0000000010')).toBe(1n);
    expect(usdToNano('-0.25')).toBe(-250_000_000n);
  });

  it('fails with InvalidDecimalError on a fraction of a nano-dollar', () => {
    expect(() => usdToNano('0.0000000015')).toThrow(InvalidDecimalError);
  });
});

describe('computeCost', () => {
  it('prices the seed project Claude 3 Haiku call', () => {
    // in 0.00025/1k = 250 nano per token, out 0.00125/1k = 1,250 nano per token
    // 1,000 × 250 + 500 × 1,250 = 250,000 + 625,000 = 875,000 nano = 0.000875 USD
    expect(computeCost(usage({ inputTokens: 1000, outputTokens: 500 }), CLAUDE_3_HAIKU)).toEqual({
      nanoUsd: 875_000n,
      exactNanoUsd: '875000',
      usd: '0.000875000',
    });
  });

  it('prices each cache bucket at its own rate (recorded Claude 3.5 Haiku cache write)', () => {
    // in 800, out 4,000, cache read 80, cache write 1,000 nano per token
    // 4 × 800 + 50 × 4,000 + 0 × 80 + 18,131 × 1,000 = 3,200 + 200,000 + 0 + 18,131,000 = 18,334,200
    const cost = computeCost(
      usage({ inputTokens: 4, outputTokens: 50, cacheWriteInputTokens: 18131 }),
      CLAUDE_3_5_HAIKU,
    );
    expect(cost.nanoUsd).toBe(18_334_200n);
    expect(cost.usd).toBe('0.018334200');
  });

  it('keeps a fraction of a nano-dollar per token exactly and rounds it once', () => {
    // Nova Micro cache read 0.00000875/1k = 8.75 nano per token → 9 nano
    expect(computeCost(usage({ cacheReadInputTokens: 1 }), NOVA_MICRO)).toEqual({
      nanoUsd: 9n,
      exactNanoUsd: '8.75',
      usd: '0.000000009',
    });
  });

  it('rounds half to even upwards when the lower neighbour is odd', () => {
    // 2 × 8.75 = 17.5 → 18 (17 is odd)
    const cost = computeCost(usage({ cacheReadInputTokens: 2 }), NOVA_MICRO);
    expect(cost.exactNanoUsd).toBe('17.5');
    expect(cost.nanoUsd).toBe(18n);
  });

  it('rounds half to even downwards when the lower neighbour is even', () => {
    // 6 × 8.75 = 52.5 → 52
    const cost = computeCost(usage({ cacheReadInputTokens: 6 }), NOVA_MICRO);
    expect(cost.exactNanoUsd).toBe('52.5');
    expect(cost.nanoUsd).toBe(52n);
  });

  it('rounds half to even for the us. Nova 2 Lite cache-read rate in both directions', () => {
    // 0.0000825/1k = 82.5 nano per token: 1 token → 82.5 → 82; 3 tokens → 247.5 → 248
    expect(computeCost(usage({ cacheReadInputTokens: 1 }), US_NOVA_2_LITE).nanoUsd).toBe(82n);
    expect(computeCost(usage({ cacheReadInputTokens: 3 }), US_NOVA_2_LITE).nanoUsd).toBe(248n);
  });

  it('charges cache writes at the input rate when the model has no cache-write price', () => {
    // Nova Micro: in 35, out 140, read 8.75, write = input = 35 nano per token
    // 10 × 35 + 5 × 140 + 3 × 8.75 + 2 × 35 = 350 + 700 + 26.25 + 70 = 1,146.25 → 1,146
    const cost = computeCost(
      usage({
        inputTokens: 10,
        outputTokens: 5,
        cacheReadInputTokens: 3,
        cacheWriteInputTokens: 2,
      }),
      NOVA_MICRO,
    );
    expect(cost.exactNanoUsd).toBe('1146.25');
    expect(cost.nanoUsd).toBe(1146n);
    expect(cost.usd).toBe('0.000001146');
  });

  it('charges cache reads and writes at the input rate when the model has no cache prices', () => {
    // Claude 3 Haiku: 250 nano per token for input, cache read and cache write alike
    // 1 × 250 + 2 × 250 + 4 × 250 = 1,750
    const cost = computeCost(
      usage({ inputTokens: 1, cacheReadInputTokens: 2, cacheWriteInputTokens: 4 }),
      CLAUDE_3_HAIKU,
    );
    expect(cost.nanoUsd).toBe(1750n);
  });

  it('rounds the sum once, not each term', () => {
    // 0.0000005/1k = 0.5 nano per token: 1 input + 1 cache read = 0.5 + 0.5 = 1 exactly
    // (rounding each term half-to-even first would give 0 + 0 = 0)
    const rates: TokenRates = {
      inputPer1k: '0.0000005',
      outputPer1k: '0',
      cacheReadPer1k: '0.0000005',
    };
    const cost = computeCost(usage({ inputTokens: 1, cacheReadInputTokens: 1 }), rates);
    expect(cost.exactNanoUsd).toBe('1');
    expect(cost.nanoUsd).toBe(1n);
  });

  it('costs nothing for no tokens', () => {
    expect(computeCost(usage(), CLAUDE_3_5_HAIKU)).toEqual({
      nanoUsd: 0n,
      exactNanoUsd: '0',
      usd: '0.000000000',
    });
  });

  it('stays exact far beyond 2^53 nano-USD', () => {
    // Claude 3 Opus output 0.075/1k = 75,000 nano per token
    // 9,007,199,254,740,991 × 75,000 = 675,539,944,105,574,325,000 nano
    const cost = computeCost(usage({ outputTokens: 9_007_199_254_740_991 }), {
      inputPer1k: '0.015',
      outputPer1k: '0.075',
    });
    expect(cost.nanoUsd).toBe(675_539_944_105_574_325_000n);
    expect(cost.usd).toBe('675539944105.574325000');
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53, Number.POSITIVE_INFINITY])(
    'fails with InvalidTokenCountError on the token count %s',
    (count) => {
      expect(() => computeCost(usage({ outputTokens: count }), CLAUDE_3_HAIKU)).toThrow(
        InvalidTokenCountError,
      );
    },
  );

  describe('1-hour cache writes', () => {
    // Claude Sonnet 4.5 (bedrock-prices.json): in 0.003, out 0.015, cache read 0.0003, 5-minute write
    // 0.00375; the 1-hour write is 2 × input = 0.006 (reference "Anthropic cache multipliers").
    // Per token: 3,000 / 15,000 / 300 / 3,750 / 6,000 nano-USD.
    const SONNET_4_5: TokenRates = {
      inputPer1k: '0.003',
      outputPer1k: '0.015',
      cacheReadPer1k: '0.0003',
      cacheWritePer1k: '0.00375',
      cacheWrite1hPer1k: '0.006',
    };

    it('charges the 1-hour part of the writes at the 1-hour rate and the rest at the 5-minute rate', () => {
      // 10 × 3,000 + 500 × 3,750 + 2,000 × 6,000 + 100 × 15,000
      // = 30,000 + 1,875,000 + 12,000,000 + 1,500,000 = 15,405,000 nano-USD
      const cost = computeCost(
        usage({ inputTokens: 10, cacheWriteInputTokens: 2500, cacheWrite1hInputTokens: 2000, outputTokens: 100 }),
        SONNET_4_5,
      );
      expect(cost).toEqual({ nanoUsd: 15_405_000n, exactNanoUsd: '15405000', usd: '0.015405000' });
    });

    it('charges a 1-hour write at twice the input rate', () => {
      // 1,000 × 6,000 = 6,000,000 nano-USD, twice 1,000 × 3,000
      expect(computeCost(usage({ cacheWriteInputTokens: 1000, cacheWrite1hInputTokens: 1000 }), SONNET_4_5).nanoUsd).toBe(6_000_000n);
    });

    it('charges all writes at the 5-minute rate when no 1-hour part is reported', () => {
      // 1,000 × 3,750 = 3,750,000 nano-USD
      expect(computeCost(usage({ cacheWriteInputTokens: 1000 }), SONNET_4_5).nanoUsd).toBe(3_750_000n);
    });

    it('charges 1-hour writes at the 5-minute rate for a model without a 1-hour rate', () => {
      // Claude 3.5 Haiku: cache write 1,000 nano per token; 1,000 writes of which 400 for 1 hour → 1,000,000
      expect(computeCost(usage({ cacheWriteInputTokens: 1000, cacheWrite1hInputTokens: 400 }), CLAUDE_3_5_HAIKU).nanoUsd).toBe(1_000_000n);
    });

    it('charges 1-hour writes at the input rate for a model without any cache-write rate', () => {
      // Claude 3 Haiku: input 250 nano per token; 10 writes → 2,500
      expect(computeCost(usage({ cacheWriteInputTokens: 10, cacheWrite1hInputTokens: 10 }), CLAUDE_3_HAIKU).nanoUsd).toBe(2_500n);
    });

    it('keeps a fraction of a nano-dollar of a 1-hour rate exactly and rounds once', () => {
      // A 1-hour rate of 0.0000175 USD per 1k = 17.5 nano per token: 1 token → 17.5 → 18; 3 tokens → 52.5 → 52
      const rates: TokenRates = { inputPer1k: '0.00000875', outputPer1k: '0', cacheWrite1hPer1k: '0.0000175' };
      expect(computeCost(usage({ cacheWriteInputTokens: 1, cacheWrite1hInputTokens: 1 }), rates)).toMatchObject({ nanoUsd: 18n, exactNanoUsd: '17.5' });
      expect(computeCost(usage({ cacheWriteInputTokens: 3, cacheWrite1hInputTokens: 3 }), rates).nanoUsd).toBe(52n);
    });

    it('fails with InvalidTokenCountError when the 1-hour part exceeds the writes it belongs to', () => {
      expect(() => computeCost(usage({ cacheWriteInputTokens: 10, cacheWrite1hInputTokens: 11 }), SONNET_4_5)).toThrow(InvalidTokenCountError);
    });

    it('fails with InvalidTokenCountError on a negative 1-hour count', () => {
      expect(() => computeCost(usage({ cacheWriteInputTokens: 10, cacheWrite1hInputTokens: -1 }), SONNET_4_5)).toThrow(InvalidTokenCountError);
    });

    it('fails with InvalidRateError on a negative 1-hour rate', () => {
      expect(() => computeCost(usage(), { ...SONNET_4_5, cacheWrite1hPer1k: '-0.006' })).toThrow(InvalidRateError);
    });
  });

  it('fails with InvalidDecimalError on a rate in exponent form', () => {
    expect(() =>
      computeCost(usage({ inputTokens: 1 }), { inputPer1k: '2.5e-4', outputPer1k: '0.00125' }),
    ).toThrow(InvalidDecimalError);
  });

  it('fails with InvalidRateError on a negative rate', () => {
    expect(() => computeCost(usage(), { ...CLAUDE_3_HAIKU, cacheWritePer1k: '-0.001' })).toThrow(
      InvalidRateError,
    );
  });
});
