/**
 * The DynamoDB data source: turns AppSync request objects (reference §3.3) into DynamoDB calls and
 * the answers into AppSync's plain-JSON `ctx.result`, with AppSync's error semantics for conditional
 * writes (§3.4), transactions (§3.5) and other failures (§3.6).
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type {
  AttributeValue,
  CancellationReason,
  DynamoDBClient,
  KeysAndAttributes,
  Select,
  TransactWriteItem,
  WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { InvalidAttributeValueError, toPlain, toPlainItem, toSdkMap, toTypedJson } from './attribute-values.ts';
import type { DataSource, DataSourceError, DataSourceResponse } from './types.ts';

export interface DynamoDbDataSourceOptions {
  readonly client: DynamoDBClient;
  /** Physical name of the data source's table (single-item operations, Query, Scan). */
  readonly tableName: string;
}

/** The request object is malformed; reported like DynamoDB's own validation errors. */
export class InvalidDynamoDbRequestError extends Error {
  override readonly name = 'InvalidDynamoDbRequestError';
}

type Json = Record<string, unknown>;
type SdkItem = Record<string, AttributeValue>;

interface Expression {
  expression: string;
  names: Record<string, string>;
  values: SdkItem;
}

const GENERIC_ERROR_TYPE = 'DynamoDB:DynamoDbException';

/** Exceptions AppSync reports under their own name; everything else is `DynamoDB:DynamoDbException` (reference §3.6). */
const NAMED_EXCEPTIONS = new Set([
  'ConditionalCheckFailedException',
  'TransactionCanceledException',
  'ProvisionedThroughputExceededException',
  'ResourceNotFoundException',
  'ItemCollectionSizeLimitExceededException',
  'TransactionConflictException',
  'RequestLimitExceeded',
  'ThrottlingException',
]);

