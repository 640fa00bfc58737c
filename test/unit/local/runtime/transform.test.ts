import { describe, expect, it } from 'vitest';
import { parsedValueOf, valueOf } from './context.ts';

const filter = (source: string): unknown => parsedValueOf(`util.transform.toDynamoDBFilterExpression(${source})`);

describe('util.transform.toDynamoDBFilterExpression', () => {
  it('returns a JSON string, not an object', () => {
    expect(typeof valueOf("util.transform.toDynamoDBFilterExpression({ title: { eq: 'x' } })")).toBe('string');
  });

  it('renders each comparison in parentheses with #name and :name_op placeholders', () => {
    expect(filter("{ f: { eq: 'x' } }")).toEqual({
      expression: '(#f = :f_eq)',
      expressionNames: { '#f': 'f' },
      expressionValues: { ':f_eq': { S: 'x' } },
    });
    const operators = ['ne', 'le', 'lt', 'ge', 'gt'];
    const symbols = ['<>', '<=', '<', '>=', '>'];
    operators.forEach((op, index) => {
      expect(filter(`{ f: { ${op}: 1 } }`)).toMatchObject({ expression: `(#f ${symbols[index]} :f_${op})` });
    });
  });

  it('renders contains, notContains and beginsWith with no space after the comma', () => {
    expect(filter("{ f: { contains: 'a' } }")).toMatchObject({ expression: '(contains(#f,:f_contains))' });
    expect(filter("{ f: { notContains: 'a' } }")).toMatchObject({ expression: '(NOT contains(#f,:f_notContains))' });
    expect(filter("{ f: { beginsWith: 'a' } }")).toMatchObject({ expression: '(begins_with(#f,:f_beginsWith))' });
  });

  it('renders between with start and end placeholders', () => {
    expect(filter('{ f: { between: [1, 9] } }')).toEqual({
      expression: '(#f BETWEEN :f_between_start AND :f_between_end)',
      expressionNames: { '#f': 'f' },
      expressionValues: { ':f_between_start': { N: 1 }, ':f_between_end': { N: 9 } },
    });
  });

  it('renders in with one placeholder per value', () => {
    expect(filter("{ f: { in: ['a', 'b'] } }")).toMatchObject({
      expression: '(#f IN (:f_in_0, :f_in_1))',
      expressionValues: { ':f_in_0': { S: 'a' }, ':f_in_1': { S: 'b' } },
    });
  });

  it('renders attributeExists and attributeType with DynamoDB type codes', () => {
    expect(filter('{ f: { attributeExists: true } }')).toMatchObject({ expression: '(attribute_exists(#f))', expressionValues: {} });
    expect(filter('{ f: { attributeExists: false } }')).toMatchObject({ expression: '(attribute_not_exists(#f))' });
    expect(filter("{ f: { attributeType: 'stringSet' } }")).toMatchObject({
      expression: '(attribute_type(#f,:f_attributeType))',
      expressionValues: { ':f_attributeType': { S: 'SS' } },
    });
  });

  it('wraps the path in size()', () => {
    expect(filter('{ f: { size: { gt: 2 } } }')).toMatchObject({
      expression: '(size(#f) > :f_size_gt)',
      expressionValues: { ':f_size_gt': { N: 2 } },
    });
  });

  it('wraps several operators on one field and joins top-level fields without parentheses', () => {
    expect(filter('{ f: { ge: 1, le: 5 } }')).toMatchObject({ expression: '((#f >= :f_ge) AND (#f <= :f_le))' });
    expect(filter('{ a: { eq: 1 }, b: { eq: 2 } }')).toMatchObject({ expression: '(#a = :a_eq) AND (#b = :b_eq)' });
  });

  it('parenthesises and/or groups of two or more and names values after their nesting path', () => {
    expect(filter("{ and: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] }")).toEqual({
      expression: '(((#a = :and_0_or_0_a_eq) OR (#b = :and_0_or_1_b_eq)) AND (#c = :and_1_c_eq))',
      expressionNames: { '#a': 'a', '#b': 'b', '#c': 'c' },
      expressionValues: { ':and_0_or_0_a_eq': { N: 1 }, ':and_0_or_1_b_eq': { N: 2 }, ':and_1_c_eq': { N: 3 } },
    });
  });

  it('renders not as (NOT (...))', () => {
    expect(filter("{ not: { id: { between: ['1', '9'] } } }")).toMatchObject({
      expression: '(NOT (#id BETWEEN :not_id_between_start AND :not_id_between_end))',
    });
  });

  it('uses a dotted field name verbatim', () => {
    expect(filter("{ 'a.b': { eq: 1 } }")).toMatchObject({ expression: '(#a.b = :a.b_eq)', expressionNames: { '#a.b': 'a.b' } });
  });

  it('answers null for input it cannot render', () => {
    expect(valueOf('util.transform.toDynamoDBFilterExpression(null)')).toBeNull();
    expect(valueOf("util.transform.toDynamoDBFilterExpression('string')")).toBeNull();
    expect(valueOf('util.transform.toDynamoDBFilterExpression({ f: { unknownOp: 1 } })')).toBeNull();
  });
});

describe('util.transform.toDynamoDBConditionExpression', () => {
  it('renders the same shape as a filter', () => {
    expect(parsedValueOf('util.transform.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: false } }] })')).toEqual({
      expression: '(attribute_not_exists(#id))',
      expressionNames: { '#id': 'id' },
      expressionValues: {},
    });
  });
});

describe('util.transform.toSubscriptionFilter', () => {
  it('ANDs top-level fields into one group', () => {
    expect(valueOf("util.transform.toSubscriptionFilter({ priority: { in: ['high', 'medium'] }, severity: { ge: 5 } })")).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'priority', operator: 'in', value: ['high', 'medium'] },
            { fieldName: 'severity', operator: 'ge', value: 5 },
          ],
        },
      ],
    });
  });

  it('multiplies or members out into groups', () => {
    expect(valueOf("util.transform.toSubscriptionFilter({ owner: { eq: 'u1' }, or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })")).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'owner', operator: 'eq', value: 'u1' }, { fieldName: 'a', operator: 'eq', value: 1 }] },
        { filters: [{ fieldName: 'owner', operator: 'eq', value: 'u1' }, { fieldName: 'b', operator: 'eq', value: 2 }] },
      ],
    });
  });

  it('drops ignored fields, answers an empty group list for {} and null for non-objects', () => {
    expect(valueOf("util.transform.toSubscriptionFilter({ a: { eq: 1 }, b: { eq: 2 } }, ['b'])")).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 1 }] }],
    });
    expect(valueOf('util.transform.toSubscriptionFilter({})')).toEqual({ filterGroup: [] });
    expect(valueOf('util.transform.toSubscriptionFilter(null)')).toBeNull();
  });
});
