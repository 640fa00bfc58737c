import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { idempotencySk, invocationSk, principalPk, unpricedPk, unpricedSk } from '../../resolvers/lib/ledger-keys.ts';
import { aggregateTargets, setAttributes } from './aggregates.ts';
import type { InvocationItem } from '../../resolvers/lib/invocation.ts';
import { settlementItems, type BudgetSettlement } from './budget.ts';
import { IdempotencyInProgressError, IdempotencyMismatchError } from './errors.ts';

/** How long an idempotency key is remembered after its invocation completed. */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60;
/** How long an unfinished claim blocks the key (longer than the Lambda's timeout). */
export const IN_PROGRESS_LOCK_SECONDS = 360;
/** Results larger than this are not kept for replay (DynamoDB items are ≤ 400 KB). */
const MAX_STORED_RESULT_BYTES = 300_000;

/** Everything the ledger keeps about one invocation (the immutable ledger item). */
export interface LedgerEntry extends InvocationItem {
  /** The Bedrock operation: 'InvokeModel' or 'Converse'. */
  readonly operation?: string;
  /** The catalogue row's version ('bundled' or a setPrice id) and start, so any cost can be re-derived. */
  readonly priceVersion?: string | null;
  readonly priceEffectiveFrom?: string | null;
  /** The form of the model id: foundation-model, inference-profile, application-inference-profile, provisioned-model, … */
  readonly modelIdKind?: string;
  /** The model an application inference profile routes to, as priced. */
  readonly resolvedModelId?: string | null;
  /** Provisioned throughput: billed per model-unit hour elsewhere, so unpriced per token here. */
  readonly provisioned?: boolean;
  /** Epoch seconds after which DynamoDB TTL removes the ledger item (ledger retention); aggregates stay. */
  readonly ttl?: number;
  readonly costExactNanoUsd: string;
  readonly rates: Readonly<Record<string, string>> | null;
  readonly priceRegion: string | null;
  readonly priceSource: string | null;
  readonly usageSource: string;
  readonly bedrockRequestId: string | null;
  readonly idempotencyKey: string | null;
}

export const requestHash = (request: unknown): string =>
  createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * The result a recorded call returned (invokeModel's or converse's), kept for idempotent replays.
 * `body` is Bedrock's answer, dropped from the kept copy when it is too large for an item.
 */
export interface StoredResult {
  readonly invocationId: string;
  readonly body: string;
}

export type Claim<R extends StoredResult = StoredResult> =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly result: R };

interface IdempotencyRecord {
  status: 'IN_PROGRESS' | 'COMPLETED';
  requestHash: string;
  invocationId: string;
  lockExpiresAt?: number;
  result?: string;
}

/**
 * Claims an idempotency key before Bedrock is called. A completed key replays its first result;
 * a key in progress elsewhere, or reused for another request, is refused.
 */
export async function claimIdempotencyKey<R extends StoredResult>(
  db: DynamoDBDocumentClient,
  table: string,
  claim: { principalId: string; idempotencyKey: string; requestHash: string; invocationId: string; now: Date },
): Promise<Claim<R>> {
  const nowSeconds = Math.floor(claim.now.getTime() / 1000);
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: principalPk(claim.principalId),
          sk: idempotencySk(claim.idempotencyKey),
          kind: 'IDEMPOTENCY',
          status: 'IN_PROGRESS',
          requestHash: claim.requestHash,
          invocationId: claim.invocationId,
          lockExpiresAt: nowSeconds + IN_PROGRESS_LOCK_SECONDS,
          ttl: nowSeconds + IDEMPOTENCY_RETENTION_SECONDS,
        },
        // A claim left behind by a crashed invocation can be taken over once its lock expired.
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :inProgress AND lockExpiresAt < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': nowSeconds },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { kind: 'claimed' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = error.Item ? (unmarshall(error.Item as Record<string, AttributeValue>) as IdempotencyRecord) : undefined;
    if (!existing || existing.requestHash !== claim.requestHash) {
      throw new IdempotencyMismatchError(claim.idempotencyKey);
    }
    if (existing.status === 'COMPLETED' && existing.result) {
      return { kind: 'replay', result: JSON.parse(existing.result) as R };
    }
    throw new IdempotencyInProgressError(claim.idempotencyKey);
  }
}

/** Gives a claimed key back when Bedrock failed, so the client's retry can go ahead. */
export async function releaseIdempotencyKey(
  db: DynamoDBDocumentClient,
  table: string,
  release: { principalId: string; idempotencyKey: string; invocationId: string },
): Promise<void> {
  await db
    .send(
      new DeleteCommand({
        TableName: table,
        Key: { pk: principalPk(release.principalId), sk: idempotencySk(release.idempotencyKey) },
        ConditionExpression: '#status = :inProgress AND invocationId = :id',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':id': release.invocationId },
      }),
    )
    .catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
}

export interface RecordOptions {
  /** Attempts for transaction conflicts and throttling before giving up. */
  readonly attempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * The budgets (the principal's and its team's) whose period counters this invocation's cost is
   * settled into, in the same transaction.
   */
  readonly budgets?: readonly BudgetSettlement[];
  /**
   * Whether to complete the idempotency claim (default true). A replay whose claim was taken over by a
   * later request (its lock expired) records the invocation without it.
   */
  readonly completeIdempotency?: boolean;
}

