/**
 * Which aggregate items one invocation counts into. Every invocation adds to:
 * - its principal's day × model and month items, its team's (when it has one) and each of its tag
 *   values' — the same item shapes in different partitions, so one resolver reads any of them;
 * - the rollups by principal, model, team and each tag key (one item per day and value), which answer
 *   "spend by X over a range" without reading per-principal partitions.
 * The ledger transaction adds the invocation's counters to each; pricing it later adds the adjustment
 * to the very same items, so ledger, aggregates and rollups always sum to the same nano-dollar.
 */
import {
  dayModelSk,
  monthSk,
  principalPk,
  rollupPk,
  rollupSk,
  tagMonthKey,
  tagPk,
  teamMonthKey,
  teamPk,
} from '../../resolvers/lib/ledger-keys.ts';

export interface Attribution {
  readonly principalId: string;
  readonly team?: string | null;
  readonly tags?: Readonly<Record<string, string>> | null;
  readonly modelId: string;
  /** ISO-8601 UTC timestamp of the invocation. */
  readonly createdAt: string;
}

export interface AggregateTarget {
  readonly pk: string;
  readonly sk: string;
  /** Attributes the item carries besides its counters. */
  readonly attributes: Readonly<Record<string, string>>;
}

export function aggregateTargets(usage: Attribution): AggregateTarget[] {
  const date = usage.createdAt.slice(0, 10);
  const month = usage.createdAt.slice(0, 7);
  const tags = Object.entries(usage.tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const scopes: { pk: string; monthKey: string }[] = [
    { pk: principalPk(usage.principalId), monthKey: month },
    ...(usage.team ? [{ pk: teamPk(usage.team), monthKey: teamMonthKey(month) }] : []),
    ...tags.map(([key, value]) => ({ pk: tagPk(key, value), monthKey: tagMonthKey(key, month) })),
  ];
  const targets: AggregateTarget[] = [];
  for (const scope of scopes) {
    targets.push({ pk: scope.pk, sk: dayModelSk(date, usage.modelId), attributes: { kind: 'DAY', modelId: usage.modelId, date } });
    targets.push({ pk: scope.pk, sk: monthSk(month), attributes: { kind: 'MONTH', month: scope.monthKey } });
  }
  const rollup = (pk: string, key: string): AggregateTarget => ({ pk, sk: rollupSk(date, key), attributes: { kind: 'ROLLUP', date, key } });
  targets.push(rollup(rollupPk('PRINCIPAL'), usage.principalId), rollup(rollupPk('MODEL'), usage.modelId));
  if (usage.team) targets.push(rollup(rollupPk('TEAM'), usage.team));
  for (const [key, value] of tags) targets.push(rollup(rollupPk('TAG', key), value));
  return targets;
}

/** `SET` clauses and names for a target's attributes, as `#a0 = :a0, …`. */
export function setAttributes(target: AggregateTarget): {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, string>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const clauses = Object.entries(target.attributes).map(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = value;
    return `#a${index} = :a${index}`;
  });
  return { expression: clauses.join(', '), names, values };
}
