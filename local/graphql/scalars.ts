import { isIP } from 'node:net';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * AppSync's scalars, validated on input (literals and variables) and on output
 * (reference appsync-runtime.md §8.2). Rules marked [M] there are AWS documentation from memory;
 * they are implemented as written and noted below.
 */
const OFFSET = '(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)';
const DATE = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}${OFFSET}?$`);
const TIME = new RegExp(`^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?${OFFSET}?$`);
const DATE_TIME = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?${OFFSET}$`);

function validCalendarDate(text: string): boolean {
  const match = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function validClock(text: string): boolean {
  const match = /(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!match) return false;
  return Number(match[1]) <= 23 && Number(match[2]) <= 59 && Number(match[3] ?? 0) <= 59;
}

export const isAwsDate = (text: string): boolean => DATE.test(text) && validCalendarDate(text);
export const isAwsTime = (text: string): boolean => TIME.test(text) && validClock(text);
export const isAwsDateTime = (text: string): boolean =>
  DATE_TIME.test(text) && validCalendarDate(text) && validClock(text.slice(text.indexOf('T') + 1));

export const isAwsEmail = (text: string): boolean => /^[^\s@<>()[\],;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(text);

/** Absolute URL with a scheme; no `//` inside the path [M]. */
export function isAwsUrl(text: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(text)) return false;
  try {
    const url = new URL(text);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') return false;
    return !url.pathname.slice(1).includes('//');
  } catch {
    return false;
  }
}

/**
 * Phone numbers: `+` and a country code with 7–15 digits in all, or a North American (NANP) number
 * of 10 digits (optionally prefixed by 1) when no country code is given; groups may be separated by
 * spaces or hyphens, the area code may sit in parentheses.
 */
export function isAwsPhone(text: string): boolean {
  if (!/^\+?[\d\s()-]+$/.test(text) || /[\s-]{2,}/.test(text)) return false;
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) return digits.length >= 7 && digits.length <= 15 && digits[0] !== '0';
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return national.length === 10 && /^[2-9]\d{2}[2-9]\d{6}$/.test(national);
}

/** IPv4 dotted quad or IPv6 without brackets, with an optional CIDR prefix. */
export function isAwsIpAddress(text: string): boolean {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

function stringScalar(name: string, valid: (text: string) => boolean, description: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)} (expected ${description})`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: check,
    parseValue: check,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string (${description})`);
      return check(ast.value);
    },
  });
}

const timestamp = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)} (expected whole seconds since the epoch)`);
  }
  return value;
};

const AWSTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  serialize: timestamp,
  parseValue: timestamp,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw new GraphQLError('AWSTimestamp must be an integer number of seconds');
    return timestamp(Number(ast.value));
  },
});

const parseJsonText = (value: unknown): unknown => {
  if (typeof value !== 'string') throw new GraphQLError('AWSJSON must be a string holding JSON');
  try {
    return JSON.parse(value);
  } catch {
    throw new GraphQLError('Invalid AWSJSON value: not valid JSON');
  }
};

/** AWSJSON: input strings are parsed before resolvers see them; output objects are serialized. */
const AWSJSON = new GraphQLScalarType({
  name: 'AWSJSON',
  serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parseValue: parseJsonText,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('AWSJSON must be a string holding JSON');
    return parseJsonText(ast.value);
  },
});

export const APPSYNC_SCALARS: readonly GraphQLScalarType[] = [
  stringScalar('AWSDate', isAwsDate, 'an ISO-8601 date like 2026-11-26'),
  stringScalar('AWSDateTime', isAwsDateTime, 'an ISO-8601 date-time with an offset like 2026-11-26T10:00:00Z'),
  stringScalar('AWSTime', isAwsTime, 'a time like 10:00:00 or 10:00:00.123Z'),
  stringScalar('AWSEmail', isAwsEmail, 'an email address like name@example.com'),
  stringScalar('AWSURL', isAwsUrl, 'an absolute URL with a scheme like https://example.com'),
  stringScalar('AWSPhone', isAwsPhone, 'a phone number like +1 206 555 0100'),
  stringScalar('AWSIPAddress', isAwsIpAddress, 'an IPv4 or IPv6 address, optionally with a /prefix'),
  AWSTimestamp,
  AWSJSON,
];
