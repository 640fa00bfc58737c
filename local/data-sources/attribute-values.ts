/**
 * Conversions between the typed values resolver code writes (`{ N: 5 }`, `{ NULL: null }`, `{ B: base64 }`),
 * the DynamoDB SDK's AttributeValue, and the plain JSON AppSync puts in `ctx.result` (reference §3.1).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export class InvalidAttributeValueError extends Error {
  override readonly name = 'InvalidAttributeValueError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberText(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return value;
  throw new InvalidAttributeValueError(`${JSON.stringify(value)} is not a number`);
}

function stringList(value: unknown, type: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new InvalidAttributeValueError(`${type} must be a list of strings`);
  }
  return value;
}

function list(value: unknown, type: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidAttributeValueError(`${type} must be a list`);
  return value;
}

/** A typed value from a request object → the SDK's AttributeValue (`N`/`NS` stringified, `B` decoded). */
export function toSdkValue(value: unknown): AttributeValue {
  if (!isRecord(value)) throw new InvalidAttributeValueError(`${JSON.stringify(value)} is not a typed DynamoDB value`);
  const entries = Object.entries(value);
  const [type, inner] = entries[0] ?? [];
  if (entries.length !== 1) throw new InvalidAttributeValueError(`${JSON.stringify(value)} must have exactly one type key`);
  switch (type) {
    case 'S':
      if (typeof inner !== 'string') throw new InvalidAttributeValueError('S must be a string');
      return { S: inner };
    case 'N':
      return { N: numberText(inner) };
    case 'BOOL':
      if (typeof inner !== 'boolean') throw new InvalidAttributeValueError('BOOL must be a boolean');
      return { BOOL: inner };
    case 'NULL':
      return { NULL: true };
    case 'B':
      if (typeof inner !== 'string') throw new InvalidAttributeValueError('B must be a base64 string');
      return { B: Buffer.from(inner, 'base64') };
    case 'SS':
      return { SS: stringList(inner, 'SS') };
    case 'NS':
      return { NS: list(inner, 'NS').map(numberText) };
    case 'BS':
      return { BS: stringList(inner, 'BS').map((item) => Buffer.from(item, 'base64')) };
    case 'L':
      return { L: list(inner, 'L').map(toSdkValue) };
    case 'M':
      if (!isRecord(inner)) throw new InvalidAttributeValueError('M must be an object');
      return { M: toSdkMap(inner) };
    default:
      throw new InvalidAttributeValueError(`Unknown DynamoDB type ${String(type)}`);
  }
}

export function toSdkMap(values: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toSdkValue(value)]));
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** SDK AttributeValue → the plain JSON of `ctx.result` (N → number, B → base64, sets → arrays). */
export function toPlain(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return base64(value.B);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map(base64);
  if (value.L !== undefined) return value.L.map(toPlain);
  if (value.M !== undefined) return toPlainItem(value.M);
  return null;
}

export function toPlainItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, toPlain(value)]));
}

/** SDK AttributeValue → a JSON-safe typed value (N as string, B as base64), used inside pagination tokens. */
export function toTypedJson(value: AttributeValue): Record<string, unknown> {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.NULL !== undefined) return { NULL: null };
  if (value.L !== undefined) return { L: value.L.map(toTypedJson) };
  if (value.M !== undefined) return { M: Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, toTypedJson(v)])) };
  return Object.fromEntries(Object.entries(value).filter(([type]) => type !== '$unknown'));
}
