import { buildSchema, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { MutationResult } from '../../../../local/graphql/execute.ts';
import { createSubscriptionHub, subscribedMutations } from '../../../../local/realtime/hub.ts';
import { parseSubscriptionFilter } from '../../../../local/realtime/filters.ts';
import { project, unalias } from '../../../../local/realtime/projection.ts';

const schema = buildSchema(`
  directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
  type Query { post(id: ID!): Post }
  type Mutation { createPost(author: ID!, title: String!): Post updatePost(id: ID!): Post deletePost(id: ID!): Post }
  type Subscription {
    onPost(author: ID): Post @aws_subscribe(mutations: ["createPost", "updatePost"])
    onDelete: Post @aws_subscribe(mutations: ["deletePost"])
  }
  type Post { id: ID! author: ID! title: String! tags: [Tag!]! }
  type Tag { name: String! weight: Int }
`);

function rootField(document: string): { field: FieldNode; fragments: Record<string, never> } {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  return { field: operation.selectionSet.selections[0] as FieldNode, fragments: {} };
}

const postType = schema.getType('Post');
if (!postType) throw new Error('the fixture schema defines Post');

describe('project (reference §6.2)', () => {
  it("returns the subscriber's selection, with null for what the mutation did not select and __typename filled", () => {
    const { field } = rootField('subscription { onPost { __typename id title author tags { name } } }');
    expect(project({ id: 'p1', title: 'Hi' }, field, postType, {}, schema)).toEqual({ __typename: 'Post', id: 'p1', title: 'Hi', author: null, tags: null });
  });

  it('maps lists element-wise and uses the subscriber aliases', () => {
    const { field } = rootField('subscription { onPost { key: id tags { label: name weight } } }');
    const value = { id: 'p1', title: 'x', tags: [{ name: 'a', weight: 1 }, { name: 'b' }] };
    expect(project(value, field, postType, {}, schema)).toEqual({ key: 'p1', tags: [{ label: 'a', weight: 1 }, { label: 'b', weight: null }] });
  });

  it('expands fragments of the subscription document', () => {
    const document = parse('subscription { onPost { ...PostFields } } fragment PostFields on Post { id title }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const fragment = document.definitions[1];
    if (fragment?.kind !== 'FragmentDefinition') throw new Error('fixture');
    const field = operation.selectionSet.selections[0] as FieldNode;
    expect(project({ id: 'p1', title: 'T', author: 'a' }, field, postType, { PostFields: fragment }, schema)).toEqual({ id: 'p1', title: 'T' });
  });
});

describe('unalias', () => {
  it("re-keys the mutation caller's aliases by field name, keeping only what was selected", () => {
    const { field } = rootField('mutation { createPost(author: "a", title: "t") { key: id heading: title tags { n: name } } }');
    expect(unalias({ key: 'p1', heading: 'T', tags: [{ n: 'x' }] }, field, {})).toEqual({ id: 'p1', title: 'T', tags: [{ name: 'x' }] });
  });
});

describe('subscribedMutations', () => {
  it('reads @aws_subscribe(mutations) of every Subscription field', () => {
    expect(Object.fromEntries(subscribedMutations(schema))).toEqual({ onPost: ['createPost', 'updatePost'], onDelete: ['deletePost'] });
  });
});

describe('createSubscriptionHub', () => {
  function mutation(document: string, value: unknown): MutationResult {
    const { field } = rootField(document);
    return { fieldName: field.name.value, value, field, fragments: {} };
  }

  function subscribe(
    hub: ReturnType<typeof createSubscriptionHub>,
    document: string,
    args: Record<string, unknown>,
    filter: unknown = null,
    invalidationFilter: unknown = null,
  ) {
    const { field } = rootField(document);
    const received: unknown[] = [];
    const ended: boolean[] = [];
    const remove = hub.add({
      started: { fieldName: field.name.value, responseKey: field.alias?.value ?? field.name.value, arguments: args, field, fragments: {}, filter, invalidationFilter },
      filter: parseSubscriptionFilter(filter),
      invalidationFilter: parseSubscriptionFilter(invalidationFilter),
      deliver: (payload) => received.push(payload),
      end: () => ended.push(true),
    });
    return { received, remove, ended };
  }

  it('fans one mutation result out to every matching subscription of the fields that list it', () => {
    const hub = createSubscriptionHub(schema);
    const all = subscribe(hub, 'subscription { onPost { id } }', {});
    const mine = subscribe(hub, 'subscription { mine: onPost(author: "a") { id author } }', { author: 'a' });
    const theirs = subscribe(hub, 'subscription { onPost(author: "b") { id } }', { author: 'b' });
    const deletes = subscribe(hub, 'subscription { onDelete { id } }', {});
    hub.publish(mutation('mutation { createPost(author: "a", title: "t") { id author } }', { id: 'p1', author: 'a' }));
    expect(all.received).toEqual([{ data: { onPost: { id: 'p1' } } }]);
    expect(mine.received).toEqual([{ data: { mine: { id: 'p1', author: 'a' } } }]);
    expect(theirs.received).toEqual([]);
    expect(deletes.received).toEqual([]);
  });

  it('applies an enhanced filter instead of the arguments when the subscription resolver set one', () => {
    const hub = createSubscriptionHub(schema);
    const filtered = subscribe(hub, 'subscription { onPost(author: "z") { id } }', { author: 'z' }, {
      filterGroup: [{ filters: [{ fieldName: 'title', operator: 'beginsWith', value: 'Re' }] }],
    });
    hub.publish(mutation('mutation { createPost(author: "a", title: "t") { id title } }', { id: 'p1', title: 'Hello' }));
    hub.publish(mutation('mutation { createPost(author: "a", title: "t") { id title } }', { id: 'p2', title: 'Re: Hello' }));
    expect(filtered.received).toEqual([{ data: { onPost: { id: 'p2' } } }]);
  });

  it('ends the subscriptions of the named field whose invalidation filter matches the payload (reference §6.4)', () => {
    const hub = createSubscriptionHub(schema);
    const roomFilter = (room: string) => ({ filterGroup: [{ filters: [{ fieldName: 'room', operator: 'eq', value: room }] }] });
    const kitchen = subscribe(hub, 'subscription { onPost { id } }', {}, null, roomFilter('kitchen'));
    const hall = subscribe(hub, 'subscription { onPost { id } }', {}, null, roomFilter('hall'));
    const never = subscribe(hub, 'subscription { onPost { id } }', {});
    hub.invalidate([{ subscriptionField: 'onPost', payload: { room: 'kitchen' } }]);
    expect(kitchen.ended).toEqual([true]);
    expect(hall.ended).toEqual([]);
    expect(never.ended).toEqual([]);
    expect(hub.size).toBe(2);
    hub.publish(mutation('mutation { updatePost(id: "p1") { id } }', { id: 'p1' }));
    expect(kitchen.received).toEqual([]);
    expect(hall.received).toHaveLength(1);
  });

  it('stops delivering to a removed subscription', () => {
    const hub = createSubscriptionHub(schema);
    const one = subscribe(hub, 'subscription { onPost { id } }', {});
    expect(hub.size).toBe(1);
    one.remove();
    expect(hub.size).toBe(0);
    hub.publish(mutation('mutation { updatePost(id: "p1") { id } }', { id: 'p1' }));
    expect(one.received).toEqual([]);
  });
});
