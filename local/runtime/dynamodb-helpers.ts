/**
 * The module `@aws-appsync/utils/dynamodb` (reference §2.7): helpers that build the DynamoDB
 * request objects of §3, and the `operations` markers used by `update`.
 */
import { isRecord, UtilArgumentError } from './host-api.ts';
import type { HostApi } from './host-api.ts';
import { toDynamoDB, toMapValues } from './dynamodb-values.ts';
import type { TypedValue } from './dynamodb-values.ts';
import { renderFilterExpression } from './transform.ts';
import type { RenderedExpression } from './transform.ts';

type Json = Record<string, unknown>;

function inputObject(args: readonly unknown[], helper: string): Json {
  const input = args[0];
  if (!isRecord(input)) throw new UtilArgumentError(`${helper} expects an object`);
  return input;
}

function typedKey(value: unknown, helper: string): Record<string, TypedValue> {
  if (!isRecord(value)) throw new UtilArgumentError(`${helper}: key must be an object`);
  return toMapValues(value, true);
}

function typedItem(value: unknown, helper: string): Record<string, TypedValue> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new UtilArgumentError(`${helper}: item must be an object`);
  return toMapValues(value, true);
}

function expressionFrom(filter: unknown, helper: string, what: string): RenderedExpression {
  const rendered = renderFilterExpression(filter);
  if (rendered === null) throw new UtilArgumentError(`${helper}: the ${what} object cannot be rendered as an expression`);
  return rendered;
}

/** Copies the named fields that are present (not undefined/null) from `input` into `target`. */
function copyPresent(target: Json, input: Json, fields: readonly string[]): Json {
  for (const field of fields) {
    const value = input[field];
    if (value !== undefined && value !== null) target[field] = value;
  }
  return target;
}

/** `projection: ['a', 'b.c']` → `{ expression: '#a, #b.#c', expressionNames }`. */
export function projectionExpression(projection: unknown, helper: string): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!Array.isArray(projection)) throw new UtilArgumentError(`${helper}: projection must be a list of attribute names`);
  const expressionNames: Record<string, string> = {};
  const paths = projection.map((attribute) => {
    if (typeof attribute !== 'string') throw new UtilArgumentError(`${helper}: projection entries must be strings`);
    return attribute
      .split('.')
      .map((segment) => {
        expressionNames[`#${segment}`] = segment;
        return `#${segment}`;
      })
      .join('.');
  });
  return { expression: paths.join(', '), expressionNames };
}

function withCondition(target: Json, input: Json, helper: string): Json {
  const condition = input['condition'];
  if (condition !== undefined && condition !== null) target['condition'] = expressionFrom(condition, helper, 'condition');
  return target;
}

const VERSIONING_FIELDS = ['customPartitionKey', 'populateIndexFields', '_version'] as const;

export function getRequest(input: Json): Json {
  const request: Json = { operation: 'GetItem', key: typedKey(input['key'], 'get') };
  copyPresent(request, input, ['consistentRead']);
  const projection = projectionExpression(input['projection'], 'get');
  if (projection) request['projection'] = projection;
  return request;
}

export function putRequest(input: Json): Json {
  const request: Json = {
    operation: 'PutItem',
    key: typedKey(input['key'], 'put'),
    attributeValues: typedItem(input['item'], 'put'),
  };
  withCondition(request, input, 'put');
  return copyPresent(request, input, VERSIONING_FIELDS);
}

export function removeRequest(input: Json): Json {
  const request: Json = { operation: 'DeleteItem', key: typedKey(input['key'], 'remove') };
  withCondition(request, input, 'remove');
  return copyPresent(request, input, VERSIONING_FIELDS);
}

export function updateRequest(input: Json): Json {
  const request: Json = {
    operation: 'UpdateItem',
    key: typedKey(input['key'], 'update'),
    update: updateExpression(input['update']),
  };
  withCondition(request, input, 'update');
  return copyPresent(request, input, VERSIONING_FIELDS);
}

const KEY_OPERATORS: Readonly<Record<string, string>> = { eq: '=', le: '<=', lt: '<', ge: '>=', gt: '>' };

