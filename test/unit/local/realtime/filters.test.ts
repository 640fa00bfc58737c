import { describe, expect, it } from 'vitest';
import {
  matchesArguments,
  matchesFilter,
  matchesSubscriptionFilter,
  parseSubscriptionFilter,
  SubscriptionFilterError,
  type FieldFilter,
} from '../../../../local/realtime/filters.ts';

const ticket = { id: 't1', priority: 'high', severity: 7, owner: { id: 'u1' }, tags: ['a', 'b'], title: 'Disk full' };
const filter = (fieldName: string, operator: FieldFilter['operator'], value: unknown): FieldFilter => ({ fieldName, operator, value });

describe('matchesFilter (reference §6.3 operators)', () => {
  it.each([
    ['eq', 'priority', 'high', true],
    ['eq', 'priority', 'low', false],
    ['ne', 'priority', 'low', true],
    ['ne', 'priority', 'high', false],
    ['lt', 'severity', 8, true],
    ['lt', 'severity', 7, false],
    ['le', 'severity', 7, true],
    ['gt', 'severity', 6, true],
    ['gt', 'severity', 7, false],
    ['ge', 'severity', 7, true],
    ['ge', 'title', 'Disk', true],
    ['contains', 'title', 'full', true],
    ['contains', 'tags', 'b', true],
    ['contains', 'tags', 'c', false],
    ['notContains', 'tags', 'c', true],
    ['notContains', 'title', 'Disk', false],
    ['beginsWith', 'title', 'Disk', true],
    ['beginsWith', 'title', 'full', false],
    ['in', 'priority', ['high', 'medium'], true],
    ['in', 'priority', ['low'], false],
    ['notIn', 'priority', ['low'], true],
    ['notIn', 'priority', ['high'], false],
    ['between', 'severity', [5, 7], true],
    ['between', 'severity', [8, 9], false],
    ['containsAny', 'tags', ['x', 'a'], true],
    ['containsAny', 'tags', ['x', 'y'], false],
  ] as const)('%s on %s with %j is %s', (operator, field, value, expected) => {
    expect(matchesFilter(ticket, filter(field, operator, value))).toBe(expected);
  });

  it('reaches nested fields with a dot path', () => {
    expect(matchesFilter(ticket, filter('owner.id', 'eq', 'u1'))).toBe(true);
    expect(matchesFilter(ticket, filter('owner.id', 'eq', 'u2'))).toBe(false);
  });

  it('does not match a positive operator on a field the event lacks', () => {
    expect(matchesFilter(ticket, filter('missing', 'eq', null))).toBe(false);
    expect(matchesFilter(ticket, filter('missing', 'in', ['x']))).toBe(false);
  });

  it('does not order a number against a string', () => {
    expect(matchesFilter(ticket, filter('severity', 'gt', '1'))).toBe(false);
  });
});

describe('matchesSubscriptionFilter', () => {
  const twoGroups = parseSubscriptionFilter({
    filterGroup: [
      { filters: [{ fieldName: 'priority', operator: 'in', value: ['high', 'medium'] }, { fieldName: 'owner.id', operator: 'eq', value: 'u1' }] },
      { filters: [{ fieldName: 'severity', operator: 'ge', value: 9 }] },
    ],
  });

  it('ANDs the filters of one group', () => {
    expect(matchesSubscriptionFilter(ticket, twoGroups)).toBe(true);
    expect(matchesSubscriptionFilter({ ...ticket, owner: { id: 'u2' } }, twoGroups)).toBe(false);
  });

  it('ORs the groups', () => {
    expect(matchesSubscriptionFilter({ priority: 'low', severity: 9 }, twoGroups)).toBe(true);
    expect(matchesSubscriptionFilter({ priority: 'low', severity: 8 }, twoGroups)).toBe(false);
  });

  it('matches everything without a filter', () => {
    expect(matchesSubscriptionFilter({}, null)).toBe(true);
  });
});

describe('parseSubscriptionFilter', () => {
  it('accepts lte and gte as le and ge, as toSubscriptionFilter writes them', () => {
    const parsed = parseSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: 'severity', operator: 'lte', value: 7 }] }] });
    expect(parsed?.filterGroup[0]?.filters[0]?.operator).toBe('le');
    expect(matchesSubscriptionFilter(ticket, parsed)).toBe(true);
  });

  it('treats no filter and an empty filterGroup as no filter', () => {
    expect(parseSubscriptionFilter(null)).toBeNull();
    expect(parseSubscriptionFilter({ filterGroup: [] })).toBeNull();
  });

  const one = { fieldName: 'a', operator: 'eq', value: 1 };
  it.each([
    ['more than 10 groups', { filterGroup: Array.from({ length: 11 }, () => ({ filters: [one] })) }],
    ['more than 5 filters in a group', { filterGroup: [{ filters: Array.from({ length: 6 }, () => one) }] }],
    ['in with more than 5 values', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'in', value: [1, 2, 3, 4, 5, 6] }] }] }],
    ['containsAny with more than 20 values', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'containsAny', value: Array.from({ length: 21 }, (_, i) => i) }] }] }],
    ['a path deeper than 5 levels', { filterGroup: [{ filters: [{ fieldName: 'a.b.c.d.e.f', operator: 'eq', value: 1 }] }] }],
    ['a path longer than 256 characters', { filterGroup: [{ filters: [{ fieldName: 'a'.repeat(257), operator: 'eq', value: 1 }] }] }],
    ['an unknown operator', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'like', value: 1 }] }] }],
    ['between without two values', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'between', value: [1] }] }] }],
    ['no filterGroup list', { filters: [] }],
  ])('fails %s', (_name, raw) => {
    expect(() => parseSubscriptionFilter(raw)).toThrow(SubscriptionFilterError);
  });
});

describe('matchesArguments (basic filtering, reference §6.1)', () => {
  it('requires every non-null argument to equal the same-named top-level field', () => {
    expect(matchesArguments(ticket, { priority: 'high', id: 't1' })).toBe(true);
    expect(matchesArguments(ticket, { priority: 'low' })).toBe(false);
  });

  it('treats omitted and null arguments as wildcards', () => {
    expect(matchesArguments(ticket, { priority: null })).toBe(true);
    expect(matchesArguments(ticket, {})).toBe(true);
  });

  it('does not match when the mutation did not select the argument field', () => {
    expect(matchesArguments({ id: 't1' }, { priority: 'high' })).toBe(false);
  });
});