export function createDynamoDbDataSource(options: DynamoDbDataSourceOptions): DataSource {
  const { client, tableName } = options;

  const handlers: Readonly<Record<string, (request: Json) => Promise<DataSourceResponse>>> = {
    GetItem: async (request) => {
      const projection = optionalExpression(request['projection'], 'projection');
      const out = await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: key(request['key']),
          ConsistentRead: request['consistentRead'] === true,
          ...(projection ? { ProjectionExpression: projection.expression, ...namesAndValues([projection]) } : {}),
        }),
      );
      return { result: out.Item ? toPlainItem(out.Item) : null };
    },

    PutItem: async (request) => {
      const itemKey = key(request['key']);
      const item = { ...toSdkMap(record(request['attributeValues'] ?? {}, 'attributeValues')), ...itemKey };
      const condition = optionalExpression(request['condition'], 'condition');
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: item,
            ...(condition ? { ConditionExpression: condition.expression, ...namesAndValues([condition]) } : {}),
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return conditionFailed(error, itemKey, request['condition'], toPlainItem(item));
      }
      return { result: toPlainItem(item) };
    },

    UpdateItem: async (request) => {
      const itemKey = key(request['key']);
      const update = expression(request['update'], 'update');
      const condition = optionalExpression(request['condition'], 'condition');
      try {
        const out = await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: itemKey,
            UpdateExpression: update.expression,
            ...(condition ? { ConditionExpression: condition.expression } : {}),
            ...namesAndValues(condition ? [update, condition] : [update]),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { result: out.Attributes ? toPlainItem(out.Attributes) : null };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return conditionFailed(error, itemKey, request['condition'], undefined);
      }
    },

    DeleteItem: async (request) => {
      const itemKey = key(request['key']);
      const condition = optionalExpression(request['condition'], 'condition');
      try {
        const out = await client.send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: itemKey,
            ...(condition ? { ConditionExpression: condition.expression, ...namesAndValues([condition]) } : {}),
            ReturnValues: 'ALL_OLD',
          }),
        );
        return { result: out.Attributes ? toPlainItem(out.Attributes) : null };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return conditionFailed(error, itemKey, request['condition'], undefined);
      }
    },

    Query: async (request) => {
      const keyCondition = expression(request['query'], 'query');
      const filter = optionalExpression(request['filter'], 'filter');
      const projection = optionalExpression(request['projection'], 'projection');
      const parts = [keyCondition, filter, projection].filter((part): part is Expression => part !== undefined);
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: keyCondition.expression,
          ...(filter ? { FilterExpression: filter.expression } : {}),
          ...(projection ? { ProjectionExpression: projection.expression } : {}),
          ...namesAndValues(parts),
          ...readOptions(request),
          ...(typeof request['scanIndexForward'] === 'boolean' ? { ScanIndexForward: request['scanIndexForward'] } : {}),
        }),
      );
      return { result: page(out.Items, out.LastEvaluatedKey, out.ScannedCount) };
    },

    Scan: async (request) => {
      const filter = optionalExpression(request['filter'], 'filter');
      const projection = optionalExpression(request['projection'], 'projection');
      const parts = [filter, projection].filter((part): part is Expression => part !== undefined);
      const out = await client.send(
        new ScanCommand({
          TableName: tableName,
          ...(filter ? { FilterExpression: filter.expression } : {}),
          ...(projection ? { ProjectionExpression: projection.expression } : {}),
          ...namesAndValues(parts),
          ...readOptions(request),
          ...(typeof request['segment'] === 'number' ? { Segment: request['segment'] } : {}),
          ...(typeof request['totalSegments'] === 'number' ? { TotalSegments: request['totalSegments'] } : {}),
        }),
      );
      return { result: page(out.Items, out.LastEvaluatedKey, out.ScannedCount) };
    },

    /**
     * Sync (reference §3.3, marked [M]): the base table read page by page like a Scan, with `startedAt`
     * (when this sync began) and `lastSync` (what the client sends next time). Delta tables of
     * versioned data sources are not emulated: a `lastSync` keeps only items whose
     * `_lastChangedAt` is newer, which is what a delta-table read would return (our guess).
     */
    Sync: async (request) => {
      const startedAt = Date.now();
      const filter = optionalExpression(request['filter'], 'filter');
      const lastSync = typeof request['lastSync'] === 'number' ? request['lastSync'] : undefined;
      const changedSince: Expression | undefined =
        lastSync === undefined
          ? undefined
          : { expression: '#syncChangedAt > :syncLastSync', names: { '#syncChangedAt': '_lastChangedAt' }, values: { ':syncLastSync': { N: String(lastSync) } } };
      const parts = [filter, changedSince].filter((part): part is Expression => part !== undefined);
      const out = await client.send(
        new ScanCommand({
          TableName: tableName,
          ...(parts.length > 0 ? { FilterExpression: parts.map((part) => `(${part.expression})`).join(' AND ') } : {}),
          ...namesAndValues(parts),
          ...readOptions(request),
        }),
      );
      return { result: { ...page(out.Items, out.LastEvaluatedKey, out.ScannedCount), startedAt, lastSync: startedAt } };
    },

    BatchGetItem: async (request) => {
      const tables = Object.entries(record(request['tables'], 'tables'));
      const requestItems: Record<string, KeysAndAttributes> = {};
      const requestedKeys: Record<string, SdkItem[]> = {};
      for (const [table, spec] of tables) {
        const entry = record(spec, `tables.${table}`);
        const keys = list(entry['keys'], `tables.${table}.keys`).map(key);
        const projection = optionalExpression(entry['projection'], 'projection');
        requestedKeys[table] = keys;
        requestItems[table] = {
          Keys: keys,
          ConsistentRead: entry['consistentRead'] === true,
          ...(projection ? { ProjectionExpression: projection.expression, ...namesAndValues([projection]) } : {}),
        };
      }
      const out = await client.send(new BatchGetItemCommand({ RequestItems: requestItems }));
      const data: Record<string, unknown[]> = {};
      const unprocessedKeys: Record<string, unknown[]> = {};
      for (const [table, keys] of Object.entries(requestedKeys)) {
        const found = out.Responses?.[table] ?? [];
        data[table] = keys.map((wanted) => {
          const item = found.find((candidate) => matchesKey(candidate, wanted));
          return item ? toPlainItem(item) : null;
        });
        unprocessedKeys[table] = (out.UnprocessedKeys?.[table]?.Keys ?? []).map(toPlainItem);
      }
      return { result: { data, unprocessedKeys } };
    },

    BatchPutItem: async (request) => {
      const tables = Object.entries(record(request['tables'], 'tables')).map(
        ([table, items]) => [table, list(items, `tables.${table}`).map((item) => toSdkMap(record(item, 'item')))] as const,
      );
      const requestItems: Record<string, WriteRequest[]> = Object.fromEntries(
        tables.map(([table, items]) => [table, items.map((item) => ({ PutRequest: { Item: item } }))]),
      );
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: requestItems }));
      const data: Record<string, unknown[]> = {};
      const unprocessedItems: Record<string, unknown[]> = {};
      for (const [table, items] of tables) {
        const left = (out.UnprocessedItems?.[table] ?? []).flatMap((write) => (write.PutRequest?.Item ? [write.PutRequest.Item] : []));
        data[table] = items.map((item) => (left.some((l) => sameItem(l, item)) ? null : toPlainItem(item)));
        unprocessedItems[table] = left.map(toPlainItem);
      }
      return { result: { data, unprocessedItems } };
    },

    // Reference §9 item 6: whether `data` holds the deleted keys or items is unsure; we return the keys.
    BatchDeleteItem: async (request) => {
      const tables = Object.entries(record(request['tables'], 'tables')).map(
        ([table, keys]) => [table, list(keys, `tables.${table}`).map(key)] as const,
      );
      const requestItems: Record<string, WriteRequest[]> = Object.fromEntries(
        tables.map(([table, keys]) => [table, keys.map((k) => ({ DeleteRequest: { Key: k } }))]),
      );
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: requestItems }));
      const data: Record<string, unknown[]> = {};
      const unprocessedKeys: Record<string, unknown[]> = {};
      for (const [table, keys] of tables) {
        const left = (out.UnprocessedItems?.[table] ?? []).flatMap((write) => (write.DeleteRequest?.Key ? [write.DeleteRequest.Key] : []));
        data[table] = keys.map((k) => (left.some((l) => sameItem(l, k)) ? null : toPlainItem(k)));
        unprocessedKeys[table] = left.map(toPlainItem);
      }
      return { result: { data, unprocessedKeys } };
    },

    TransactGetItems: async (request) => {
      const items = list(request['transactItems'], 'transactItems').map((entry) => {
        const spec = record(entry, 'transactItems[]');
        const projection = optionalExpression(spec['projection'], 'projection');
        return {
          Get: {
            TableName: stringField(spec, 'table'),
            Key: key(spec['key']),
            ...(projection ? { ProjectionExpression: projection.expression, ...namesAndValues([projection]) } : {}),
          },
        };
      });
      try {
        const out = await client.send(new TransactGetItemsCommand({ TransactItems: items }));
        const responses = out.Responses ?? [];
        return {
          result: {
            items: items.map((_, index) => {
              const item = responses[index]?.Item;
              return item ? toPlainItem(item) : null;
            }),
            cancellationReasons: null,
          },
        };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        return { result: { items: null, cancellationReasons: cancellationReasons(error) }, error: errorOf(error) };
      }
    },

    TransactWriteItems: async (request) => {
      const entries = list(request['transactItems'], 'transactItems').map((entry) => record(entry, 'transactItems[]'));
      const items = entries.map(transactWriteItem);
      try {
        await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        return { result: { keys: null, cancellationReasons: cancellationReasons(error) }, error: errorOf(error) };
      }
      return { result: { keys: entries.map((entry) => toPlainItem(key(entry['key']))), cancellationReasons: null } };
    },
  };

  /**
   * Reference §3.4: read the current item; if it already equals what the write intended (only known
   * for PutItem), the write counts as done; otherwise Reject: ctx.error and ctx.result = the current
   * item. Whether UpdateItem/DeleteItem also get the equality shortcut is unsure (reference §9 item 5);
   * we reject them. The `Custom` strategy (a Lambda decides) is treated as Reject.
   */
  async function conditionFailed(
    error: ConditionalCheckFailedException,
    itemKey: SdkItem,
    condition: unknown,
    intended: Record<string, unknown> | undefined,
  ): Promise<DataSourceResponse> {
    const conditionObject = isRecord(condition) ? condition : {};
    const current = await client.send(
      new GetItemCommand({ TableName: tableName, Key: itemKey, ConsistentRead: conditionObject['consistentRead'] === true }),
    );
    const currentItem = current.Item ? toPlainItem(current.Item) : null;
    if (intended !== undefined && currentItem !== null) {
      const ignored = Array.isArray(conditionObject['equalsIgnore'])
        ? conditionObject['equalsIgnore'].filter((name): name is string => typeof name === 'string')
        : [];
      if (deepEqual(withoutAttributes(currentItem, ignored), withoutAttributes(intended, ignored))) {
        return { result: currentItem };
      }
    }
    return { result: currentItem, error: errorOf(error) };
  }

  return {
    async invoke(request: unknown): Promise<DataSourceResponse> {
      try {
        const body = record(request, 'request');
        const operation = body['operation'];
        const handler = typeof operation === 'string' ? handlers[operation] : undefined;
        if (handler === undefined) {
          throw new InvalidDynamoDbRequestError(`Unsupported DynamoDB operation ${JSON.stringify(operation ?? null)}`);
        }
        return await handler(body);
      } catch (error) {
        return { result: null, error: errorOf(error) };
      }
    },
  };
}

