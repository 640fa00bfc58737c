/**
 * The DynamoDB tables, described once. `infra/` turns them into CDK tables, `local/` creates them in
 * DynamoDB Local, and functions/resolvers learn their names through environment/data-source binding.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface GlobalIndex {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** Stable logical id: the CDK construct id and the local table name. */
  readonly id: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes?: readonly GlobalIndex[];
  /** Attribute holding an epoch-seconds expiry (DynamoDB TTL). */
  readonly timeToLiveAttribute?: string;
}

/** Index names, typed so resolvers and functions never repeat free strings. */
export const KEY_INDEXES = {
  byKeyId: 'byKeyId',
  byPrincipal: 'byPrincipal',
  byKind: 'byKind',
} as const;

/** Indexes of the ledger table. */
export const LEDGER_INDEXES = {
  byMonthCost: 'byMonthCost',
} as const;

/** Indexes of the prices table. */
export const PRICE_INDEXES = {
  /** Every catalogue row (kind PRICE), ordered by base model, routing prefix, Region and start: the listing without a scan. */
  byKind: 'byKind',
} as const;

/** Indexes of the budgets table. */
export const BUDGET_INDEXES = {
  /** Budget definitions (kind BUDGET) and budget events (kind BUDGET_EVENT), listed without a scan. */
  byKind: 'byKind',
} as const;

export const TABLES = {
  /**
   * API keys, one item per key, addressed by the keyed hash of the secret (the authorizer's lookup).
   * `kind` is the constant "KEY" so every key can be listed through `byKind` without a scan.
   */
  keys: {
    id: 'Keys',
    partitionKey: { name: 'keyHash', type: 'S' },
    globalIndexes: [
      { name: KEY_INDEXES.byKeyId, partitionKey: { name: 'keyId', type: 'S' } },
      {
        name: KEY_INDEXES.byPrincipal,
        partitionKey: { name: 'principalId', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
      },
      {
        name: KEY_INDEXES.byKind,
        partitionKey: { name: 'kind', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
      },
    ],
  },
  /**
   * The ledger: per principal (pk `PRINCIPAL#<id>`), the immutable invocation items
   * (sk `INVOCATION#<createdAt>#<invocationId>`), the idempotency records (sk `IDEMPOTENCY#<key>`)
   * and the aggregates (sk `DAY#<yyyy-mm-dd>#MODEL#<modelId>`, `MONTH#<yyyy-mm>`).
   */
  ledger: {
    id: 'Ledger',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    timeToLiveAttribute: 'ttl',
    globalIndexes: [
      /**
       * Only the principal × month aggregates carry `month`: a month's principals by cost, for topSpenders.
       * Every invocation updates one item of the month's index partition (DynamoDB sustains about 1,000
       * writes per second per partition); beyond that rate the index key would need sharding.
       */
      { name: LEDGER_INDEXES.byMonthCost, partitionKey: { name: 'month', type: 'S' }, sortKey: { name: 'costNanoUsd', type: 'N' } },
    ],
  },
  /**
   * Budgets, per principal (pk `PRINCIPAL#<id>`) or per team (pk `TEAM#<team>`): the definition (sk
   * `BUDGET`), one counter per period (sk `BUDGET#PERIOD#<periodKey>`: spent, reserved, committed =
   * spent + reserved), the open reservations of hard budgets (sk `RESERVATION#<invocationId>`) and budget
   * events (sk `EVENT#<periodKey>#<percent>`, `EVENT#<periodKey>#EXHAUSTED`). Definitions and events
   * carry `kind` + `listSk` for `byKind`.
   */
  budgets: {
    id: 'Budgets',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      {
        name: BUDGET_INDEXES.byKind,
        partitionKey: { name: 'kind', type: 'S' },
        sortKey: { name: 'listSk', type: 'S' },
      },
    ],
  },
  /**
   * The price catalogue, effective-dated: per base model (pk `PRICE#<baseModelId>`) one immutable row
   * per routing prefix × Region × start (sk `<prefix or ->#<region or *>#<effectiveFrom>`). A row applies
   * from its `effectiveFrom` until the next row of the same prefix and Region; the bundled catalogue is
   * seeded as version `bundled`, effective from 1970.
   */
  /**
   * The audit trail of key and price changes, one partition per UTC day (pk `AUDIT#<yyyy-mm-dd>`,
   * sk `<timestamp>#<id>`): who did what to which key or price. Never a secret.
   */
  audit: {
    id: 'Audit',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
  },
  prices: {
    id: 'Prices',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [
      /** `kind` is the constant "PRICE"; `listSk` is `<baseModelId>#<sk>`, so the whole catalogue reads in key order. */
      { name: PRICE_INDEXES.byKind, partitionKey: { name: 'kind', type: 'S' }, sortKey: { name: 'listSk', type: 'S' } },
    ],
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof TABLES;
