import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../functions/lib/errors.ts';
import { callerTags, mergeTags, validateTags, validateTeam, withTags } from '../../../../functions/lib/tags.ts';

describe('validateTags', () => {
  it('returns the tags as a map', () => {
    expect(validateTags([{ key: 'project', value: 'Atlas 2' }, { key: 'cost-centre', value: 'cc:42/eu' }], 'test')).toEqual({ project: 'Atlas 2', 'cost-centre': 'cc:42/eu' });
    expect(validateTags(undefined, 'test')).toEqual({});
  });

  it.each([
    [[{ key: 'aws:createdBy', value: 'x' }], 'aws:'],
    [[{ key: 'AWS:x', value: 'x' }], 'aws:'],
    [[{ key: '', value: 'x' }], 'tag key'],
    [[{ key: 'k'.repeat(65), value: 'x' }], 'tag key'],
    [[{ key: 'a#b', value: 'x' }], 'tag key'],
    [[{ key: 'k', value: '' }], 'tag value'],
    [[{ key: 'k', value: 'v'.repeat(129) }], 'tag value'],
    [[{ key: 'k', value: 'a#b' }], 'tag value'],
    [[{ key: 'k', value: 'a' }, { key: 'k', value: 'b' }], 'given twice'],
    [Array.from({ length: 11 }, (_, index) => ({ key: `k${index}`, value: 'v' })), 'at most 10'],
  ])('fails with ValidationError for %j', (tags, message) => {
    expect(() => validateTags(tags, 'test')).toThrow(ValidationError);
    expect(() => validateTags(tags, 'test')).toThrow(message);
  });
});

describe('validateTeam', () => {
  it('accepts 1–64 characters starting with a letter or digit, and no team', () => {
    expect(validateTeam('research-eu/ml')).toBe('research-eu/ml');
    expect(validateTeam('t'.repeat(64))).toBe('t'.repeat(64));
    expect(validateTeam(undefined)).toBeNull();
  });

  it.each(['', '-lead', 't'.repeat(65), 'a#b', 'a b'])('fails with ValidationError for %j', (team) => {
    expect(() => validateTeam(team)).toThrow(ValidationError);
  });
});

describe('mergeTags', () => {
  it('adds the request\'s tags to the key\'s, and accepts a key tag repeated with its own value', () => {
    expect(mergeTags({ project: 'atlas' }, { env: 'prod', project: 'atlas' })).toEqual({ project: 'atlas', env: 'prod' });
  });

  it('fails with ValidationError when the request changes a tag the key fixes', () => {
    expect(() => mergeTags({ project: 'atlas' }, { project: 'zeus' })).toThrow('fixed to "atlas"');
  });

  it('fails with ValidationError when the two together exceed 10 tags', () => {
    const keyTags = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`k${index}`, 'v']));
    const requestTags = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`r${index}`, 'v']));
    expect(() => mergeTags(keyTags, requestTags)).toThrow(ValidationError);
  });
});

describe('callerTags and withTags', () => {
  it('reads the key\'s tags from the resolverContext string, and none when absent', () => {
    expect(callerTags('{"project":"atlas"}')).toEqual({ project: 'atlas' });
    expect(callerTags(undefined)).toEqual({});
  });

  it('leaves untagged requests\' idempotency fingerprints unchanged', () => {
    expect(withTags({})).toEqual({});
    expect(withTags({ env: 'prod' })).toEqual({ tags: { env: 'prod' } });
  });
});
