/**
 * Host implementations of the APPSYNC_JS globals `util`, `runtime`, `extensions` and `console`
 * (reference §2.1–2.6), keyed by their path in the sandbox. `util.time`, `util.dynamodb`,
 * `util.transform` and the `@aws-appsync/utils/dynamodb` helpers live in their own files.
 */
import { randomBytes, randomUUID, randomInt } from 'node:crypto';
import { createRdsApi } from './search-and-rds.ts';
import { createXmlApi } from './xml.ts';
import { createDynamoDbHelpersApi } from './dynamodb-helpers.ts';
import { createDynamoDbValuesApi } from './dynamodb-values.ts';
import {
  isRecord,
  numberArg,
  ResolverSignal,
  stringArg,
  UtilArgumentError,
} from './host-api.ts';
import type { HostApi, HostFunction } from './host-api.ts';
import { createTimeApi } from './time.ts';
import { createTransformApi } from './transform.ts';
import type { ResolverError } from './types.ts';

/** Everything the sandbox exposes, keyed by dotted path (`util.*`, `runtime.*`, `extensions.*`, `console.*`, `dynamodb.*`). */
export function createHostApi(): HostApi {
  return {
    ...prefixed('util', createCoreUtilApi()),
    ...prefixed('util.time', createTimeApi()),
    ...prefixed('util.dynamodb', createDynamoDbValuesApi()),
    ...prefixed('util.transform', createTransformApi()),
    ...prefixed('util.math', createMathApi()),
    ...prefixed('util.str', createStrApi()),
    ...prefixed('util.http', createHttpApi()),
    ...prefixed('util.xml', createXmlApi()),
    ...prefixed('util.rds', createRdsApi()),
    ...prefixed('runtime', createRuntimeApi()),
    ...prefixed('extensions', createExtensionsApi()),
    ...prefixed('console', createConsoleApi()),
    ...prefixed('dynamodb', createDynamoDbHelpersApi()),
  };
}

function prefixed(prefix: string, api: HostApi): HostApi {
  return Object.fromEntries(Object.entries(api).map(([name, fn]) => [`${prefix}.${name}`, fn]));
}

function resolverError(args: readonly unknown[]): ResolverError {
  const [message, errorType, data, errorInfo] = args;
  return {
    message: typeof message === 'string' ? message : JSON.stringify(message ?? null),
    errorType: typeof errorType === 'string' ? errorType : null,
    data: data ?? null,
    errorInfo: errorInfo ?? null,
  };
}

export function createCoreUtilApi(): HostApi {
  return {
    error: (args) => {
      throw new ResolverSignal({ kind: 'error', error: resolverError(args) });
    },
    appendError: (args, scope) => {
      scope.state.errors.push(resolverError(args));
    },
    // Message format from reference §1.5 (SIM / community sources).
    unauthorized: (_args, scope) => {
      throw new ResolverSignal({
        kind: 'error',
        error: {
          message: `Not Authorized to access ${scope.info.fieldName} on type ${scope.info.parentTypeName}`,
          errorType: 'Unauthorized',
          data: null,
          errorInfo: null,
        },
      });
    },
    authType: (_args, scope) => scope.state.authType,
    autoId: () => randomUUID(),
    autoUlid: () => ulid(Date.now()),
    autoKsuid: () => ksuid(Date.now()),
    base64Encode: (args) => Buffer.from(stringArg(args, 0, 'util.base64Encode'), 'utf8').toString('base64'),
    base64Decode: (args) => Buffer.from(stringArg(args, 0, 'util.base64Decode'), 'base64').toString('utf8'),
    urlEncode: (args) => urlEncode(stringArg(args, 0, 'util.urlEncode')),
    urlDecode: (args) => decodeURIComponent(stringArg(args, 0, 'util.urlDecode').replaceAll('+', ' ')),
    escapeJavaScript: (args) => escapeJavaScript(stringArg(args, 0, 'util.escapeJavaScript')),
    // Java `String.matches`: the whole value must match (reference §2.1).
    matches: (args) =>
      new RegExp(`^(?:${stringArg(args, 0, 'util.matches')})$`, 'u').test(stringArg(args, 1, 'util.matches')),
  };
}

