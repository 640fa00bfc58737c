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
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof TABLES;
