/**
 * Exact decimal arithmetic for prices and costs (Node side, bigint).
 *
 * A price is an exact decimal string in USD per 1,000 tokens. An invocation's cost is computed
 * exactly in nano-USD (1e-9 USD), which may carry a fraction (some rates are fractions of a
 * nano-dollar per token), and rounded half-to-even to a whole nano-USD exactly once.
 */
import { nanoToUsd } from '../../resolvers/lib/money.ts';

/** An exact decimal: `units × 10^-scale`. */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Token counts of one invocation, as Bedrock reports them (input excludes cache reads/writes). */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadInputTokens: number;
  /** Every token written to the prompt cache, whatever its time to live. */
  readonly cacheWriteInputTokens: number;
  /** The part of `cacheWriteInputTokens` written with the 1-hour TTL; absent means 0. */
  readonly cacheWrite1hInputTokens?: number;
}

/**
 * Rates in USD per 1,000 tokens, as exact decimal strings. A model without a separate cache price
 * leaves the cache rate out, and those tokens are charged at `inputPer1k`. `cacheWritePer1k` is the
 * 5-minute cache-write rate; `cacheWrite1hPer1k` the 1-hour one, which falls back to the 5-minute
 * rate (then to the input rate) when absent.
 */
export interface TokenRates {
  readonly inputPer1k: string;
  readonly outputPer1k: string;
  readonly cacheReadPer1k?: string;
  readonly cacheWritePer1k?: string;
  readonly cacheWrite1hPer1k?: string;
}

export interface CostBreakdown {
  /** The cost rounded half-to-even to a whole nano-USD. */
  readonly nanoUsd: bigint;
  /** The unrounded cost in nano-USD as a canonical decimal string, e.g. "8.75" (kept for audit). */
  readonly exactNanoUsd: string;
  /** `nanoUsd` in USD with nine fraction digits, e.g. "0.000000009". */
  readonly usd: string;
}

/** A value that must be an exact decimal string is something else (a number, an exponent, garbage). */
export class InvalidDecimalError extends Error {
  override readonly name = 'InvalidDecimalError';
}

/** A token count is not a non-negative safe integer. */
export class InvalidTokenCountError extends Error {
  override readonly name = 'InvalidTokenCountError';
}

/** A rate is negative. */
export class InvalidRateError extends Error {
  override readonly name = 'InvalidRateError';
}

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;
const NANO_PER_USD_PER_1K_TOKENS = 1_000_000n; // 1 USD per 1,000 tokens = 1e9 nano / 1e3 tokens
const NANO_DIGITS = 9;

const pow10 = (exponent: number): bigint => 10n ** BigInt(exponent);

/**
 * Parses a plain decimal string ("0.00025", "-3", "12.50") exactly. Rejects numbers, exponent
 * forms ("1e-5"), a leading '+' or '.', a trailing '.', whitespace, separators and anything else.
 */
