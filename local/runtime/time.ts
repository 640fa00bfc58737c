/**
 * `util.time` (reference §2.2). Formats are Java `DateTimeFormatter` patterns; zones are IANA ids
 * and default to UTC. Supported pattern letters: y u M L d D H h k K m s S a E Z X x z V, with
 * quoted literals ('T', '' for a quote).
 */
import { numberArg, optionalStringArg, stringArg, UtilArgumentError } from './host-api.ts';
import type { HostApi } from './host-api.ts';

export interface Clock {
  now(): number;
}

const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

export function createTimeApi(clock: Clock = SYSTEM_CLOCK): HostApi {
  return {
    nowISO8601: () => new Date(clock.now()).toISOString(),
    nowEpochSeconds: () => Math.floor(clock.now() / 1000),
    nowEpochMilliSeconds: () => clock.now(),
    nowFormatted: (args) =>
      formatEpochMillis(clock.now(), stringArg(args, 0, 'util.time.nowFormatted'), zoneArg(args, 1, 'util.time.nowFormatted')),
    parseFormattedToEpochMilliSeconds: (args) =>
      parseFormatted(
        stringArg(args, 0, 'util.time.parseFormattedToEpochMilliSeconds'),
        stringArg(args, 1, 'util.time.parseFormattedToEpochMilliSeconds'),
        zoneArg(args, 2, 'util.time.parseFormattedToEpochMilliSeconds'),
      ),
    parseISO8601ToEpochMilliSeconds: (args) =>
      parseIso8601(stringArg(args, 0, 'util.time.parseISO8601ToEpochMilliSeconds')),
    epochMilliSecondsToSeconds: (args) => Math.trunc(numberArg(args, 0, 'util.time.epochMilliSecondsToSeconds') / 1000),
    epochMilliSecondsToISO8601: (args) =>
      new Date(numberArg(args, 0, 'util.time.epochMilliSecondsToISO8601')).toISOString(),
    epochMilliSecondsToFormatted: (args) =>
      formatEpochMillis(
        numberArg(args, 0, 'util.time.epochMilliSecondsToFormatted'),
        stringArg(args, 1, 'util.time.epochMilliSecondsToFormatted'),
        zoneArg(args, 2, 'util.time.epochMilliSecondsToFormatted'),
      ),
  };
}

function zoneArg(args: readonly unknown[], index: number, fn: string): string {
  const zone = optionalStringArg(args, index, fn) ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch (error) {
    throw new UtilArgumentError(`${fn}: unknown time zone ${zone}`, { cause: error });
  }
  return zone;
}

/** ISO-8601 date-time (with `Z` or an offset; a missing offset means UTC) → epoch milliseconds. */
export function parseIso8601(value: string): number {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      value.trim(),
    );
  if (!match) throw new UtilArgumentError(`util.time.parseISO8601ToEpochMilliSeconds: not an ISO-8601 date-time: ${value}`);
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), millis);
  return wall - offsetMinutesFromText(zone ?? 'Z') * 60_000;
}

function offsetMinutesFromText(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!match) throw new UtilArgumentError(`Not a zone offset: ${text}`);
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

type Token = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'field'; readonly letter: string; readonly count: number };

const PATTERN_LETTERS = /[A-Za-z]/;

export function tokenizePattern(pattern: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index] ?? '';
    if (char === "'") {
      if (pattern[index + 1] === "'") {
        tokens.push({ kind: 'literal', text: "'" });
        index += 2;
        continue;
      }
      let text = '';
      index += 1;
      while (index < pattern.length) {
        if (pattern[index] === "'") {
          if (pattern[index + 1] === "'") {
            text += "'";
            index += 2;
            continue;
          }
          break;
        }
        text += pattern[index] ?? '';
        index += 1;
      }
      index += 1;
      tokens.push({ kind: 'literal', text });
    } else if (PATTERN_LETTERS.test(char)) {
      let count = 1;
      while (pattern[index + count] === char) count += 1;
      tokens.push({ kind: 'field', letter: char, count });
      index += count;
    } else {
      tokens.push({ kind: 'literal', text: char });
      index += 1;
    }
  }
  return tokens;
}

interface ZonedFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 0 = Sunday */
  readonly weekday: number;
  readonly dayOfYear: number;
  readonly offsetMinutes: number;
}

/** Offset of `zone` from UTC at the instant `epochMs`, in minutes. */
export function zoneOffsetMinutes(epochMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - (epochMs - (((epochMs % 1000) + 1000) % 1000))) / 60_000);
}