const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/**
 * Writes the ledger item, its aggregates (principal, team and tag day × model and month items, and
 * the rollups: see aggregates.ts) and (with an idempotency key) completes the claim, all in ONE
 * transaction. The ledger item's condition makes a
 * repeated write a no-op, so the usage is counted exactly once.
 */
export async function recordInvocation(
  db: DynamoDBDocumentClient,
  table: string,
  entry: LedgerEntry,
  result: StoredResult,
  options: RecordOptions = {},
): Promise<'recorded' | 'already-recorded'> {
  const attempts = options.attempts ?? 8;
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  let budgets = [...(options.budgets ?? [])];
  for (let attempt = 1; ; attempt += 1) {
    const ledgerItems = transactItems(table, entry, result, options.completeIdempotency ?? true);
    // Each settlement's items start at its offset; a reservation's conditional Delete comes first.
    const offsets: number[] = [];
    const budgetItems: ReturnType<typeof settlementItems> = [];
    for (const settlement of budgets) {
      offsets.push(ledgerItems.length + budgetItems.length);
      budgetItems.push(...settlementItems(settlement, entry.costNanoUsd));
    }
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [...ledgerItems, ...budgetItems] }));
      return 'recorded';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      if (reasons[0] === 'ConditionalCheckFailed') return 'already-recorded';
      const reclaimed = budgets.map((settlement, index) => settlement.reservation !== null && reasons[offsets[index] ?? -1] === 'ConditionalCheckFailed');
      if (reclaimed.some(Boolean)) {
        // A reservation expired and was reclaimed meanwhile: settle that budget's spend without it.
        budgets = budgets.map((settlement, index) => (reclaimed[index] ? { ...settlement, reservation: null } : settlement));
        continue;
      }
      if (attempt >= attempts || !reasons.some((code) => RETRYABLE_REASONS.has(code))) throw error;
      await sleep(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
  }
}

/** Where the idempotency claim's completion sits in the ledger transaction: after the ledger item and its aggregates. */
export const idempotencyItemIndex = (entry: LedgerEntry): number => 1 + aggregateTargets(entry).length;

function transactItems(table: string, entry: LedgerEntry, result: StoredResult, completeIdempotency: boolean) {
  const pk = principalPk(entry.principalId);
  const month = entry.createdAt.slice(0, 7);
  const counters = {
    ':one': 1,
    ':unpriced': entry.priced ? 0 : 1,
    ':input': entry.inputTokens,
    ':output': entry.outputTokens,
    ':cacheRead': entry.cacheReadInputTokens,
    ':cacheWrite': entry.cacheWriteInputTokens,
    ':cost': entry.costNanoUsd,
  };
  const add =
    'ADD invocations :one, unpricedInvocations :unpriced, inputTokens :input, outputTokens :output, ' +
    'cacheReadInputTokens :cacheRead, cacheWriteInputTokens :cacheWrite, costNanoUsd :cost';
  const items: NonNullable<TransactWriteCommand['input']['TransactItems']> = [
    {
      Put: {
        TableName: table,
        Item: { pk, sk: invocationSk(entry.createdAt, entry.invocationId), kind: 'INVOCATION', ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...aggregateTargets(entry).map((target) => {
      const set = setAttributes(target);
      return {
        Update: {
          TableName: table,
          Key: { pk: target.pk, sk: target.sk },
          UpdateExpression: `SET ${set.expression} ${add}`,
          ExpressionAttributeNames: set.names,
          ExpressionAttributeValues: { ...counters, ...set.values },
        },
      };
    }),
  ];
  if (entry.idempotencyKey && completeIdempotency) {
    const stored = JSON.stringify(result);
    items.push({
      Update: {
        TableName: table,
        Key: { pk, sk: idempotencySk(entry.idempotencyKey) },
        UpdateExpression: 'SET #status = :completed, #result = :result REMOVE lockExpiresAt',
        ConditionExpression: '#status = :inProgress AND invocationId = :id',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
        ExpressionAttributeValues: {
          ':completed': 'COMPLETED',
          ':inProgress': 'IN_PROGRESS',
          ':id': entry.invocationId,
          ':result': Buffer.byteLength(stored) <= MAX_STORED_RESULT_BYTES ? stored : JSON.stringify({ ...result, body: 'null' }),
        },
      },
    });
  }
  if (!entry.priced) {
    items.push({
      Put: {
        TableName: table,
        Item: {
          pk: unpricedPk(month),
          sk: unpricedSk(entry.createdAt, entry.invocationId),
          kind: 'UNPRICED',
          invocationId: entry.invocationId,
          principalId: entry.principalId,
          modelId: entry.modelId,
          region: entry.region,
          inputTokens: entry.inputTokens,
          outputTokens: entry.outputTokens,
          cacheReadInputTokens: entry.cacheReadInputTokens,
          cacheWriteInputTokens: entry.cacheWriteInputTokens,
          cacheWrite1hInputTokens: entry.cacheWrite1hInputTokens ?? 0,
          createdAt: entry.createdAt,
          team: entry.team ?? null,
          tags: entry.tags ?? {},
        },
      },
    });
  }
  return items;
}
