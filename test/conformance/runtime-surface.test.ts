import { describe, expect, it } from 'vitest';
import { createEvaluationState } from '../../local/runtime/evaluate.ts';
import { runExpression, valueOf } from '../unit/local/runtime/context.ts';

const HELPERS = "import { util, extensions } from '@aws-appsync/utils';\nimport { sync, operations, toBinarySet } from '@aws-appsync/utils/dynamodb';";

// Expected values from reference/appsync-runtime.md §2.3, §2.5, §2.6 and §2.7.
describe('util.dynamodb builders', () => {
  it('builds a list with toList and binary sets with toBinarySet', () => {
    expect(valueOf("util.dynamodb.toList(['a', 1, true])")).toEqual({ L: [{ S: 'a' }, { N: 1 }, { BOOL: true }] });
    expect(valueOf("util.dynamodb.toBinarySet(['YQ==', 'Yg=='])")).toEqual({ BS: ['YQ==', 'Yg=='] });
  });

  it('reads back what toS3Object wrote with fromS3ObjectJson', () => {
    expect(valueOf(`util.dynamodb.fromS3ObjectJson('{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}')`)).toEqual({
      key: 'foo',
      bucket: 'bar',
      region: 'baz',
      version: 'beep',
    });
  });
});

describe('@aws-appsync/utils/dynamodb helpers', () => {
  it('produces a Sync request with the fields given', () => {
    expect(valueOf('sync({ limit: 10, nextToken: "abc", lastSync: 1700000000000 })', HELPERS)).toMatchObject({
      operation: 'Sync',
      limit: 10,
      nextToken: 'abc',
      lastSync: 1700000000000,
    });
  });

  it('marks binary sets built with toBinarySet and list items replaced with updateListItem', () => {
    expect(valueOf("toBinarySet(['YQ=='])", HELPERS)).toEqual({ BS: ['YQ=='] });
    expect(valueOf("operations.updateListItem('x', 2)", HELPERS)).toMatchObject({ type: 'OPERATION_UPDATE_LIST_ITEM' });
  });
});

describe('util.http', () => {
  it('copies request headers for an HTTP data source', () => {
    const copied = valueOf("util.http.copyHeaders({ 'content-type': 'application/json', 'x-custom': 'a' })") as Record<string, string>;
    expect(copied['x-custom']).toBe('a');
  });

  it('adds response headers, last write winning', () => {
    const state = createEvaluationState({ authType: null });
    runExpression("(util.http.addResponseHeader('x-one', '1'), util.http.addResponseHeaders({ 'x-two': '2', 'x-one': 'again' }), null)", { state });
    expect(state.responseHeaders).toEqual({ 'x-one': 'again', 'x-two': '2' });
  });
});

describe('extensions', () => {
  it('records an API cache eviction as a no-op', () => {
    const state = createEvaluationState({ authType: null });
    runExpression("(extensions.evictFromApiCache('Query', 'getPost', { 'context.arguments.id': '1' }), null)", { state, imports: HELPERS });
    expect(state.extensions.cacheEvictions).toEqual([{ typeName: 'Query', fieldName: 'getPost', keyValues: { 'context.arguments.id': '1' } }]);
  });

  it('records a subscription invalidation filter', () => {
    const state = createEvaluationState({ authType: null });
    const filter = { filterGroup: [{ filters: [{ fieldName: 'groupId', operator: 'eq', value: 'g1' }] }] };
    runExpression(`(extensions.setSubscriptionInvalidationFilter(${JSON.stringify(filter)}), null)`, { state, imports: HELPERS });
    expect(state.extensions.subscriptionInvalidationFilter).toEqual(filter);
  });
});

describe('util.xml', () => {
  // AppSync's documented example for util.xml.toMap / toJsonString.
  const POSTS = '<?xml version="1.0" encoding="UTF-8"?>\n<posts>\n  <post>\n    <id>1</id>\n    <title>Getting started with GraphQL</title>\n  </post>\n</posts>';

  it('turns the documented posts example into a map', () => {
    expect(valueOf(`util.xml.toMap(${JSON.stringify(POSTS)})`)).toEqual({ posts: { post: { id: 1, title: 'Getting started with GraphQL' } } });
  });

  it('makes repeated elements an array', () => {
    const two = '<posts><post><id>1</id></post><post><id>2</id></post></posts>';
    expect(valueOf(`util.xml.toMap(${JSON.stringify(two)})`)).toEqual({ posts: { post: [{ id: 1 }, { id: 2 }] } });
  });

  it('returns the same as a JSON string, string-encoded on request', () => {
    const json = '{"posts":{"post":{"id":1,"title":"Getting started with GraphQL"}}}';
    expect(valueOf(`util.xml.toJsonString(${JSON.stringify(POSTS)})`)).toBe(json);
    expect(valueOf(`util.xml.toJsonString(${JSON.stringify(POSTS)}, true)`)).toBe(JSON.stringify(json));
  });

  it('decodes entities and CDATA', () => {
    expect(valueOf(`util.xml.toMap('<a><b>x &amp; y</b><c><![CDATA[<raw>]]></c></a>')`)).toEqual({ a: { b: 'x & y', c: '<raw>' } });
  });
});

describe('util.transform.toElasticsearchQueryDSL', () => {
  // Operators of reference §2.4 mapped onto OpenSearch's query DSL clauses of the same names.
  it('renders one field operator as its OpenSearch clause, as a JSON string', () => {
    expect(JSON.parse(valueOf("util.transform.toElasticsearchQueryDSL({ title: { eq: 'hello' } })") as string)).toEqual({ term: { title: 'hello' } });
  });

  it('ANDs several operators and fields, and maps ne, range and wildcard', () => {
    const rendered = JSON.parse(valueOf("util.transform.toElasticsearchQueryDSL({ upvotes: { ne: 15, range: [5, 20] }, title: { wildcard: 'h*i' } })") as string);
    expect(rendered).toEqual({
      bool: {
        must: [
          { bool: { must: [{ bool: { must_not: [{ term: { upvotes: 15 } }] } }, { range: { upvotes: { gte: 5, lte: 20 } } }] } },
          { wildcard: { title: 'h*i' } },
        ],
      },
    });
  });

  it('maps or, not and exists', () => {
    const rendered = JSON.parse(valueOf("util.transform.toElasticsearchQueryDSL({ or: [{ a: { gt: 1 } }, { not: { b: { exists: true } } }] })") as string);
    expect(rendered).toEqual({ bool: { should: [{ range: { a: { gt: 1 } } }, { bool: { must_not: [{ exists: { field: 'b' } }] } }], minimum_should_match: 1 } });
  });
});

describe('util.rds.toJsonObject', () => {
  it('turns an RDS Data API result into one list of row objects per statement', () => {
    const result = JSON.stringify({
      sqlStatementResults: [
        {
          numberOfRecordsUpdated: 0,
          columnMetadata: [{ name: 'id' }, { name: 'title' }, { name: 'score' }],
          records: [
            [{ longValue: 1 }, { stringValue: 'first' }, { doubleValue: 1.5 }],
            [{ longValue: 2 }, { isNull: true }, { doubleValue: 2 }],
          ],
        },
      ],
    });
    expect(valueOf(`util.rds.toJsonObject(${JSON.stringify(result)})`)).toEqual([
      [
        { id: 1, title: 'first', score: 1.5 },
        { id: 2, title: null, score: 2 },
      ],
    ]);
  });
});
