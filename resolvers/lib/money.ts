/**
 * Exact nano-USD helpers shared by the Lambdas and the APPSYNC_JS resolvers.
 *
 * Money is held as integer nano-USD (1e-9 USD). APPSYNC_JS has no BigInt and reads DynamoDB numbers
 * as doubles, so this module works on decimal strings and on base-1e9 limbs of plain numbers. It
 * obeys the APPSYNC_JS restrictions: no throw, no loops other than array callbacks, no regex, no
 * `++`, no classes, no recursion. Invalid input cannot throw here; it yields the string 'NaN',
 * which is never a valid amount, so a caller can detect it (`isNanoAmount`).
 */

const DIGITS = '0123456789';
const TEN_ZEROS = '0000000000';
const NINE_ZEROS = '000000000';
const LIMB = 1000000000;
const MAX_SAFE = 9007199254740991;

/** Written by `nanoToUsd` and `nanoSumToString` for input that is not an integer amount. */
export const INVALID_AMOUNT = 'NaN';

/** A sum of nano-USD amounts: `high * 1e9 + low`, with `0 <= low < 1e9` and `high` an integer. */
export interface NanoSum {
  readonly high: number;
  readonly low: number;
}

const isDigits = (text: string): boolean =>
  text.length > 0 && text.split('').filter((c) => DIGITS.indexOf(c) < 0).length === 0;

/** True when `value` is an integer string: digits with an optional leading '-'. */
export const isNanoAmount = (value: string): boolean =>
  isDigits(value.startsWith('-') ? value.slice(1) : value);

/** Removes leading zeros; '' stands for zero. */
const stripLeadingZeros = (digits: string): string => {
  const first = digits
    .split('')
    .reduce((found, c, index) => (found < 0 && c !== '0' ? index : found), -1);
  return first < 0 ? '' : digits.slice(first);
};

/**
 * Formats an integer nano-USD string as a USD decimal string with exactly nine fraction digits:
 * "12345" → "0.000012345", "-5" → "-0.000000005". Works for any length (beyond 2^53).
 */
export const nanoToUsd = (nano: string): string => {
  const negative = nano.startsWith('-');
  const digits = negative ? nano.slice(1) : nano;
  if (!isDigits(digits)) {
    return INVALID_AMOUNT;
  }
  const magnitude = stripLeadingZeros(digits);
  const padded = magnitude.length >= 10 ? magnitude : TEN_ZEROS.slice(magnitude.length) + magnitude;
  const whole = padded.slice(0, padded.length - 9);
  const fraction = padded.slice(padded.length - 9);
  const sign = negative && magnitude !== '' ? '-' : '';
  return `${sign}${whole}.${fraction}`;
};

/** An empty sum (zero). */
export const createNanoSum = (): NanoSum => ({ high: 0, low: 0 });

const POISONED: NanoSum = { high: NaN, low: 0 };

/** False for a poisoned sum (NaN fails every comparison). */
const isValidSum = (sum: NanoSum): boolean => Math.abs(sum.high) <= MAX_SAFE;

/**
 * Returns `sum + value` as a new sum. `value` is an integer nano-USD amount as DynamoDB hands it to a
 * resolver (a JS number, exact only when |value| <= 2^53 - 1); it may be negative (adjustments).
 * A value that is not a safe integer poisons the sum, which then prints as 'NaN'.
 */
export const addNano = (sum: NanoSum, value: number): NanoSum => {
  if (
    typeof value !== 'number' ||
    Math.floor(value) !== value ||
    !(Math.abs(value) <= MAX_SAFE) ||
    !isValidSum(sum)
  ) {
    return POISONED;
  }
  // `%` on doubles is exact, and value - rest is a multiple of 1e9 no larger than |value|, so the
  // division is exact too. A negative rest borrows one from the high limb: low stays in [0, 1e9).
  const rest = value % LIMB;
  const borrow = rest < 0 ? 1 : 0;
  const low = rest + borrow * LIMB;
  const high = (value - rest) / LIMB - borrow;
  const lowTotal = sum.low + low;
  const carry = lowTotal >= LIMB ? 1 : 0;
  return { high: sum.high + high + carry, low: lowTotal - carry * LIMB };
};

/** Adds every value of `values` to a fresh sum. */
export const sumNano = (values: number[]): NanoSum =>
  values.reduce((sum, value) => addNano(sum, value), createNanoSum());

const nineDigits = (limb: number): string => {
  const text = `${limb}`;
  return NINE_ZEROS.slice(text.length) + text;
};

/** The exact integer nano-USD string of a sum, e.g. "-1", "12000000000000000000". */
export const nanoSumToString = (sum: NanoSum): string => {
  if (!isValidSum(sum)) {
    return INVALID_AMOUNT;
  }
  if (sum.high >= 0) {
    return sum.high === 0 ? `${sum.low}` : `${sum.high}${nineDigits(sum.low)}`;
  }
  // Negative: |high * 1e9 + low| = (-high - 1) * 1e9 + (1e9 - low) when low > 0.
  const borrow = sum.low > 0 ? 1 : 0;
  const magnitudeHigh = -sum.high - borrow;
  const magnitudeLow = borrow === 1 ? LIMB - sum.low : 0;
  return magnitudeHigh === 0 ? `-${magnitudeLow}` : `-${magnitudeHigh}${nineDigits(magnitudeLow)}`;
};