function zonedFields(epochMs: number, zone: string): ZonedFields {
  const offsetMinutes = zoneOffsetMinutes(epochMs, zone);
  const wall = new Date(epochMs + offsetMinutes * 60_000);
  const year = wall.getUTCFullYear();
  return {
    year,
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    weekday: wall.getUTCDay(),
    dayOfYear: Math.floor((wall.getTime() - Date.UTC(year, 0, 1)) / 86_400_000) + 1,
    offsetMinutes,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (value: number, width: number): string => String(Math.abs(value)).padStart(width, '0');

function formatOffset(minutes: number, withColon: boolean, withMinutes: 'always' | 'ifNonZero'): string {
  const sign = minutes < 0 ? '-' : '+';
  const hours = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const mins = pad(Math.abs(minutes) % 60, 2);
  if (withMinutes === 'ifNonZero' && mins === '00') return `${sign}${hours}`;
  return withColon ? `${sign}${hours}:${mins}` : `${sign}${hours}${mins}`;
}

function zoneName(epochMs: number, zone: string, style: 'short' | 'long'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: style }).formatToParts(new Date(epochMs));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

function formatField(letter: string, count: number, f: ZonedFields, epochMs: number, zone: string): string {
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[f.month - 1] ?? '';
      if (count === 3) return (MONTHS[f.month - 1] ?? '').slice(0, 3);
      return pad(f.month, count);
    case 'd':
      return pad(f.day, count);
    case 'D':
      return pad(f.dayOfYear, count);
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.millisecond, 3).padEnd(count, '0').slice(0, count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return count >= 4 ? (WEEKDAYS[f.weekday] ?? '') : (WEEKDAYS[f.weekday] ?? '').slice(0, 3);
    case 'Z':
      if (count <= 3) return formatOffset(f.offsetMinutes, false, 'always');
      if (count === 4) return f.offsetMinutes === 0 ? 'GMT' : `GMT${formatOffset(f.offsetMinutes, true, 'always')}`;
      return f.offsetMinutes === 0 ? 'Z' : formatOffset(f.offsetMinutes, true, 'always');
    case 'X':
    case 'x': {
      if (letter === 'X' && f.offsetMinutes === 0) return 'Z';
      if (count === 1) return formatOffset(f.offsetMinutes, false, 'ifNonZero');
      return formatOffset(f.offsetMinutes, count === 3 || count === 5, 'always');
    }
    case 'z':
      return zoneName(epochMs, zone, count >= 4 ? 'long' : 'short');
    case 'V':
      return zone;
    default:
      throw new UtilArgumentError(`Unsupported date-time pattern letter ${letter}`);
  }
}

export function formatEpochMillis(epochMs: number, pattern: string, zone = 'UTC'): string {
  const fields = zonedFields(epochMs, zone);
  return tokenizePattern(pattern)
    .map((token) => (token.kind === 'literal' ? token.text : formatField(token.letter, token.count, fields, epochMs, zone)))
    .join('');
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function fieldRegExp(letter: string, count: number): string {
  switch (letter) {
    case 'M':
    case 'L':
      if (count >= 4) return `(${MONTHS.join('|')})`;
      if (count === 3) return `(${MONTHS.map((m) => m.slice(0, 3)).join('|')})`;
      return count === 1 ? '(\\d{1,2})' : `(\\d{${count}})`;
    case 'E':
      return count >= 4 ? `(${WEEKDAYS.join('|')})` : `(${WEEKDAYS.map((w) => w.slice(0, 3)).join('|')})`;
    case 'a':
      return '(AM|PM|am|pm)';
    case 'Z':
    case 'X':
    case 'x':
      return '(Z|[+-]\\d{2}(?::?\\d{2})?|GMT(?:[+-]\\d{2}:\\d{2})?)';
    case 'y':
    case 'u':
      return count === 2 ? '(\\d{2})' : count === 1 ? '(\\d{1,9})' : `(\\d{${count},9})`;
    case 'S':
      return `(\\d{${count}})`;
    case 'z':
    case 'V':
      return '([A-Za-z_/+\\-0-9]+)';
    default:
      return count === 1 ? '(\\d{1,3})' : `(\\d{${count}})`;
  }
}

/** Parses `value` with a Java pattern; a zone in the text wins over `zone`. */
export function parseFormatted(value: string, pattern: string, zone = 'UTC'): number {
  const tokens = tokenizePattern(pattern);
  const fields = tokens.filter((token) => token.kind === 'field');
  const source = tokens
    .map((token) => (token.kind === 'literal' ? escapeRegExp(token.text) : fieldRegExp(token.letter, token.count)))
    .join('');
  const match = new RegExp(`^${source}$`).exec(value);
  if (!match) throw new UtilArgumentError(`util.time: "${value}" does not match the pattern "${pattern}"`);

  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let textZone: string | undefined;
  fields.forEach((token, index) => {
    const text = match[index + 1] ?? '';
    switch (token.letter) {
      case 'y':
      case 'u':
        year = token.count === 2 ? 2000 + Number(text) : Number(text);
        break;
      case 'M':
      case 'L':
        month = token.count >= 3 ? MONTHS.findIndex((m) => m.startsWith(text)) + 1 : Number(text);
        break;
      case 'd':
        day = Number(text);
        break;
      case 'H':
      case 'k':
        hour = Number(text) % 24;
        break;
      case 'h':
      case 'K':
        hour = Number(text) % 12;
        break;
      case 'm':
        minute = Number(text);
        break;
      case 's':
        second = Number(text);
        break;
      case 'S':
        millisecond = Number(text.padEnd(3, '0').slice(0, 3));
        break;
      case 'a':
        pm = text.toUpperCase() === 'PM';
        break;
      case 'Z':
      case 'X':
      case 'x':
        offset = text.startsWith('GMT') ? (text === 'GMT' ? 0 : offsetMinutesFromText(text.slice(3))) : offsetMinutesFromText(text);
        break;
      case 'z':
      case 'V':
        textZone = text;
        break;
      default:
        break;
    }
  });
  if (pm !== undefined && pm) hour += 12;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (offset !== undefined) return wall - offset * 60_000;
  const effectiveZone = textZone ?? zone;
  // The offset depends on the instant; two passes settle it except inside a DST gap.
  const first = wall - zoneOffsetMinutes(wall, effectiveZone) * 60_000;
  return wall - zoneOffsetMinutes(first, effectiveZone) * 60_000;
}
