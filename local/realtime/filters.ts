/**
 * Which published events a subscription receives (reference §6.1, §6.3): basic argument filtering
 * and enhanced filters set with `extensions.setSubscriptionFilter`.
 */

export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'le'
  | 'lt'
  | 'ge'
  | 'gt'
  | 'contains'
  | 'notContains'
  | 'beginsWith'
  | 'in'
  | 'notIn'
  | 'between'
  | 'containsAny';

export interface FieldFilter {
  readonly fieldName: string;
  readonly operator: FilterOperator;
  readonly value: unknown;
}

/** Groups are ORed; the filters inside one group are ANDed. */
export interface SubscriptionFilter {
  readonly filterGroup: readonly { readonly filters: readonly FieldFilter[] }[];
}

/** A filter set by a subscription resolver breaks the limits or shape of reference §6.3. */
export class SubscriptionFilterError extends Error {
  override readonly name = 'SubscriptionFilterError';
}

const OPERATORS = new Set<string>([
  'eq', 'ne', 'le', 'lt', 'ge', 'gt', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny',
]);
/** `util.transform.toSubscriptionFilter` copies operator names as written (reference §6.3). */
const ALIASES: Readonly<Record<string, FilterOperator>> = { lte: 'le', gte: 'ge' };

const MAX_GROUPS = 10;
const MAX_FILTERS_PER_GROUP = 5;
const MAX_IN_VALUES = 5;
const MAX_CONTAINS_ANY_VALUES = 20;
const MAX_PATH_LENGTH = 256;
const MAX_PATH_DEPTH = 5;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks and normalises what a resolver passed to `extensions.setSubscriptionFilter`. Returns null for
 * no filter. An empty `filterGroup` (what `toSubscriptionFilter({})` yields) filters nothing: the
 * reference does not say how AppSync treats it, and "no conditions" reading as "match all" is the
 * most likely.
 */
export function parseSubscriptionFilter(raw: unknown): SubscriptionFilter | null {
  if (raw === null || raw === undefined) return null;
  if (!isRecord(raw) || !Array.isArray(raw.filterGroup)) {
    throw new SubscriptionFilterError('A subscription filter must be an object with a filterGroup list');
  }
  if (raw.filterGroup.length === 0) return null;
  if (raw.filterGroup.length > MAX_GROUPS) {
    throw new SubscriptionFilterError(`A subscription filter may have at most ${MAX_GROUPS} filter groups, got ${raw.filterGroup.length}`);
  }
  const groups = raw.filterGroup.map((group: unknown) => {
    if (!isRecord(group) || !Array.isArray(group.filters)) {
      throw new SubscriptionFilterError('Each filter group must be an object with a filters list');
    }
    if (group.filters.length > MAX_FILTERS_PER_GROUP) {
      throw new SubscriptionFilterError(`A filter group may have at most ${MAX_FILTERS_PER_GROUP} filters, got ${group.filters.length}`);
    }
    return { filters: group.filters.map(parseFieldFilter) };
  });
  return { filterGroup: groups };
}

function parseFieldFilter(raw: unknown): FieldFilter {
  if (!isRecord(raw) || typeof raw.fieldName !== 'string' || typeof raw.operator !== 'string') {
    throw new SubscriptionFilterError('Each filter needs a fieldName and an operator');
  }
  const operator = ALIASES[raw.operator] ?? raw.operator;
  if (!OPERATORS.has(operator)) throw new SubscriptionFilterError(`Unknown subscription filter operator "${raw.operator}"`);
  if (raw.fieldName.length > MAX_PATH_LENGTH || raw.fieldName.split('.').length > MAX_PATH_DEPTH) {
    throw new SubscriptionFilterError(`Filter field "${raw.fieldName.slice(0, 40)}" is longer than ${MAX_PATH_LENGTH} characters or deeper than ${MAX_PATH_DEPTH} levels`);
  }
  const value = raw.value;
  if ((operator === 'in' || operator === 'notIn') && (!Array.isArray(value) || value.length > MAX_IN_VALUES)) {
    throw new SubscriptionFilterError(`Operator ${operator} takes a list of at most ${MAX_IN_VALUES} values`);
  }
  if (operator === 'containsAny' && (!Array.isArray(value) || value.length > MAX_CONTAINS_ANY_VALUES)) {
    throw new SubscriptionFilterError(`Operator containsAny takes a list of at most ${MAX_CONTAINS_ANY_VALUES} values`);
  }
  if (operator === 'between' && (!Array.isArray(value) || value.length !== 2)) {
    throw new SubscriptionFilterError('Operator between takes a list of two values [low, high]');
  }
  return { fieldName: raw.fieldName, operator: operator as FilterOperator, value };
}