/** `{ pk: { eq: 'a' }, sk: { beginsWith: 'b' } }` → `#pk = :pk_eq AND begins_with(#sk, :sk_beginsWith)` (reference §2.7). */
export function keyConditionExpression(query: unknown): RenderedExpression {
  if (!isRecord(query)) throw new UtilArgumentError('query: the key condition must be an object');
  const out: RenderedExpression = { expression: '', expressionNames: {}, expressionValues: {} };
  const clauses: string[] = [];
  for (const [field, operators] of Object.entries(query)) {
    if (!isRecord(operators)) throw new UtilArgumentError(`query: ${field} needs an operator such as eq`);
    const name = `#${field}`;
    out.expressionNames[name] = field;
    for (const [op, value] of Object.entries(operators)) {
      const placeholder = (suffix: string, operand: unknown): string => {
        const key = `:${field}_${suffix}`;
        out.expressionValues[key] = toDynamoDB(operand);
        return key;
      };
      const comparison = KEY_OPERATORS[op];
      if (comparison !== undefined) {
        clauses.push(`${name} ${comparison} ${placeholder(op, value)}`);
      } else if (op === 'beginsWith') {
        clauses.push(`begins_with(${name}, ${placeholder(op, value)})`);
      } else if (op === 'between') {
        if (!Array.isArray(value) || value.length !== 2) throw new UtilArgumentError('query: between needs [low, high]');
        clauses.push(`${name} BETWEEN ${placeholder('between_start', value[0])} AND ${placeholder('between_end', value[1])}`);
      } else {
        throw new UtilArgumentError(`query: unsupported key condition operator ${op}`);
      }
    }
  }
  out.expression = clauses.join(' AND ');
  return out;
}

const READ_FIELDS = ['index', 'limit', 'nextToken', 'consistentRead', 'select'] as const;

function withFilterAndProjection(request: Json, input: Json, helper: string): Json {
  const filter = input['filter'];
  if (filter !== undefined && filter !== null) request['filter'] = expressionFrom(filter, helper, 'filter');
  const projection = projectionExpression(input['projection'], helper);
  if (projection) request['projection'] = projection;
  return request;
}

export function queryRequest(input: Json): Json {
  const request: Json = { operation: 'Query', query: keyConditionExpression(input['query']) };
  copyPresent(request, input, [...READ_FIELDS, 'scanIndexForward']);
  return withFilterAndProjection(request, input, 'query');
}

export function scanRequest(input: Json): Json {
  const request: Json = { operation: 'Scan' };
  copyPresent(request, input, [...READ_FIELDS, 'segment', 'totalSegments']);
  return withFilterAndProjection(request, input, 'scan');
}

