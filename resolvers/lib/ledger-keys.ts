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