/** `application/x-www-form-urlencoded` as Java's URLEncoder writes it: space → `+`, only `*-._` and alphanumerics kept. */
export function urlEncode(value: string): string {
  return encodeURIComponent(value)
    .replaceAll('%20', '+')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

const JS_ESCAPES: Readonly<Record<string, string>> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

/** Escapes a string for a JavaScript string literal (quotes, backslash, `/`, control and non-ASCII characters). */
export function escapeJavaScript(value: string): string {
  let out = '';
  for (const char of value) {
    const escape = JS_ESCAPES[char];
    if (escape !== undefined) {
      out += escape;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7e) {
      // Characters outside the BMP become their two UTF-16 units.
      for (let i = 0; i < char.length; i += 1) {
        out += `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
      }
    } else {
      out += char;
    }
  }
  return out;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 26-character ULID: 48-bit millisecond time then 80 random bits, Crockford base32. */
export function ulid(nowMs: number): string {
  let time = '';
  let remaining = nowMs;
  for (let i = 0; i < 10; i += 1) {
    time = (CROCKFORD[remaining % 32] ?? '0') + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = randomBytes(16);
  let randomPart = '';
  for (const byte of random) randomPart += CROCKFORD[byte % 32] ?? '0';
  return time + randomPart;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** A 27-character KSUID: 32-bit seconds since the KSUID epoch and 128 random bits, base62. */
export function ksuid(nowMs: number): string {
  const bytes = Buffer.alloc(20);
  bytes.writeUInt32BE(Math.floor(nowMs / 1000) - KSUID_EPOCH_SECONDS, 0);
  randomBytes(16).copy(bytes, 4);
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = (BASE62[Number(value % 62n)] ?? '0') + out;
    value /= 62n;
  }
  return out.padStart(27, '0');
}

function createMathApi(): HostApi {
  return {
    // Java Math.round: half rounds up (towards positive infinity).
    roundNum: (args) => Math.floor(numberArg(args, 0, 'util.math.roundNum') + 0.5),
    minVal: (args) => Math.min(numberArg(args, 0, 'util.math.minVal'), numberArg(args, 1, 'util.math.minVal')),
    maxVal: (args) => Math.max(numberArg(args, 0, 'util.math.maxVal'), numberArg(args, 1, 'util.math.maxVal')),
    randomDouble: () => Math.random(),
    randomWithinRange: (args) => {
      const start = Math.ceil(numberArg(args, 0, 'util.math.randomWithinRange'));
      const end = Math.floor(numberArg(args, 1, 'util.math.randomWithinRange'));
      if (end < start) throw new UtilArgumentError('util.math.randomWithinRange needs start <= end');
      return randomInt(start, end + 1);
    },
  };
}

const NORMALIZATION_FORMS = ['NFC', 'NFD', 'NFKC', 'NFKD'] as const;

function createStrApi(): HostApi {
  return {
    normalize: (args) => {
      const value = stringArg(args, 0, 'util.str.normalize');
      const form = stringArg(args, 1, 'util.str.normalize').toUpperCase();
      const known = NORMALIZATION_FORMS.find((candidate) => candidate === form);
      if (known === undefined) throw new UtilArgumentError(`util.str.normalize: unknown normalization type ${form}`);
      return value.normalize(known);
    },
  };
}

/** Hop-by-hop and AWS-reserved request headers that `util.http.copyHeaders` leaves out. */
const RESTRICTED_HEADERS = new Set([
  'authorization',
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'x-api-key',
]);

function createHttpApi(): HostApi {
  const addHeader: (name: string, value: unknown, headers: Record<string, string>) => void = (name, value, headers) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-amzn-') || lower.startsWith('x-amz-')) {
      throw new UtilArgumentError(`util.http.addResponseHeader: header ${name} is reserved`);
    }
    headers[name] = typeof value === 'string' ? value : JSON.stringify(value);
  };
  return {
    copyHeaders: (args) => {
      const headers = args[0];
      if (!isRecord(headers)) return {};
      return Object.fromEntries(
        Object.entries(headers).filter(
          ([name]) => !RESTRICTED_HEADERS.has(name.toLowerCase()) && !name.toLowerCase().startsWith('x-amz'),
        ),
      );
    },
    addResponseHeader: (args, scope) => {
      addHeader(stringArg(args, 0, 'util.http.addResponseHeader'), args[1], scope.state.responseHeaders);
    },
    addResponseHeaders: (args, scope) => {
      const headers = args[0];
      if (!isRecord(headers)) throw new UtilArgumentError('util.http.addResponseHeaders expects an object');
      for (const [name, value] of Object.entries(headers)) addHeader(name, value, scope.state.responseHeaders);
    },
  };
}

function createRuntimeApi(): HostApi {
  return {
    // Reference §1.4: `skipTo` defaults to NEXT; the executor treats NEXT in a before step as END.
    earlyReturn: (args) => {
      const options = args[1];
      const skipTo = isRecord(options) ? options['skipTo'] : undefined;
      if (skipTo !== undefined && skipTo !== null && skipTo !== 'END' && skipTo !== 'NEXT') {
        throw new UtilArgumentError(`runtime.earlyReturn: skipTo must be 'END' or 'NEXT', got ${JSON.stringify(skipTo)}`);
      }
      throw new ResolverSignal({ kind: 'earlyReturn', value: args[0] ?? null, skipTo: skipTo === 'END' ? 'END' : 'NEXT' });
    },
  };
}

function createExtensionsApi(): HostApi {
  return {
    setSubscriptionFilter: (args, scope) => {
      scope.state.extensions.subscriptionFilter = args[0] ?? null;
    },
    setSubscriptionInvalidationFilter: (args, scope) => {
      scope.state.extensions.subscriptionInvalidationFilter = args[0] ?? null;
    },
    invalidateSubscriptions: (args, scope) => {
      const request = args[0];
      if (!isRecord(request) || typeof request['subscriptionField'] !== 'string') {
        throw new UtilArgumentError('extensions.invalidateSubscriptions expects { subscriptionField, payload }');
      }
      const payload = request['payload'];
      scope.state.extensions.invalidations.push({
        subscriptionField: request['subscriptionField'],
        payload: isRecord(payload) ? payload : {},
      });
    },
    evictFromApiCache: (args, scope) => {
      const keyValues = args[2];
      scope.state.extensions.cacheEvictions.push({
        typeName: stringArg(args, 0, 'extensions.evictFromApiCache'),
        fieldName: stringArg(args, 1, 'extensions.evictFromApiCache'),
        keyValues: isRecord(keyValues) ? keyValues : {},
      });
    },
  };
}

function formatLogArguments(args: readonly unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? 'undefined')).join(' ');
}

function createConsoleApi(): HostApi {
  const logAt =
    (level: string): HostFunction =>
    (args, scope) => {
      const text = formatLogArguments(args);
      scope.state.logs.push(level === 'LOG' ? text : `${level} ${text}`);
    };
  return {
    log: logAt('LOG'),
    info: logAt('INFO'),
    debug: logAt('DEBUG'),
    warn: logAt('WARN'),
    error: logAt('ERROR'),
  };
}