export function syncRequest(input: Json): Json {
  const request: Json = { operation: 'Sync' };
  copyPresent(request, input, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']);
  const filter = input['filter'];
  if (filter !== undefined && filter !== null) request['filter'] = expressionFrom(filter, 'sync', 'filter');
  return request;
}

function tablesOf(input: Json, helper: string): [string, unknown][] {
  const tables = input['tables'];
  if (!isRecord(tables)) throw new UtilArgumentError(`${helper}: tables must be an object keyed by table name`);
  return Object.entries(tables);
}

function listOf(value: unknown, helper: string, table: string): unknown[] {
  if (!Array.isArray(value)) throw new UtilArgumentError(`${helper}: tables.${table} must be a list`);
  return value;
}

export function batchGetRequest(input: Json): Json {
  const tables = Object.fromEntries(
    tablesOf(input, 'batchGet').map(([table, spec]) => {
      if (!isRecord(spec)) throw new UtilArgumentError(`batchGet: tables.${table} must be { keys, consistentRead?, projection? }`);
      const entry: Json = { keys: listOf(spec['keys'], 'batchGet', table).map((key) => typedKey(key, 'batchGet')) };
      copyPresent(entry, spec, ['consistentRead']);
      const projection = projectionExpression(spec['projection'], 'batchGet');
      if (projection) entry['projection'] = projection;
      return [table, entry];
    }),
  );
  return { operation: 'BatchGetItem', tables };
}

export function batchPutRequest(input: Json): Json {
  const tables = Object.fromEntries(
    tablesOf(input, 'batchPut').map(([table, items]) => [
      table,
      listOf(items, 'batchPut', table).map((item) => typedItem(item, 'batchPut')),
    ]),
  );
  return { operation: 'BatchPutItem', tables };
}

export function batchDeleteRequest(input: Json): Json {
  const tables = Object.fromEntries(
    tablesOf(input, 'batchDelete').map(([table, keys]) => [
      table,
      listOf(keys, 'batchDelete', table).map((key) => typedKey(key, 'batchDelete')),
    ]),
  );
  return { operation: 'BatchDeleteItem', tables };
}

function itemsOf(input: Json, helper: string): Json[] {
  const items = input['items'];
  if (!Array.isArray(items)) throw new UtilArgumentError(`${helper}: items must be a list`);
  return items.map((item) => {
    if (!isRecord(item)) throw new UtilArgumentError(`${helper}: every item must be an object`);
    return item;
  });
}

function tableName(spec: Json, helper: string): string {
  const table = spec['table'];
  if (typeof table !== 'string') throw new UtilArgumentError(`${helper}: every item needs a table name`);
  return table;
}

export function transactGetRequest(input: Json): Json {
  const transactItems = itemsOf(input, 'transactGet').map((item) => {
    const entry: Json = { table: tableName(item, 'transactGet'), key: typedKey(item['key'], 'transactGet') };
    const projection = projectionExpression(item['projection'], 'transactGet');
    if (projection) entry['projection'] = projection;
    return entry;
  });
  return { operation: 'TransactGetItems', transactItems };
}

function transactCondition(entry: Json, spec: Json): Json {
  const condition = spec['condition'];
  if (condition !== undefined && condition !== null) {
    const rendered: Json = { ...expressionFrom(condition, 'transactWrite', 'condition') };
    const returnValues = spec['returnValuesOnConditionCheckFailure'];
    if (typeof returnValues === 'boolean') rendered['returnValuesOnConditionCheckFailure'] = returnValues;
    entry['condition'] = rendered;
  }
  return entry;
}

export function transactWriteRequest(input: Json): Json {
  const transactItems = itemsOf(input, 'transactWrite').map((item) => {
    const [kind, spec] = Object.entries(item)[0] ?? [];
    if (!isRecord(spec)) throw new UtilArgumentError('transactWrite: each item is { putItem | updateItem | deleteItem | conditionCheck: {...} }');
    const base: Json = { table: tableName(spec, 'transactWrite'), key: typedKey(spec['key'], 'transactWrite') };
    switch (kind) {
      case 'putItem':
        return transactCondition({ ...base, operation: 'PutItem', attributeValues: typedItem(spec['item'], 'transactWrite') }, spec);
      case 'updateItem':
        return transactCondition({ ...base, operation: 'UpdateItem', update: updateExpression(spec['update']) }, spec);
      case 'deleteItem':
        return transactCondition({ ...base, operation: 'DeleteItem' }, spec);
      case 'conditionCheck':
        return transactCondition({ ...base, operation: 'ConditionCheck' }, spec);
      default:
        throw new UtilArgumentError(`transactWrite: unknown item kind ${String(kind)}`);
    }
  });
  return { operation: 'TransactWriteItems', transactItems };
}

// ---- update expressions -------------------------------------------------------------------------

/** Markers returned by `operations.*` (shapes recorded from AWS, reference §2.7). */
const OPERATION_TYPES = [
  'OPERATION_ADD',
  'OPERATION_REPLACE',
  'OPERATION_INCREMENT',
  'OPERATION_DECREMENT',
  'OPERATION_APPEND',
  'OPERATION_PREPEND',
  'OPERATION_REMOVE',
  'OPERATION_UPDATE_LIST_ITEM',
] as const;
type OperationType = (typeof OPERATION_TYPES)[number];

function operationType(value: unknown): OperationType | undefined {
  if (!isRecord(value)) return undefined;
  const type = value['type'];
  return OPERATION_TYPES.find((candidate) => candidate === type);
}

function createOperationsApi(): HostApi {
  return {
    add: (args) => ({ type: 'OPERATION_ADD', value: args[0] ?? null }),
    replace: (args) => ({ type: 'OPERATION_REPLACE', value: args[0] ?? null }),
    increment: (args) => ({ type: 'OPERATION_INCREMENT', by: typeof args[0] === 'number' ? args[0] : 1 }),
    decrement: (args) => ({ type: 'OPERATION_DECREMENT', by: typeof args[0] === 'number' ? args[0] : 1 }),
    append: (args) => ({ type: 'OPERATION_APPEND', items: args[0] ?? [] }),
    prepend: (args) => ({ type: 'OPERATION_PREPEND', items: args[0] ?? [] }),
    remove: () => ({ type: 'OPERATION_REMOVE' }),
    updateListItem: (args) => ({ type: 'OPERATION_UPDATE_LIST_ITEM', items: args[0] ?? null, index: args[1] }),
  };
}

interface UpdateBuilder {
  readonly set: string[];
  readonly remove: string[];
  readonly names: Record<string, string>;
  readonly values: Record<string, TypedValue>;
  nameCount: number;
  valueCount: number;
}

/**
 * Turns an update object into `{ expression, expressionNames, expressionValues }` with names
 * `#expName_N` and values `:expValue_N`, 1-based (reference §2.7). Unsure points (reference §9 item
 * 4): `remove()` → `REMOVE`, `updateListItem(v, i)` → `SET #n[i] = :v`, a nested plain object sets
 * only its given sub-keys, and `null` removes the attribute.
 */
export function updateExpression(update: unknown): RenderedExpression {
  if (!isRecord(update)) throw new UtilArgumentError('update: the update object must be an object');
  const builder: UpdateBuilder = { set: [], remove: [], names: {}, values: {}, nameCount: 0, valueCount: 0 };
  for (const [attribute, value] of Object.entries(update)) addUpdate(builder, [attribute], value);
  const clauses: string[] = [];
  if (builder.set.length > 0) clauses.push(`SET ${builder.set.join(', ')}`);
  if (builder.remove.length > 0) clauses.push(`REMOVE ${builder.remove.join(', ')}`);
  return { expression: clauses.join(' '), expressionNames: builder.names, expressionValues: builder.values };
}

function nameOf(builder: UpdateBuilder, path: readonly string[]): string {
  return path
    .map((segment) => {
      builder.nameCount += 1;
      const name = `#expName_${builder.nameCount}`;
      builder.names[name] = segment;
      return name;
    })
    .join('.');
}

function valueOf(builder: UpdateBuilder, value: unknown): string {
  builder.valueCount += 1;
  const name = `:expValue_${builder.valueCount}`;
  builder.values[name] = toDynamoDB(value, true);
  return name;
}

function addUpdate(builder: UpdateBuilder, path: readonly string[], value: unknown): void {
  if (value === undefined) return;
  if (value === null) {
    builder.remove.push(nameOf(builder, path));
    return;
  }
  const type = operationType(value);
  if (type !== undefined && isRecord(value)) {
    const name = nameOf(builder, path);
    switch (type) {
      case 'OPERATION_ADD':
      case 'OPERATION_REPLACE':
        builder.set.push(`${name} = ${valueOf(builder, value['value'])}`);
        return;
      case 'OPERATION_INCREMENT':
        builder.set.push(`${name} = ${name} + ${valueOf(builder, value['by'])}`);
        return;
      case 'OPERATION_DECREMENT':
        builder.set.push(`${name} = ${name} - ${valueOf(builder, value['by'])}`);
        return;
      case 'OPERATION_APPEND':
        builder.set.push(`${name} = list_append(${name}, ${valueOf(builder, value['items'])})`);
        return;
      case 'OPERATION_PREPEND':
        builder.set.push(`${name} = list_append(${valueOf(builder, value['items'])}, ${name})`);
        return;
      case 'OPERATION_REMOVE':
        builder.remove.push(name);
        return;
      case 'OPERATION_UPDATE_LIST_ITEM':
        builder.set.push(`${name}[${Number(value['index'])}] = ${valueOf(builder, value['items'])}`);
        return;
    }
  }
  if (Array.isArray(value) && value.length > 0 && value.every((item) => operationType(item) === 'OPERATION_UPDATE_LIST_ITEM')) {
    const name = nameOf(builder, path);
    for (const item of value) {
      if (isRecord(item)) builder.set.push(`${name}[${Number(item['index'])}] = ${valueOf(builder, item['items'])}`);
    }
    return;
  }
  if (isRecord(value) && !isSetValue(value)) {
    for (const [key, nested] of Object.entries(value)) addUpdate(builder, [...path, key], nested);
    return;
  }
  builder.set.push(`${nameOf(builder, path)} = ${valueOf(builder, value)}`);
}

function isSetValue(value: Json): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'SS' || keys[0] === 'NS' || keys[0] === 'BS');
}

// ---- module surface -----------------------------------------------------------------------------

const withInput =
  (helper: string, build: (input: Json) => Json) =>
  (args: readonly unknown[]): Json =>
    build(inputObject(args, helper));

export function createDynamoDbHelpersApi(): HostApi {
  const operations = createOperationsApi();
  return {
    get: withInput('get', getRequest),
    put: withInput('put', putRequest),
    remove: withInput('remove', removeRequest),
    update: withInput('update', updateRequest),
    query: withInput('query', queryRequest),
    scan: withInput('scan', scanRequest),
    sync: withInput('sync', syncRequest),
    batchGet: withInput('batchGet', batchGetRequest),
    batchPut: withInput('batchPut', batchPutRequest),
    batchDelete: withInput('batchDelete', batchDeleteRequest),
    transactGet: withInput('transactGet', transactGetRequest),
    transactWrite: withInput('transactWrite', transactWriteRequest),
    toStringSet: (args) => ({ SS: args[0] }),
    toNumberSet: (args) => ({ NS: args[0] }),
    toBinarySet: (args) => ({ BS: args[0] }),
    ...Object.fromEntries(Object.entries(operations).map(([name, fn]) => [`operations.${name}`, fn])),
  };
}
