import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimitRule, selectionDepth } from '../../../../local/graphql/limits.ts';

const schema = buildSchema(`
  type Query { node: Node }
  type Node { id: ID child: Node }
`);

const depthOf = (query: string): number => {
  const document = parse(query);
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [])));
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  return operation && operation.kind === 'OperationDefinition' ? selectionDepth(operation.selectionSet, fragments) : -1;
};

describe('selectionDepth', () => {
  it('counts the deepest chain of nested fields', () => {
    expect(depthOf('{ node { id } }')).toBe(2);
    expect(depthOf('{ node { id child { child { id } } } }')).toBe(4);
  });

  it('expands fragments and inline fragments', () => {
    expect(depthOf('{ node { ...F } } fragment F on Node { child { id } }')).toBe(3);
    expect(depthOf('{ node { ... on Node { child { id } } } }')).toBe(3);
  });
});

describe('depthLimitRule', () => {
  it('accepts an operation exactly at the limit', () => {
    expect(validate(schema, parse('{ node { child { id } } }'), [depthLimitRule(3)])).toEqual([]);
  });

  it('fails an operation one level deeper than the limit with QueryDepthLimitExceeded', () => {
    const [error] = validate(schema, parse('{ node { child { child { id } } } }'), [depthLimitRule(3)]);
    expect(error?.extensions.errorType).toBe('QueryDepthLimitExceeded');
    expect(error?.message).toBe('Query depth limit of 3 exceeded: the operation is 4 levels deep');
  });
});
