/**
 * `util.transform` (reference §2.4, §6.3): DynamoDB filter/condition objects → expression objects,
 * and filter objects → subscription filters.
 */
import { isRecord } from './host-api.ts';
import { toSearchQuery } from './search-and-rds.ts';
import type { HostApi } from './host-api.ts';
import { toDynamoDB } from './dynamodb-values.ts';
import type { TypedValue } from './dynamodb-values.ts';

export interface RenderedExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, TypedValue>;
}

/** A filter object cannot be rendered; AppSync answers `null` rather than failing. */
class InvalidFilterError extends Error {
  override readonly name = 'InvalidFilterError';
}

const COMPARISONS: Readonly<Record<string, string>> = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };
const FUNCTIONS: Readonly<Record<string, (path: string, value: string) => string>> = {
  contains: (path, value) => `contains(${path},${value})`,
  notContains: (path, value) => `NOT contains(${path},${value})`,
  beginsWith: (path, value) => `begins_with(${path},${value})`,
};
const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
  _null: 'NULL',
};

/**
 * Renders a filter object with the rules recorded from AWS (reference §2.4): each comparison in
 * parentheses, several operators on one field and groups of two or more wrapped, top-level parts
 * joined with ` AND ` unwrapped, value placeholders named after their nesting path. Returns `null`
 * for input AppSync cannot render.
 */
export function renderFilterExpression(filter: unknown): RenderedExpression | null {
  const out: RenderedExpression = { expression: '', expressionNames: {}, expressionValues: {} };
  try {
    out.expression = renderObject(filter, '', out);
  } catch (error) {
    if (error instanceof InvalidFilterError) return null;
    throw error;
  }
  return out;
}

function renderObject(filter: unknown, prefix: string, out: RenderedExpression): string {
  if (!isRecord(filter)) throw new InvalidFilterError('not an object');
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new InvalidFilterError(`${key} needs a list`);
      const members = value.map((member, index) => renderObject(member, `${prefix}${key}_${index}_`, out));
      const joined = members.join(key === 'and' ? ' AND ' : ' OR ');
      parts.push(members.length >= 2 ? `(${joined})` : joined);
    } else if (key === 'not') {
      parts.push(`(NOT ${renderObject(value, `${prefix}not_`, out)})`);
    } else {
      parts.push(renderField(key, value, prefix, out));
    }
  }
  return parts.join(' AND ');
}

function renderField(field: string, operators: unknown, prefix: string, out: RenderedExpression): string {
  if (!isRecord(operators)) throw new InvalidFilterError(`${field} needs operators`);
  const name = `#${field}`;
  out.expressionNames[name] = field;
  return renderOperators(name, operators, `${prefix}${field}_`, out);
}

function renderOperators(path: string, operators: Record<string, unknown>, valuePrefix: string, out: RenderedExpression): string {
  const clauses = Object.entries(operators).map(([op, value]) => renderOperator(path, op, value, valuePrefix, out));
  return clauses.length >= 2 ? `(${clauses.join(' AND ')})` : clauses.join('');
}

