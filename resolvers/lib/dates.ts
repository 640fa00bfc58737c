import { util } from '@aws-appsync/utils';
import { ERROR_TYPES } from './errors.ts';

const DAY_MS = 86400000;

/** A plain yyyy-mm-dd date (AWSDate without a zone offset), or the field fails. */
export function plainDate(name: string, value: string): string {
  if (value.length !== 10 || !util.matches('\\d{4}-\\d{2}-\\d{2}', value)) {
    util.error(`${name} must be a UTC date like 2026-11-26, got "${value}"`, ERROR_TYPES.validation);
  }
  return value;
}

/** Days from `from` to `to` inclusive; fails when `to` is before `from` or the span is over `maxDays`. */
export function daySpan(from: string, to: string, maxDays: number): number {
  const start = util.time.parseISO8601ToEpochMilliSeconds(`${from}T00:00:00Z`);
  const end = util.time.parseISO8601ToEpochMilliSeconds(`${to}T00:00:00Z`);
  if (end < start) util.error(`to (${to}) is before from (${from})`, ERROR_TYPES.validation);
  const days = (end - start) / DAY_MS + 1;
  if (days > maxDays) {
    util.error(`The range ${from}..${to} spans ${days} days; at most ${maxDays} are allowed per query`, ERROR_TYPES.validation);
  }
  return days;
}