export const parseDecimal = (text: unknown): ExactDecimal => {
  if (typeof text !== 'string') {
    const got = `${typeof text} ${String(text)}`;
    throw new InvalidDecimalError(
      `Expected an exact decimal string, got ${got}; write it as a string such as "0.00025".`,
    );
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    throw new InvalidDecimalError(
      `"${text}" is not a plain decimal; use digits with an optional '-' and '.' (e.g. "0.00025"), no exponent.`,
    );
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return { units: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
};

/** Brings `value` to a scale at least as large as its own without changing its value. */
const rescale = (value: ExactDecimal, scale: number): bigint =>
  value.units * pow10(scale - value.scale);

export const addDecimals = (values: readonly ExactDecimal[]): ExactDecimal => {
  const scale = values.reduce((max, value) => Math.max(max, value.scale), 0);
  const units = values.reduce((total, value) => total + rescale(value, scale), 0n);
  return { units, scale };
};

export const multiplyDecimal = (value: ExactDecimal, factor: bigint): ExactDecimal => ({
  units: value.units * factor,
  scale: value.scale,
});

/** Canonical text: no trailing fraction zeros, no trailing '.', "0" for zero ("8.75", "-0.5", "12"). */
export const decimalToString = (value: ExactDecimal): string => {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString();
  const padded = digits.padStart(value.scale + 1, '0');
  const whole = padded.slice(0, padded.length - value.scale);
  const fraction = padded.slice(padded.length - value.scale).replace(/0+$/, '');
  const sign = negative ? '-' : '';
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
};

/** Rounds an exact decimal to the nearest integer; exact halves go to the even neighbour. */
export const roundHalfEven = (value: ExactDecimal): bigint => {
  const divisor = pow10(value.scale);
  const magnitude = value.units < 0n ? -value.units : value.units;
  const quotient = magnitude / divisor;
  const twiceRemainder = (magnitude % divisor) * 2n;
  const roundsUp = twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n);
  const rounded = roundsUp ? quotient + 1n : quotient;
  return value.units < 0n ? -rounded : rounded;
};

/** Converts a USD decimal string to nano-USD; fails if it holds a fraction of a nano-dollar. */
export const usdToNano = (usd: string): bigint => {
  const value = parseDecimal(usd);
  if (value.scale <= NANO_DIGITS) {
    return rescale(value, NANO_DIGITS);
  }
  const nano = { units: value.units, scale: value.scale - NANO_DIGITS };
  const divisor = pow10(nano.scale);
  if (nano.units % divisor !== 0n) {
    throw new InvalidDecimalError(
      `"${usd}" USD is not a whole number of nano-USD; give at most ${NANO_DIGITS} fraction digits.`,
    );
  }
  return nano.units / divisor;
};

const tokenCount = (name: keyof TokenUsage, value: number): bigint => {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidTokenCountError(
      `${name} must be a non-negative safe integer, got ${String(value)}.`,
    );
  }
  return BigInt(value);
};

const rate = (name: keyof TokenRates, text: string): ExactDecimal => {
  const value = parseDecimal(text);
  if (value.units < 0n) {
    throw new InvalidRateError(`${name} must not be negative, got "${text}".`);
  }
  return value;
};

/**
 * Cost = in × inputTokens + out × outputTokens + R × cacheRead + W5 × (cacheWrite − cacheWrite1h)
 * + W1h × cacheWrite1h, with R and W5 falling back to the input rate and W1h to W5 when absent.
 * Computed exactly, rounded half-to-even once.
 */
export const computeCost = (usage: TokenUsage, rates: TokenRates): CostBreakdown => {
  const input = rate('inputPer1k', rates.inputPer1k);
  const output = rate('outputPer1k', rates.outputPer1k);
  const cacheRead =
    rates.cacheReadPer1k === undefined ? input : rate('cacheReadPer1k', rates.cacheReadPer1k);
  const cacheWrite =
    rates.cacheWritePer1k === undefined ? input : rate('cacheWritePer1k', rates.cacheWritePer1k);
  const cacheWrite1h =
    rates.cacheWrite1hPer1k === undefined
      ? cacheWrite
      : rate('cacheWrite1hPer1k', rates.cacheWrite1hPer1k);
  const writes = tokenCount('cacheWriteInputTokens', usage.cacheWriteInputTokens);
  const writes1h = tokenCount('cacheWrite1hInputTokens', usage.cacheWrite1hInputTokens ?? 0);
  if (writes1h > writes) {
    throw new InvalidTokenCountError(
      `cacheWrite1hInputTokens (${writes1h}) is a part of cacheWriteInputTokens (${writes}) and cannot exceed it.`,
    );
  }
  const usdPer1k = addDecimals([
    multiplyDecimal(input, tokenCount('inputTokens', usage.inputTokens)),
    multiplyDecimal(output, tokenCount('outputTokens', usage.outputTokens)),
    multiplyDecimal(cacheRead, tokenCount('cacheReadInputTokens', usage.cacheReadInputTokens)),
    multiplyDecimal(cacheWrite, writes - writes1h),
    multiplyDecimal(cacheWrite1h, writes1h),
  ]);
  const exactNano = multiplyDecimal(usdPer1k, NANO_PER_USD_PER_1K_TOKENS);
  const nanoUsd = roundHalfEven(exactNano);
  return {
    nanoUsd,
    exactNanoUsd: decimalToString(exactNano),
    usd: nanoToUsd(nanoUsd.toString()),
  };
};
