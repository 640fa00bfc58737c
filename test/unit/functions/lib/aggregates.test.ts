import { describe, expect, it } from 'vitest';
import { aggregateTargets, setAttributes } from '../../../../functions/lib/aggregates.ts';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('aggregateTargets', () => {
  it('counts an invocation without team or tags into its principal\'s items and the principal and model rollups', () => {
    const targets = aggregateTargets({ principalId: 'prn_a', modelId: MODEL, createdAt: '2026-11-26T23:59:59.999Z' });
    expect(targets.map((target) => [target.pk, target.sk])).toEqual([
      ['PRINCIPAL#prn_a', `DAY#2026-11-26#MODEL#${MODEL}`],
      ['PRINCIPAL#prn_a', 'MONTH#2026-11'],
      ['ROLLUP#PRINCIPAL', '2026-11-26#prn_a'],
      ['ROLLUP#MODEL', `2026-11-26#${MODEL}`],
    ]);
    expect(targets[1]?.attributes).toEqual({ kind: 'MONTH', month: '2026-11' });
  });

  it('adds the team\'s and every tag value\'s items and rollups, each month item in its own index partition', () => {
    const targets = aggregateTargets({
      principalId: 'prn_a',
      team: 'research',
      tags: { project: 'atlas', env: 'prod' },
      modelId: MODEL,
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    expect(targets.filter((target) => target.attributes.kind === 'MONTH').map((target) => [target.pk, target.attributes.month])).toEqual([
      ['PRINCIPAL#prn_a', '2026-12'],
      ['TEAM#research', 'TEAM#2026-12'],
      ['TAG#env#prod', 'TAG#env#2026-12'],
      ['TAG#project#atlas', 'TAG#project#2026-12'],
    ]);
    expect(targets.filter((target) => target.attributes.kind === 'ROLLUP').map((target) => [target.pk, target.sk])).toEqual([
      ['ROLLUP#PRINCIPAL', '2026-12-01#prn_a'],
      ['ROLLUP#MODEL', `2026-12-01#${MODEL}`],
      ['ROLLUP#TEAM', '2026-12-01#research'],
      ['ROLLUP#TAG#env', '2026-12-01#prod'],
      ['ROLLUP#TAG#project', '2026-12-01#atlas'],
    ]);
    // 4 scopes × (day, month) + 5 rollups: well inside DynamoDB's 100 items per transaction.
    expect(targets).toHaveLength(13);
  });
});

describe('setAttributes', () => {
  it('names every attribute through placeholders (date and month are reserved words)', () => {
    expect(setAttributes({ pk: 'p', sk: 's', attributes: { kind: 'DAY', date: '2026-11-26' } })).toEqual({
      expression: '#a0 = :a0, #a1 = :a1',
      names: { '#a0': 'kind', '#a1': 'date' },
      values: { ':a0': 'DAY', ':a1': '2026-11-26' },
    });
  });
});