function renderOperator(path: string, op: string, value: unknown, valuePrefix: string, out: RenderedExpression): string {
  const placeholder = (suffix: string, operand: unknown): string => {
    const name = `:${valuePrefix}${suffix}`;
    out.expressionValues[name] = toDynamoDB(operand);
    return name;
  };
  const comparison = COMPARISONS[op];
  if (comparison !== undefined) return `(${path} ${comparison} ${placeholder(op, value)})`;
  const fn = FUNCTIONS[op];
  if (fn !== undefined) return `(${fn(path, placeholder(op, value))})`;
  switch (op) {
    case 'between': {
      if (!Array.isArray(value) || value.length < 2) throw new InvalidFilterError('between needs two bounds');
      return `(${path} BETWEEN ${placeholder('between_start', value[0])} AND ${placeholder('between_end', value[1])})`;
    }
    case 'in': {
      if (!Array.isArray(value)) throw new InvalidFilterError('in needs a list');
      if (value.length === 0) return '(null)';
      return `(${path} IN (${value.map((item, index) => placeholder(`in_${index}`, item)).join(', ')}))`;
    }
    case 'attributeExists': {
      if (typeof value !== 'boolean') throw new InvalidFilterError('attributeExists needs a boolean');
      return value ? `(attribute_exists(${path}))` : `(attribute_not_exists(${path}))`;
    }
    case 'attributeType': {
      const code = typeof value === 'string' ? ATTRIBUTE_TYPES[value] : undefined;
      if (code === undefined) throw new InvalidFilterError('unknown attribute type');
      return `(attribute_type(${path},${placeholder('attributeType', code)}))`;
    }
    case 'size': {
      if (!isRecord(value)) throw new InvalidFilterError('size needs operators');
      const sizePath = path.startsWith('size(') ? path : `size(${path})`;
      return renderOperators(sizePath, value, `${valuePrefix}size_`, out);
    }
    default:
      throw new InvalidFilterError(`unknown operator ${op}`);
  }
}

export interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}

type FilterGroups = SubscriptionFilterEntry[][];

/**
 * `util.transform.toSubscriptionFilter` (reference §6.3): fields and `and` members are ANDed into
 * one group; several operators on one field and `or` members are alternatives, so groups multiply
 * out. `ignoredFields` are dropped anywhere. Each entry of `rules` is read like a filter object and
 * ANDed into every group — the reference only says "an extra alternative appended to every group",
 * so this is our most likely reading.
 */
export function toSubscriptionFilter(filter: unknown, ignoredFields: readonly string[] = [], rules?: unknown): { filterGroup: { filters: SubscriptionFilterEntry[] }[] } | null {
  if (!isRecord(filter)) return null;
  if (Object.keys(filter).length === 0) return { filterGroup: [] };
  const ignored = new Set(ignoredFields);
  let groups = subscriptionGroups(filter, ignored);
  if (isRecord(rules)) {
    for (const [name, operators] of Object.entries(rules)) {
      groups = product(groups, subscriptionGroups({ [name]: operators }, new Set()));
    }
  }
  return { filterGroup: groups.map((filters) => ({ filters })) };
}

function subscriptionGroups(filter: Record<string, unknown>, ignored: ReadonlySet<string>): FilterGroups {
  let groups: FilterGroups = [[]];
  for (const [key, value] of Object.entries(filter)) {
    if (ignored.has(key)) continue;
    if (key === 'and' && Array.isArray(value)) {
      for (const member of value) if (isRecord(member)) groups = product(groups, subscriptionGroups(member, ignored));
    } else if (key === 'or' && Array.isArray(value)) {
      const alternatives = value.filter(isRecord).flatMap((member) => subscriptionGroups(member, ignored));
      groups = product(groups, alternatives);
    } else if (isRecord(value)) {
      const alternatives = Object.entries(value).map(([operator, operand]) => [{ fieldName: key, operator, value: operand }]);
      if (alternatives.length > 0) groups = product(groups, alternatives);
    }
  }
  return groups;
}

function product(left: FilterGroups, right: FilterGroups): FilterGroups {
  return left.flatMap((a) => right.map((b) => [...a, ...b]));
}

export function createTransformApi(): HostApi {
  const asJson = (args: readonly unknown[]): string | null => {
    const rendered = renderFilterExpression(args[0]);
    return rendered === null ? null : JSON.stringify(rendered);
  };
  return {
    toDynamoDBFilterExpression: asJson,
    toDynamoDBConditionExpression: asJson,
    toSubscriptionFilter: (args) =>
      toSubscriptionFilter(args[0], Array.isArray(args[1]) ? args[1].filter((f): f is string => typeof f === 'string') : [], args[2]),
    // A JSON string, like the DynamoDB renderings (reference §2.4).
    toElasticsearchQueryDSL: (args) => JSON.stringify(toSearchQuery(args[0])),
  };
}
