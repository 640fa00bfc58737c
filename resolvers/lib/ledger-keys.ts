/**
 * Key builders for the ledger table, shared by the invoke-model Lambda (writes) and the APPSYNC_JS
 * resolvers (reads). Plain string functions only, so they obey APPSYNC_JS.
 */
export const principalPk = (principalId: string): string => `PRINCIPAL#${principalId}`;

export const invocationSk = (createdAt: string, invocationId: string): string =>
  `INVOCATION#${createdAt}#${invocationId}`;

export const INVOCATION_PREFIX = 'INVOCATION#';

export const idempotencySk = (idempotencyKey: string): string => `IDEMPOTENCY#${idempotencyKey}`;

/** `date` is yyyy-mm-dd (UTC). */
export const dayModelSk = (date: string, modelId: string): string => `DAY#${date}#MODEL#${modelId}`;

export const DAY_PREFIX = 'DAY#';

/** `month` is yyyy-mm (UTC). */
export const monthSk = (month: string): string => `MONTH#${month}`;

/** Upper bound for a sort-key range that must include every suffix of `prefix`. */
export const rangeEnd = (prefix: string): string => `${prefix}~`;

/**
 * Markers of unpriced invocations, one partition per month (`yyyy-mm`), so they are listed and priced
 * later without a scan. Only unpriced invocations write one.
 */
export const unpricedPk = (month: string): string => `UNPRICED#${month}`;

export const unpricedSk = (createdAt: string, invocationId: string): string => `${createdAt}#${invocationId}`;

/** An adjustment posted for an invocation (e.g. pricing it later); never a rewrite of the invocation. */
export const adjustmentSk = (createdAt: string, invocationId: string): string => `ADJUSTMENT#${createdAt}#${invocationId}`;

/**
 * The aggregates of a team (cost centre): the same DAY#…#MODEL#… and MONTH#… items as a principal's,
 * in the team's own partition.
 */
export const teamPk = (team: string): string => `TEAM#${team}`;

/** The aggregates of one cost-allocation tag value (key and value never contain `#`). */
export const tagPk = (key: string, value: string): string => `TAG#${key}#${value}`;

/**
 * The `month` attribute of a month aggregate, which partitions the byMonthCost index: a principal's
 * months carry the bare month (yyyy-mm), a team's `TEAM#yyyy-mm`, a tag value's `TAG#<key>#yyyy-mm`,
 * so each kind is ranked on its own.
 */
export const teamMonthKey = (month: string): string => `TEAM#${month}`;
export const tagMonthKey = (key: string, month: string): string => `TAG#${key}#${month}`;

/**
 * Rollups: one partition per breakdown dimension (`ROLLUP#PRINCIPAL`, `ROLLUP#TEAM`, `ROLLUP#MODEL`,
 * `ROLLUP#TAG#<key>`), one item per day and value (sk `<yyyy-mm-dd>#<value>`), so the spend of every
 * principal, team, model or tag value over a date range is one Query whose size depends on days ×
 * values, never on the number of invocations. Every invocation writes one item of each dimension's
 * partition (DynamoDB sustains about 1,000 writes per second per partition, as for byMonthCost);
 * beyond that rate the rollup keys would need sharding by a suffix.
 */
export type RollupDimension = 'PRINCIPAL' | 'TEAM' | 'MODEL' | 'TAG';
export const rollupPk = (dimension: RollupDimension, tagKey?: string | null): string =>
  dimension === 'TAG' ? `ROLLUP#TAG#${tagKey ?? ''}` : `ROLLUP#${dimension}`;
export const rollupSk = (date: string, value: string): string => `${date}#${value}`;
