/**
 * `util.dynamodb`: JavaScript values → DynamoDB attribute values (reference §2.3). `N` values stay
 * JavaScript numbers, as AppSync emits them; the DynamoDB data source stringifies them on the wire.
 */
import { isRecord, UtilArgumentError } from './host-api.ts';
import type { HostApi } from './host-api.ts';

export type TypedValue = Record<string, unknown>;

const SET_TYPES = new Set(['SS', 'NS', 'BS']);

/** True for a value already built by `toStringSet`/`toNumberSet`/`toBinarySet`. */
export function isTypedSet(value: unknown): value is TypedValue {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && SET_TYPES.has(keys[0] ?? '') && Array.isArray(value[keys[0] ?? '']);
}

/**
 * `util.dynamodb.toDynamoDB`: recursively typed, never producing sets. With `keepSets` (used by the
 * `@aws-appsync/utils/dynamodb` helpers, reference §2.7) a set built with `toStringSet` etc. is kept.
 */
export function toDynamoDB(value: unknown, keepSets = false): TypedValue {
  if (value === null || value === undefined) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map((item) => toDynamoDB(item, keepSets)) };
  if (isRecord(value)) {
    if (keepSets && isTypedSet(value)) return value;
    return { M: toMapValues(value, keepSets) };
  }
  throw new UtilArgumentError(`util.dynamodb.toDynamoDB cannot convert a ${typeof value}`);
}

export function toMapValues(value: Record<string, unknown>, keepSets = false): Record<string, TypedValue> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, toDynamoDB(item, keepSets)]),
  );
}

const orNull =
  (build: (value: unknown) => TypedValue) =>
  (args: readonly unknown[]): TypedValue | null =>
    args[0] === null || args[0] === undefined ? null : build(args[0]);

export function createDynamoDbValuesApi(): HostApi {
  return {
    toDynamoDB: (args) => toDynamoDB(args[0]),
    toString: orNull((value) => ({ S: value })),
    toNumber: orNull((value) => ({ N: value })),
    toBoolean: orNull((value) => ({ BOOL: value })),
    toBinary: orNull((value) => ({ B: value })),
    toStringSet: orNull((value) => ({ SS: value })),
    toNumberSet: orNull((value) => ({ NS: value })),
    toBinarySet: orNull((value) => ({ BS: value })),
    toNull: () => ({ NULL: null }),
    toList: (args) => (Array.isArray(args[0]) ? { L: args[0].map((item) => toDynamoDB(item)) } : null),
    toMap: (args) => (isRecord(args[0]) ? { M: toMapValues(args[0]) } : null),
    toMapValues: (args) => (isRecord(args[0]) ? toMapValues(args[0]) : null),
    // Compact JSON with keys in the order key, bucket, region[, version] (reference §2.3, LSU).
    toS3Object: (args) => {
      const [key, bucket, region, version] = args;
      const s3: Record<string, unknown> = { key, bucket, region };
      if (version !== undefined && version !== null) s3['version'] = version;
      return { S: JSON.stringify({ s3 }) };
    },
    fromS3ObjectJson: (args) => {
      const text = args[0];
      if (typeof text !== 'string') throw new UtilArgumentError('util.dynamodb.fromS3ObjectJson expects a string');
      const parsed: unknown = JSON.parse(text);
      return isRecord(parsed) && isRecord(parsed['s3']) ? parsed['s3'] : null;
    },
  };
}
