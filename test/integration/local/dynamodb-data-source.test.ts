import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDataSource } from '../../../local/data-sources/dynamodb.ts';
import { createNoneDataSource } from '../../../local/data-sources/none.ts';
import type { DataSource } from '../../../local/data-sources/types.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';
import type { TestTableNames } from '../../helpers/dynamodb.ts';

const CALLER = { identity: null };

let client: DynamoDBClient;
let tables: TestTableNames;
let ledger: DataSource;

const S = (value: string) => ({ S: value });
const N = (value: number) => ({ N: value });
const ledgerKey = (pk: string, sk: string) => ({ pk: S(pk), sk: S(sk) });

function putRequest(pk: string, sk: string, attributes: Record<string, unknown>, condition?: Record<string, unknown>) {
  return { operation: 'PutItem', key: ledgerKey(pk, sk), attributeValues: attributes, ...(condition ? { condition } : {}) };
}

beforeAll(async () => {
  client = localDynamoDbClient(dynamodbEndpoint());
  tables = await createTestTables(client);
  ledger = createDynamoDbDataSource({ client, tableName: tables.ledger });
});

afterAll(() => {
  client.destroy();
});

describe('DynamoDB data source', () => {
  describe('single items', () => {
    it('writes an item with PutItem and returns key and attributes as plain JSON', async () => {
      const out = await ledger.invoke(putRequest('P#put', 'S#1', { count: N(3), tags: { SS: ['a'] }, flag: { BOOL: true }, gone: { NULL: null } }), CALLER);
      expect(out).toEqual({ result: { pk: 'P#put', sk: 'S#1', count: 3, tags: ['a'], flag: true, gone: null } });
    });

    it('accepts numbers written as strings and returns them as numbers', async () => {
      await ledger.invoke(putRequest('P#num', 'S#1', { count: { N: '42' }, list: { L: [N(1), { N: '2.5' }] } }), CALLER);
      const out = await ledger.invoke({ operation: 'GetItem', key: ledgerKey('P#num', 'S#1') }, CALLER);
      expect(out.result).toEqual({ pk: 'P#num', sk: 'S#1', count: 42, list: [1, 2.5] });
    });

    it('returns null from GetItem for an absent item', async () => {
      expect(await ledger.invoke({ operation: 'GetItem', key: ledgerKey('P#none', 'S#1'), consistentRead: true }, CALLER)).toEqual({ result: null });
    });

    it('returns only projected attributes from GetItem', async () => {
      await ledger.invoke(putRequest('P#proj', 'S#1', { a: N(1), b: N(2) }), CALLER);
      const out = await ledger.invoke(
        { operation: 'GetItem', key: ledgerKey('P#proj', 'S#1'), projection: { expression: '#a', expressionNames: { '#a': 'a' } } },
        CALLER,
      );
      expect(out.result).toEqual({ a: 1 });
    });

    it('returns the whole updated item from UpdateItem, merging update and condition placeholders', async () => {
      await ledger.invoke(putRequest('P#upd', 'S#1', { count: N(1), title: S('old') }), CALLER);
      const out = await ledger.invoke(
        {
          operation: 'UpdateItem',
          key: ledgerKey('P#upd', 'S#1'),
          update: {
            expression: 'SET #count = #count + :inc, #title = :title',
            expressionNames: { '#count': 'count', '#title': 'title' },
            expressionValues: { ':inc': N(2), ':title': S('new') },
          },
          condition: { expression: '#title = :old', expressionNames: { '#title': 'title' }, expressionValues: { ':old': S('old') } },
        },
        CALLER,
      );
      expect(out).toEqual({ result: { pk: 'P#upd', sk: 'S#1', count: 3, title: 'new' } });
    });

    it('returns the deleted item from DeleteItem, and null when nothing was there', async () => {
      await ledger.invoke(putRequest('P#del', 'S#1', { a: N(1) }), CALLER);
      expect(await ledger.invoke({ operation: 'DeleteItem', key: ledgerKey('P#del', 'S#1') }, CALLER)).toEqual({
        result: { pk: 'P#del', sk: 'S#1', a: 1 },
      });
      expect(await ledger.invoke({ operation: 'DeleteItem', key: ledgerKey('P#del', 'S#1') }, CALLER)).toEqual({ result: null });
    });
  });

  describe('conditional writes', () => {
    const mustNotExist = { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } };

    it('fails a PutItem whose condition fails with ConditionalCheckFailedException and the current item as result', async () => {
      await ledger.invoke(putRequest('P#cond', 'S#1', { version: N(1) }), CALLER);
      const out = await ledger.invoke(putRequest('P#cond', 'S#1', { version: N(2) }, mustNotExist), CALLER);
      expect(out.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
      expect(out.error?.message).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
      expect(out.result).toEqual({ pk: 'P#cond', sk: 'S#1', version: 1 });
    });

    it('treats a retried PutItem whose item is already stored as a success', async () => {
      const request = putRequest('P#idem', 'S#1', { version: N(1) }, mustNotExist);
      expect(await ledger.invoke(request, CALLER)).toEqual({ result: { pk: 'P#idem', sk: 'S#1', version: 1 } });
      expect(await ledger.invoke(request, CALLER)).toEqual({ result: { pk: 'P#idem', sk: 'S#1', version: 1 } });
    });

    it('ignores equalsIgnore attributes when comparing a retried PutItem', async () => {
      await ledger.invoke(putRequest('P#ign', 'S#1', { version: N(1), updatedAt: S('t1') }), CALLER);
      const out = await ledger.invoke(
        putRequest('P#ign', 'S#1', { version: N(1), updatedAt: S('t2') }, { ...mustNotExist, equalsIgnore: ['updatedAt'] }),
        CALLER,
      );
      expect(out.error).toBeUndefined();
    });

    it('fails a conditional UpdateItem with the current item as result', async () => {
      await ledger.invoke(putRequest('P#condupd', 'S#1', { version: N(5) }), CALLER);
      const out = await ledger.invoke(
        {
          operation: 'UpdateItem',
          key: ledgerKey('P#condupd', 'S#1'),
          update: { expression: 'SET #v = :v', expressionNames: { '#v': 'version' }, expressionValues: { ':v': N(6) } },
          condition: { expression: '#v = :expected', expressionNames: { '#v': 'version' }, expressionValues: { ':expected': N(4) } },
        },
        CALLER,
      );
      expect(out.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
      expect(out.result).toEqual({ pk: 'P#condupd', sk: 'S#1', version: 5 });
    });
  });

  describe('queries and scans', () => {
    beforeAll(async () => {
      for (const day of ['01', '02', '03', '04', '05']) {
        await ledger.invoke(putRequest('P#query', `DAY#2025-01-${day}`, { cost: N(Number(day)), model: S(day === '03' ? 'b' : 'a') }), CALLER);
      }
    });

    const queryRequest = (extra: Record<string, unknown> = {}) => ({
      operation: 'Query',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :prefix)',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk': S('P#query'), ':prefix': S('DAY#') },
      },
      ...extra,
    });

    it('returns items, a null nextToken and the scanned count', async () => {
      const out = await ledger.invoke(queryRequest(), CALLER);
      expect(out.error).toBeUndefined();
      expect(out.result).toMatchObject({ nextToken: null, scannedCount: 5 });
      expect((out.result as { items: { sk: string }[] }).items.map((item) => item.sk)).toEqual([
        'DAY#2025-01-01',
        'DAY#2025-01-02',
        'DAY#2025-01-03',
        'DAY#2025-01-04',
        'DAY#2025-01-05',
      ]);
    });

    it('pages through results with limit and nextToken', async () => {
      const seen: unknown[] = [];
      let nextToken: string | null = null;
      let pages = 0;
      do {
        const out = await ledger.invoke(queryRequest({ limit: 2, ...(nextToken ? { nextToken } : {}) }), CALLER);
        const page = out.result as { items: { cost: number }[]; nextToken: string | null };
        seen.push(...page.items.map((item) => item.cost));
        nextToken = page.nextToken;
        pages += 1;
      } while (nextToken !== null && pages < 10);
      expect(seen).toEqual([1, 2, 3, 4, 5]);
      expect(pages).toBeGreaterThanOrEqual(3);
    });

    it('applies a filter whose placeholders are merged with the key condition', async () => {
      const out = await ledger.invoke(
        queryRequest({
          filter: { expression: '#model = :model', expressionNames: { '#model': 'model' }, expressionValues: { ':model': S('b') } },
          scanIndexForward: false,
        }),
        CALLER,
      );
      expect(out.result).toMatchObject({ items: [{ sk: 'DAY#2025-01-03', cost: 3 }], scannedCount: 5, nextToken: null });
    });

    it('scans with a filter', async () => {
      const out = await ledger.invoke(
        {
          operation: 'Scan',
          filter: { expression: '#pk = :pk AND #cost > :min', expressionNames: { '#pk': 'pk', '#cost': 'cost' }, expressionValues: { ':pk': S('P#query'), ':min': N(3) } },
        },
        CALLER,
      );
      expect((out.result as { items: { cost: number }[] }).items.map((item) => item.cost).sort()).toEqual([4, 5]);
    });

    it('queries a global index of the keys table', async () => {
      const keys = createDynamoDbDataSource({ client, tableName: tables.keys });
      await keys.invoke({ operation: 'PutItem', key: { keyHash: S('h1') }, attributeValues: { keyId: S('k1'), kind: S('KEY'), createdAt: S('2025') } }, CALLER);
      const out = await keys.invoke(
        {
          operation: 'Query',
          index: 'byKeyId',
          query: { expression: '#id = :id', expressionNames: { '#id': 'keyId' }, expressionValues: { ':id': S('k1') } },
        },
        CALLER,
      );
      expect(out.result).toMatchObject({ items: [{ keyHash: 'h1', keyId: 'k1' }], nextToken: null });
    });

    it('fails a request with an invalid nextToken with a DynamoDB error type', async () => {
      const out = await ledger.invoke(queryRequest({ nextToken: 'not-a-token' }), CALLER);
      expect(out.error?.type).toBe('DynamoDB:DynamoDbException');
    });
  });

  describe('batch operations', () => {
    it('writes with BatchPutItem, reads in request order with BatchGetItem and deletes with BatchDeleteItem', async () => {
      const table = tables.ledger;
      const put = await ledger.invoke(
        { operation: 'BatchPutItem', tables: { [table]: [{ ...ledgerKey('P#batch', 'S#1'), n: N(1) }, { ...ledgerKey('P#batch', 'S#2'), n: N(2) }] } },
        CALLER,
      );
      expect(put).toEqual({
        result: {
          data: { [table]: [{ pk: 'P#batch', sk: 'S#1', n: 1 }, { pk: 'P#batch', sk: 'S#2', n: 2 }] },
          unprocessedItems: { [table]: [] },
        },
      });

      const get = await ledger.invoke(
        { operation: 'BatchGetItem', tables: { [table]: { keys: [ledgerKey('P#batch', 'S#2'), ledgerKey('P#batch', 'S#9'), ledgerKey('P#batch', 'S#1')] } } },
        CALLER,
      );
      expect(get).toEqual({
        result: {
          data: { [table]: [{ pk: 'P#batch', sk: 'S#2', n: 2 }, null, { pk: 'P#batch', sk: 'S#1', n: 1 }] },
          unprocessedKeys: { [table]: [] },
        },
      });

      const removed = await ledger.invoke({ operation: 'BatchDeleteItem', tables: { [table]: [ledgerKey('P#batch', 'S#1')] } }, CALLER);
      expect(removed).toEqual({
        result: { data: { [table]: [{ pk: 'P#batch', sk: 'S#1' }] }, unprocessedKeys: { [table]: [] } },
      });
      const after = await ledger.invoke({ operation: 'GetItem', key: ledgerKey('P#batch', 'S#1') }, CALLER);
      expect(after.result).toBeNull();
    });
  });

  describe('transactions', () => {
    it('writes every item of TransactWriteItems and returns their keys in order', async () => {
      const table = tables.ledger;
      const out = await ledger.invoke(
        {
          operation: 'TransactWriteItems',
          transactItems: [
            { table, operation: 'PutItem', key: ledgerKey('P#tx', 'S#1'), attributeValues: { n: N(1) } },
            {
              table,
              operation: 'UpdateItem',
              key: ledgerKey('P#tx', 'S#2'),
              update: { expression: 'ADD #n :one', expressionNames: { '#n': 'n' }, expressionValues: { ':one': N(1) } },
            },
          ],
        },
        CALLER,
      );
      expect(out).toEqual({
        result: { keys: [{ pk: 'P#tx', sk: 'S#1' }, { pk: 'P#tx', sk: 'S#2' }], cancellationReasons: null },
      });

      const read = await ledger.invoke(
        {
          operation: 'TransactGetItems',
          transactItems: [
            { table, key: ledgerKey('P#tx', 'S#2') },
            { table, key: ledgerKey('P#tx', 'S#missing') },
          ],
        },
        CALLER,
      );
      expect(read).toEqual({ result: { items: [{ pk: 'P#tx', sk: 'S#2', n: 1 }, null], cancellationReasons: null } });
    });

    it('reports a cancelled transaction with one reason per item and the failed item when asked for', async () => {
      const table = tables.ledger;
      await ledger.invoke(putRequest('P#txfail', 'S#2', { version: N(3) }), CALLER);
      const out = await ledger.invoke(
        {
          operation: 'TransactWriteItems',
          transactItems: [
            { table, operation: 'PutItem', key: ledgerKey('P#txfail', 'S#1'), attributeValues: { n: N(1) } },
            {
              table,
              operation: 'ConditionCheck',
              key: ledgerKey('P#txfail', 'S#2'),
              condition: {
                expression: '#v = :v',
                expressionNames: { '#v': 'version' },
                expressionValues: { ':v': N(2) },
                returnValuesOnConditionCheckFailure: true,
              },
            },
          ],
        },
        CALLER,
      );
      expect(out.error?.type).toBe('DynamoDB:TransactionCanceledException');
      expect(out.result).toEqual({
        keys: null,
        cancellationReasons: [
          { type: 'None', message: 'null' },
          { type: 'ConditionalCheckFailed', message: 'The conditional request failed', item: { pk: 'P#txfail', sk: 'S#2', version: 3 } },
        ],
      });
      const notWritten = await ledger.invoke({ operation: 'GetItem', key: ledgerKey('P#txfail', 'S#1') }, CALLER);
      expect(notWritten.result).toBeNull();
    });
  });

  describe('other errors', () => {
    it('reports a missing table as DynamoDB:ResourceNotFoundException', async () => {
      const missing = createDynamoDbDataSource({ client, tableName: 'no-such-table' });
      const out = await missing.invoke({ operation: 'GetItem', key: { id: S('1') } }, CALLER);
      expect(out.error?.type).toBe('DynamoDB:ResourceNotFoundException');
      expect(out.result).toBeNull();
    });

    it('reports a validation failure as DynamoDB:DynamoDbException with the service message', async () => {
      const out = await ledger.invoke({ operation: 'GetItem', key: { pk: S('only-half-a-key') } }, CALLER);
      expect(out.error?.type).toBe('DynamoDB:DynamoDbException');
      expect(out.error?.message).toMatch(/\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    });

    it('reports an unknown operation as an error', async () => {
      const out = await ledger.invoke({ operation: 'Explode' }, CALLER);
      expect(out).toMatchObject({ result: null, error: { type: 'DynamoDB:DynamoDbException' } });
    });
  });
});

describe('NONE data source', () => {
  it('echoes the payload of the request as the result', async () => {
    expect(await createNoneDataSource().invoke({ payload: { a: 1 } }, CALLER)).toEqual({ result: { a: 1 } });
  });
});