/** Reads a dot path (`owner.id`) from a published value; undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let cursor: unknown = value;
  for (const part of path.split('.')) {
    if (!isRecord(cursor) || !Object.hasOwn(cursor, part)) return undefined;
    cursor = cursor[part];
  }
  return cursor;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Ordered comparison of two numbers or two strings; null for any other pair. */
function compare(field: unknown, operand: unknown): number | null {
  if (typeof field === 'number' && typeof operand === 'number') return field < operand ? -1 : field > operand ? 1 : 0;
  if (typeof field === 'string' && typeof operand === 'string') return field < operand ? -1 : field > operand ? 1 : 0;
  return null;
}

function contains(field: unknown, operand: unknown): boolean {
  if (typeof field === 'string') return typeof operand === 'string' || typeof operand === 'number' ? field.includes(String(operand)) : false;
  if (Array.isArray(field)) return field.some((item) => sameValue(item, operand));
  return false;
}

/**
 * One filter against a value. A field the event lacks matches only the negative operators
 * (`ne`, `notIn`, `notContains`); the reference does not say, and this is how a missing
 * attribute behaves in DynamoDB's own filter expressions.
 */
export function matchesFilter(event: unknown, filter: FieldFilter): boolean {
  const field = readPath(event, filter.fieldName);
  const operand = filter.value;
  switch (filter.operator) {
    case 'eq':
      return field !== undefined && sameValue(field, operand);
    case 'ne':
      return field === undefined || !sameValue(field, operand);
    case 'lt': {
      const order = compare(field, operand);
      return order !== null && order < 0;
    }
    case 'le': {
      const order = compare(field, operand);
      return order !== null && order <= 0;
    }
    case 'gt': {
      const order = compare(field, operand);
      return order !== null && order > 0;
    }
    case 'ge': {
      const order = compare(field, operand);
      return order !== null && order >= 0;
    }
    case 'contains':
      return contains(field, operand);
    case 'notContains':
      return !contains(field, operand);
    case 'beginsWith':
      return typeof field === 'string' && typeof operand === 'string' && field.startsWith(operand);
    case 'in':
      return field !== undefined && Array.isArray(operand) && operand.some((item) => sameValue(field, item));
    case 'notIn':
      return !(Array.isArray(operand) && field !== undefined && operand.some((item) => sameValue(field, item)));
    case 'between': {
      if (!Array.isArray(operand)) return false;
      const low = compare(field, operand[0]);
      const high = compare(field, operand[1]);
      return low !== null && high !== null && low >= 0 && high <= 0;
    }
    case 'containsAny':
      return Array.isArray(field) && Array.isArray(operand) && operand.some((item) => field.some((element) => sameValue(element, item)));
  }
}

/** Enhanced filter: some group whose filters all match (reference §6.3). No filter matches everything. */
export function matchesSubscriptionFilter(event: unknown, filter: SubscriptionFilter | null): boolean {
  if (filter === null) return true;
  return filter.filterGroup.some((group) => group.filters.every((one) => matchesFilter(event, one)));
}

/**
 * Basic argument filtering (reference §6.1): every argument the subscriber gave a non-null value must
 * equal the same-named top-level field of the event; an event without that field does not match.
 */
export function matchesArguments(event: unknown, args: Readonly<Record<string, unknown>>): boolean {
  for (const [name, expected] of Object.entries(args)) {
    if (expected === null || expected === undefined) continue;
    if (!isRecord(event) || !Object.hasOwn(event, name) || !sameValue(event[name], expected)) return false;
  }
  return true;
}