function transactWriteItem(spec: Json): TransactWriteItem {
  const table = stringField(spec, 'table');
  const itemKey = key(spec['key']);
  const condition = optionalExpression(spec['condition'], 'condition');
  const conditionRecord = isRecord(spec['condition']) ? spec['condition'] : {};
  const returnOld = conditionRecord['returnValuesOnConditionCheckFailure'] === true;
  const conditionParts = condition
    ? {
        ConditionExpression: condition.expression,
        ...(returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      }
    : {};
  const operation = spec['operation'];
  switch (operation) {
    case 'PutItem':
      return {
        Put: {
          TableName: table,
          Item: { ...toSdkMap(record(spec['attributeValues'] ?? {}, 'attributeValues')), ...itemKey },
          ...conditionParts,
          ...namesAndValues(condition ? [condition] : []),
        },
      };
    case 'UpdateItem': {
      const update = expression(spec['update'], 'update');
      return {
        Update: {
          TableName: table,
          Key: itemKey,
          UpdateExpression: update.expression,
          ...conditionParts,
          ...namesAndValues(condition ? [update, condition] : [update]),
        },
      };
    }
    case 'DeleteItem':
      return { Delete: { TableName: table, Key: itemKey, ...conditionParts, ...namesAndValues(condition ? [condition] : []) } };
    case 'ConditionCheck':
      if (!condition) throw new InvalidDynamoDbRequestError('A ConditionCheck transact item needs a condition');
      return {
        ConditionCheck: {
          TableName: table,
          Key: itemKey,
          ConditionExpression: condition.expression,
          ...(returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
          ...namesAndValues([condition]),
        },
      };
    default:
      throw new InvalidDynamoDbRequestError(`Unsupported transact item operation ${JSON.stringify(operation ?? null)}`);
  }
}

/**
 * One reason per transact item, in order (reference §3.5; the `"None"`/`"null"` strings are unsure,
 * §9 item 6). A failed condition carries the reference's message text whatever DynamoDB's wording.
 */
function cancellationReasons(error: TransactionCanceledException): unknown[] {
  return (error.CancellationReasons ?? []).map((reason: CancellationReason) => ({
    type: reason.Code ?? 'None',
    message: reason.Code === 'ConditionalCheckFailed' ? 'The conditional request failed' : (reason.Message ?? 'null'),
    ...(reason.Item ? { item: toPlainItem(reason.Item) } : {}),
  }));
}

function errorOf(error: unknown): DataSourceError {
  if (error instanceof DynamoDBServiceException) {
    const requestId = error.$metadata.requestId ?? 'unknown';
    const status = error.$metadata.httpStatusCode ?? 400;
    const message = error.name === 'ConditionalCheckFailedException' ? 'The conditional request failed' : error.message;
    return {
      type: NAMED_EXCEPTIONS.has(error.name) ? `DynamoDB:${error.name}` : GENERIC_ERROR_TYPE,
      message: `${message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`,
    };
  }
  if (error instanceof InvalidDynamoDbRequestError || error instanceof InvalidAttributeValueError) {
    return { type: GENERIC_ERROR_TYPE, message: `${error.message} (Service: DynamoDb, Status Code: 400, Request ID: local)` };
  }
  return { type: GENERIC_ERROR_TYPE, message: error instanceof Error ? error.message : String(error) };
}

// ---- request parsing ------------------------------------------------------------------------------

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, what: string): Json {
  if (!isRecord(value)) throw new InvalidDynamoDbRequestError(`${what} must be an object`);
  return value;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidDynamoDbRequestError(`${what} must be a list`);
  return value;
}

function stringField(value: Json, field: string): string {
  const text = value[field];
  if (typeof text !== 'string') throw new InvalidDynamoDbRequestError(`${field} must be a string`);
  return text;
}

function key(value: unknown): SdkItem {
  return toSdkMap(record(value, 'key'));
}

function expression(value: unknown, what: string): Expression {
  const body = record(value, what);
  const text = body['expression'];
  if (typeof text !== 'string' || text === '') throw new InvalidDynamoDbRequestError(`${what}.expression must be a non-empty string`);
  const names = body['expressionNames'];
  const values = body['expressionValues'];
  return {
    expression: text,
    names: isRecord(names)
      ? Object.fromEntries(Object.entries(names).map(([placeholder, name]) => [placeholder, String(name)]))
      : {},
    values: isRecord(values) ? toSdkMap(values) : {},
  };
}

function optionalExpression(value: unknown, what: string): Expression | undefined {
  return value === undefined || value === null ? undefined : expression(value, what);
}

/** Merges the names/values of several expressions; DynamoDB refuses empty maps, so those are left out. */
function namesAndValues(parts: readonly Expression[]): {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: SdkItem;
} {
  const names: Record<string, string> = {};
  const values: SdkItem = {};
  for (const part of parts) {
    Object.assign(names, part.names);
    Object.assign(values, part.values);
  }
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

const SELECT_VALUES: readonly Select[] = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'];

function readOptions(request: Json): {
  IndexName?: string;
  Limit?: number;
  ConsistentRead?: boolean;
  Select?: Select;
  ExclusiveStartKey?: SdkItem;
} {
  const index = request['index'];
  const limit = request['limit'];
  const select = SELECT_VALUES.find((value) => value === request['select']);
  const nextToken = request['nextToken'];
  return {
    ...(typeof index === 'string' ? { IndexName: index } : {}),
    ...(typeof limit === 'number' ? { Limit: limit } : {}),
    ...(request['consistentRead'] === true ? { ConsistentRead: true } : {}),
    ...(select ? { Select: select } : {}),
    ...(typeof nextToken === 'string' && nextToken !== '' ? { ExclusiveStartKey: decodeNextToken(nextToken) } : {}),
  };
}

// ---- results ---------------------------------------------------------------------------------------

function page(items: SdkItem[] | undefined, lastKey: SdkItem | undefined, scannedCount: number | undefined): Json {
  return {
    items: (items ?? []).map(toPlainItem),
    nextToken: lastKey ? encodeNextToken(lastKey) : null,
    scannedCount: scannedCount ?? 0,
  };
}

/** An opaque token: base64url of the LastEvaluatedKey as typed JSON (reference §3.3 allows any reversible encoding). */
export function encodeNextToken(lastKey: SdkItem): string {
  const typed = Object.fromEntries(Object.entries(lastKey).map(([name, value]) => [name, toTypedJson(value)]));
  return Buffer.from(JSON.stringify(typed), 'utf8').toString('base64url');
}

export function decodeNextToken(token: string): SdkItem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidDynamoDbRequestError('Invalid nextToken', { cause: error });
  }
  if (!isRecord(parsed)) throw new InvalidDynamoDbRequestError('Invalid nextToken');
  return toSdkMap(parsed);
}

function matchesKey(item: SdkItem, wanted: SdkItem): boolean {
  return Object.entries(wanted).every(([name, value]) => {
    const actual = item[name];
    return actual !== undefined && deepEqual(toPlain(actual), toPlain(value));
  });
}

function sameItem(a: SdkItem, b: SdkItem): boolean {
  return deepEqual(toPlainItem(a), toPlainItem(b));
}

function withoutAttributes(item: Record<string, unknown>, ignored: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !ignored.includes(name)));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((name) => Object.hasOwn(b, name) && deepEqual(a[name], b[name]));
  }
  return false;
}
