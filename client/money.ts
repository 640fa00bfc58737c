/**
 * Exact sums of the API's money strings, for clients (browser and Node): integer nano-USD strings in,
 * bigint sums, and USD decimal strings with nine fraction digits out, as the API formats them.
 */

/** The sum of integer nano-USD strings ("11000", …). */
export function sumNano(values: readonly string[]): bigint {
  let total = 0n;
  for (const value of values) total += BigInt(value);
  return total;
}

/** 11000n → "0.000011000"; -5n → "-0.000000005". */
export function nanoToUsd(nano: bigint): string {
  const negative = nano < 0n;
  const digits = (negative ? -nano : nano).toString().padStart(10, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -9)}.${digits.slice(-9)}`;
}

/** A short display form: at least two decimals, trailing zeros dropped ("0.000011", "12.50"). */
export function displayUsd(usd: string): string {
  const [whole = '0', fraction = ''] = usd.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}.${trimmed.padEnd(2, '0')}`;
}
