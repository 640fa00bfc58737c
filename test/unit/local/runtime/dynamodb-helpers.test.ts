import { describe, expect, it } from 'vitest';
import { valueOf } from './context.ts';

const IMPORTS = "import { get, put, remove, update, query, scan, batchGet, batchPut, batchDelete, transactGet, transactWrite, operations, toStringSet } from '@aws-appsync/utils/dynamodb';";
const helper = (expression: string): unknown => valueOf(expression, IMPORTS);

describe('@aws-appsync/utils/dynamodb', () => {
  it('builds a GetItem request with a typed key', () => {
    expect(helper("get({ key: { id: 'id' } })")).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
  });

  it('builds a GetItem projection from attribute names', () => {
    expect(helper("get({ key: { id: 'a' }, consistentRead: true, projection: ['a', 'b'] })")).toEqual({
      operation: 'GetItem',
      key: { id: { S: 'a' } },
      consistentRead: true,
      projection: { expression: '#a, #b', expressionNames: { '#a': 'a', '#b': 'b' } },
    });
  });

  it('builds a PutItem request without copying the key into attributeValues', () => {
    expect(helper("put({ key: { id: '1' }, item: { title: 'x', count: 2, tags: toStringSet(['a']) } })")).toEqual({
      operation: 'PutItem',
      key: { id: { S: '1' } },
      attributeValues: { title: { S: 'x' }, count: { N: 2 }, tags: { SS: ['a'] } },
    });
  });

  it('renders a put condition as an expression object', () => {
    expect(helper("put({ key: { id: '1' }, item: {}, condition: { id: { attributeExists: false } } })")).toMatchObject({
      condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' }, expressionValues: {} },
    });
  });

  it('builds a DeleteItem request with remove', () => {
    expect(helper("remove({ key: { id: '1' }, condition: { owner: { eq: 'u' } } })")).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: '1' } },
      condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'u' } } },
    });
  });

  it('returns the AWS marker shapes from operations', () => {
    expect(
      helper('[operations.add(1), operations.replace({ a: 1 }), operations.increment(2), operations.decrement(3), operations.append([1]), operations.prepend([2])]'),
    ).toEqual([
      { type: 'OPERATION_ADD', value: 1 },
      { type: 'OPERATION_REPLACE', value: { a: 1 } },
      { type: 'OPERATION_INCREMENT', by: 2 },
      { type: 'OPERATION_DECREMENT', by: 3 },
      { type: 'OPERATION_APPEND', items: [1] },
      { type: 'OPERATION_PREPEND', items: [2] },
    ]);
  });

  it('generates SET clauses with 1-based #expName_N and :expValue_N placeholders', () => {
    expect(helper("update({ key: { id: '1' }, update: { title: 'x', views: operations.increment(1), stock: operations.decrement(2) } })")).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: '1' } },
      update: {
        expression:
          'SET #expName_1 = :expValue_1, #expName_2 = #expName_2 + :expValue_2, #expName_3 = #expName_3 - :expValue_3',
        expressionNames: { '#expName_1': 'title', '#expName_2': 'views', '#expName_3': 'stock' },
        expressionValues: { ':expValue_1': { S: 'x' }, ':expValue_2': { N: 1 }, ':expValue_3': { N: 2 } },
      },
    });
  });

  it('generates list_append for append and prepend', () => {
    expect(helper("update({ key: { id: '1' }, update: { a: operations.append([1]), b: operations.prepend([2]) } })")).toMatchObject({
      update: {
        expression: 'SET #expName_1 = list_append(#expName_1, :expValue_1), #expName_2 = list_append(:expValue_2, #expName_2)',
        expressionValues: { ':expValue_1': { L: [{ N: 1 }] }, ':expValue_2': { L: [{ N: 2 }] } },
      },
    });
  });

  it('combines SET and REMOVE actions', () => {
    expect(helper("update({ key: { id: '1' }, update: { a: 1, b: operations.replace('y'), c: operations.remove() } })")).toMatchObject({
      update: { expression: 'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2 REMOVE #expName_3' },
    });
  });

  it('builds a Query with eq and beginsWith key conditions', () => {
    const request = helper("query({ query: { pk: { eq: 'P#1' }, sk: { beginsWith: 'DAY#' } }, limit: 10, scanIndexForward: false })");
    expect(request).toMatchObject({
      operation: 'Query',
      limit: 10,
      scanIndexForward: false,
      query: {
        expression: expect.stringMatching(/^#pk = :pk_eq AND begins_with\(#sk, :sk_\w+\)$/),
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
      },
    });
  });

  it('builds a Query with between and a filter object', () => {
    const request = helper("query({ query: { pk: { eq: 'p' }, sk: { between: ['a', 'b'] } }, filter: { kind: { eq: 'x' } }, index: 'byKind' })");
    expect(request).toMatchObject({
      operation: 'Query',
      index: 'byKind',
      query: { expression: expect.stringMatching(/^#pk = :pk_eq AND #sk BETWEEN :\w+ AND :\w+$/) },
      filter: { expression: '(#kind = :kind_eq)', expressionNames: { '#kind': 'kind' }, expressionValues: { ':kind_eq': { S: 'x' } } },
    });
  });

  it('passes simple scan fields through', () => {
    expect(helper("scan({ limit: 10, nextToken: 'abc' })")).toEqual({ limit: 10, nextToken: 'abc', operation: 'Scan' });
  });

  it('types every key and item of batch requests', () => {
    expect(helper("batchGet({ tables: { T: { keys: [{ id: '1' }, { id: '2' }], consistentRead: true } } })")).toEqual({
      operation: 'BatchGetItem',
      tables: { T: { keys: [{ id: { S: '1' } }, { id: { S: '2' } }], consistentRead: true } },
    });
    expect(helper("batchPut({ tables: { T: [{ id: '1', n: 1 }] } })")).toEqual({
      operation: 'BatchPutItem',
      tables: { T: [{ id: { S: '1' }, n: { N: 1 } }] },
    });
    expect(helper("batchDelete({ tables: { T: [{ id: '1' }] } })")).toEqual({ operation: 'BatchDeleteItem', tables: { T: [{ id: { S: '1' } }] } });
  });

  it('builds transact requests with one entry per item, in order', () => {
    expect(helper("transactGet({ items: [{ table: 'T', key: { id: '1' } }] })")).toEqual({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'T', key: { id: { S: '1' } } }],
    });
    const request = helper(
      "transactWrite({ items: [{ putItem: { table: 'T', key: { id: '1' }, item: { a: 1 } } }, { updateItem: { table: 'T', key: { id: '2' }, update: { a: operations.increment(1) } } }, { deleteItem: { table: 'T', key: { id: '3' } } }, { conditionCheck: { table: 'T', key: { id: '4' }, condition: { a: { eq: 1 } } } }] })",
    );
    expect(request).toMatchObject({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'T', operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: { a: { N: 1 } } },
        { table: 'T', operation: 'UpdateItem', key: { id: { S: '2' } }, update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1' } },
        { table: 'T', operation: 'DeleteItem', key: { id: { S: '3' } } },
        { table: 'T', operation: 'ConditionCheck', key: { id: { S: '4' } }, condition: { expression: '(#a = :a_eq)' } },
      ],
    });
  });
});
