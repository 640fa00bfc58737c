/**
 * Budgets: per-principal spend limits per calendar month (or a custom period).
 *
 * A hard budget RESERVES the request's worst-case cost before Bedrock is called, in one conditional
 * DynamoDB transaction on the period counter (`committed = spent + reserved`, and the condition
 * `committed <= limit − worst` makes the check and the increment one atomic step, so concurrent
 * requests cannot overshoot). After Bedrock answers, the ledger transaction settles the reservation to
 * the actual cost (see `settlementItems`); a failed call releases it; a reservation whose invocation
 * died is reclaimed once its expiry passed. Soft thresholds record one event per period each.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  BUDGET_EVENT_KIND,
  BUDGET_SK,
  RESERVATION_PREFIX,
  budgetEventSk,
  budgetPeriodKey,
  budgetPeriodSk,
  budgetPk,
  reservationSk,
  type BudgetItem,
  type BudgetPeriodItem,
} from '../../resolvers/lib/budget-keys.ts';
import { BudgetExceededError, ValidationError } from './errors.ts';
import { computeCost, parseDecimal, type TokenRates } from './money.ts';
import type { ModelFamily } from './usage.ts';

/** How long a reservation holds before it counts as orphaned (longer than the Lambda's timeout). */
export const RESERVATION_SECONDS = 360;

type TransactItems = NonNullable<TransactWriteCommand['input']['TransactItems']>;

/** The budget that applies to one invocation: its definition and the period `now` falls in. */
export interface ApplicableBudget {
  readonly budget: BudgetItem;
  readonly periodKey: string;
}

/** A hard budget's hold on one in-flight invocation. */
export interface Reservation {
  readonly principalId: string;
  readonly invocationId: string;
  readonly periodKey: string;
  readonly amountNanoUsd: bigint;
}

/** How the ledger transaction settles a budget: with the reservation to close, or spend only. */
export interface BudgetSettlement {
  readonly table: string;
  readonly principalId: string;
  readonly periodKey: string;
  readonly limitNanoUsd: number;
  readonly reservation: Reservation | null;
}

const EMBEDDING_FAMILIES: ReadonlySet<ModelFamily> = new Set(['titan-embed', 'cohere-embed']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const positiveInteger = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;

/**
 * The most output tokens a request body allows, by the field each family uses (reference: Bedrock's
 * model parameters): `max_tokens` (Anthropic, Mistral, Cohere Command R, AI21 Jamba × `n`, DeepSeek,
 * gpt-oss), `max_completion_tokens` (gpt-oss), `max_gen_len` (Llama), `inferenceConfig.maxTokens` /
 * `max_new_tokens` (Nova, Converse), `textGenerationConfig.maxTokenCount` (Titan Text). Embedding
 * models produce none. Null when the body sets no limit.
 */
export function maxOutputTokens(body: unknown, family: ModelFamily): number | null {
  if (EMBEDDING_FAMILIES.has(family)) return 0;
  if (!isRecord(body)) return null;
  const inference = isRecord(body.inferenceConfig) ? body.inferenceConfig : {};
  const titan = isRecord(body.textGenerationConfig) ? body.textGenerationConfig : {};
  const limit =
    positiveInteger(body.max_tokens) ??
    positiveInteger(body.max_completion_tokens) ??
    positiveInteger(body.max_gen_len) ??
    positiveInteger(inference.maxTokens) ??
    positiveInteger(inference.max_new_tokens) ??
    positiveInteger(titan.maxTokenCount);
  if (limit === null) return null;
  const completions = positiveInteger(body.n) ?? 1;
  return limit * completions;
}

const maxRate = (rates: readonly string[]): string =>
  rates.reduce((best, rate) => {
    const a = parseDecimal(best);
    const b = parseDecimal(rate);
    const scale = Math.max(a.scale, b.scale);
    return b.units * 10n ** BigInt(scale - b.scale) > a.units * 10n ** BigInt(scale - a.scale) ? rate : best;
  });

/**
 * The worst case a request can cost: every byte of its body counted as one input token (a token
 * covers at least one byte of text, and the JSON around the text adds more bytes than a chat template
 * adds tokens) at the dearest input rate (input, cache read or cache write), plus the maximum output
 * tokens at the output rate. Rounded like the actual cost, so actual ≤ worst holds after rounding too.
 */
export function worstCaseCost(bodyBytes: number, outputTokens: number, rates: Required<TokenRates>): bigint {
  const inputRate = maxRate([rates.inputPer1k, rates.cacheReadPer1k, rates.cacheWritePer1k]);
  return computeCost(
    { inputTokens: bodyBytes, outputTokens, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 },
    { inputPer1k: inputRate, outputPer1k: rates.outputPer1k },
  ).nanoUsd;
}

/** The budget of a principal that applies at `now`, or null (no budget, or outside its period). */
export async function applicableBudget(
  db: DynamoDBDocumentClient,
  table: string,
  principalId: string,
  now: Date,
): Promise<ApplicableBudget | null> {
  const out = await db.send(
    new GetCommand({ TableName: table, Key: { pk: budgetPk(principalId), sk: BUDGET_SK }, ConsistentRead: true }),
  );
  if (!out.Item) return null;
  const budget = out.Item as BudgetItem;
  const periodKey = budgetPeriodKey(budget, now.toISOString());
  return periodKey === null ? null : { budget, periodKey };
}

/** What a hard budget needs to bound a request: its body's size and its output cap (null: none set). */
export interface CostEstimate {
  readonly bodyBytes: number;
  readonly maxOutputTokens: number | null;
}

/** The worst case a hard budget must hold for this request, or a ValidationError/BudgetExceeded. */
export function requiredReservation(
  applicable: ApplicableBudget,
  estimate: CostEstimate,
  rates: Required<TokenRates> | null,
): bigint {
  const limit = BigInt(applicable.budget.limitNanoUsd);
  if (rates === null) {
    throw new BudgetExceededError(applicable.budget.principalId, limit, limit, limit, 'UNPRICED_MODEL');
  }
  if (estimate.maxOutputTokens === null) {
    throw new ValidationError(
      'A hard budget applies to this key, so the request must cap its output: set max_tokens ' +
        "(or the model family's field: inferenceConfig.maxTokens, max_gen_len, textGenerationConfig.maxTokenCount)",
    );
  }
  return worstCaseCost(estimate.bodyBytes, estimate.maxOutputTokens, rates);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a transaction, retrying conflicts and throttling; other cancellations are rethrown. */
async function transact(db: DynamoDBDocumentClient, items: TransactItems, attempts = 10): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      const retryable = codes.some((code) => code === 'TransactionConflict' || code === 'ThrottlingError');
      if (attempt >= attempts || codes.includes('ConditionalCheckFailed') || !retryable) throw error;
      await sleep(Math.random() * Math.min(500, 10 * 2 ** attempt));
    }
  }
}

const conditionFailedAt = (error: unknown, index: number): boolean =>
  error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

/**
 * Reserves `amount` against the hard budget, atomically: the counter's `committed` (spent plus open
 * reservations) may grow only while it stays ≤ the limit. Refuses with BudgetExceeded and the amount
 * left. A refusal first reclaims orphaned reservations and tries once more.
 */
export async function reserveBudget(
  db: DynamoDBDocumentClient,
  table: string,
  applicable: ApplicableBudget,
  hold: { readonly invocationId: string; readonly amountNanoUsd: bigint; readonly now: Date },
): Promise<Reservation> {
  const { budget, periodKey } = applicable;
  const limit = BigInt(budget.limitNanoUsd);
  const reservation: Reservation = {
    principalId: budget.principalId,
    invocationId: hold.invocationId,
    periodKey,
    amountNanoUsd: hold.amountNanoUsd,
  };
  if (hold.amountNanoUsd > limit) {
    throw new BudgetExceededError(budget.principalId, await remaining(db, table, applicable), hold.amountNanoUsd, limit);
  }
  const pk = budgetPk(budget.principalId);
  const nowSeconds = Math.floor(hold.now.getTime() / 1000);
  const items: TransactItems = [
    {
      Update: {
        TableName: table,
        Key: { pk, sk: budgetPeriodSk(periodKey) },
        UpdateExpression:
          'SET kind = :kind, periodKey = :periodKey, limitNanoUsd = :limit ADD committedNanoUsd :amount, reservedNanoUsd :amount',
        ConditionExpression: 'attribute_not_exists(committedNanoUsd) OR committedNanoUsd <= :threshold',
        // The counter as the refusal saw it: the remaining amount reported is the one decided on.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        ExpressionAttributeValues: {
          ':kind': 'BUDGET_PERIOD',
          ':periodKey': periodKey,
          ':limit': budget.limitNanoUsd,
          ':amount': Number(hold.amountNanoUsd),
          ':threshold': Number(limit - hold.amountNanoUsd),
        },
      },
    },
    {
      Put: {
        TableName: table,
        Item: {
          pk,
          sk: reservationSk(hold.invocationId),
          kind: 'RESERVATION',
          periodKey,
          amountNanoUsd: Number(hold.amountNanoUsd),
          expiresAt: nowSeconds + RESERVATION_SECONDS,
          createdAt: hold.now.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  let committedSeen = 0n;
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    try {
      await transact(db, items);
      return reservation;
    } catch (error) {
      if (!conditionFailedAt(error, 0)) throw error;
      committedSeen = committedInCancellation(error);
      const reclaimed = attempt === 1 ? await reclaimExpiredReservations(db, table, budget.principalId, hold.now) : 0;
      if (reclaimed === 0) break;
    }
  }
  const left = limit - committedSeen;
  throw new BudgetExceededError(budget.principalId, left > 0n ? left : 0n, hold.amountNanoUsd, limit);
}

/** `committedNanoUsd` of the counter a cancelled reservation returned (ALL_OLD). */
function committedInCancellation(error: unknown): bigint {
  if (!(error instanceof TransactionCanceledException)) return 0n;
  const value: unknown = error.CancellationReasons?.[0]?.Item?.committedNanoUsd;
  if (typeof value === 'number') return BigInt(value);
  const text = typeof value === 'object' && value !== null && 'N' in value ? value.N : undefined;
  return typeof text === 'string' ? BigInt(text) : 0n;
}

/** limit − committed of the period, never below zero. */
async function remaining(db: DynamoDBDocumentClient, table: string, applicable: ApplicableBudget): Promise<bigint> {
  const counter = await readPeriod(db, table, applicable.budget.principalId, applicable.periodKey);
  const left = BigInt(applicable.budget.limitNanoUsd) - BigInt(counter?.committedNanoUsd ?? 0);
  return left > 0n ? left : 0n;
}

export async function readPeriod(
  db: DynamoDBDocumentClient,
  table: string,
  principalId: string,
  periodKey: string,
): Promise<BudgetPeriodItem | null> {
  const out = await db.send(
    new GetCommand({ TableName: table, Key: { pk: budgetPk(principalId), sk: budgetPeriodSk(periodKey) }, ConsistentRead: true }),
  );
  return (out.Item as BudgetPeriodItem | undefined) ?? null;
}

/** Closes a reservation without spend (Bedrock failed). A reservation already reclaimed is left alone. */
export async function releaseReservation(db: DynamoDBDocumentClient, table: string, reservation: Reservation): Promise<void> {
  await closeReservation(db, table, reservation, null);
}

async function closeReservation(
  db: DynamoDBDocumentClient,
  table: string,
  reservation: Reservation,
  expiredBefore: number | null,
): Promise<boolean> {
  const pk = budgetPk(reservation.principalId);
  const amount = Number(reservation.amountNanoUsd);
  try {
    await transact(db, [
      {
        Delete: {
          TableName: table,
          Key: { pk, sk: reservationSk(reservation.invocationId) },
          ConditionExpression: expiredBefore === null ? 'attribute_exists(pk)' : 'attribute_exists(pk) AND expiresAt < :now',
          ...(expiredBefore === null ? {} : { ExpressionAttributeValues: { ':now': expiredBefore } }),
        },
      },
      {
        Update: {
          TableName: table,
          Key: { pk, sk: budgetPeriodSk(reservation.periodKey) },
          UpdateExpression: 'ADD committedNanoUsd :minus, reservedNanoUsd :minus',
          ExpressionAttributeValues: { ':minus': -amount },
        },
      },
    ]);
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
}

/** Releases every reservation of the principal whose expiry passed; returns how many. */
export async function reclaimExpiredReservations(
  db: DynamoDBDocumentClient,
  table: string,
  principalId: string,
  now: Date,
): Promise<number> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const out = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'expiresAt < :now',
      ExpressionAttributeValues: { ':pk': budgetPk(principalId), ':prefix': RESERVATION_PREFIX, ':now': nowSeconds },
      ConsistentRead: true,
    }),
  );
  let reclaimed = 0;
  for (const item of out.Items ?? []) {
    const reservation: Reservation = {
      principalId,
      invocationId: String(item.sk).slice(RESERVATION_PREFIX.length),
      periodKey: String(item.periodKey),
      amountNanoUsd: BigInt(Number(item.amountNanoUsd)),
    };
    if (await closeReservation(db, table, reservation, nowSeconds)) reclaimed += 1;
  }
  return reclaimed;
}

/**
 * The budget items of the ledger transaction: the period counter gains the actual cost as spent, and
 * (hard budgets) the reservation is deleted and its amount leaves `reserved`/`committed`. The
 * reservation's Delete is conditional; if it was reclaimed meanwhile, the ledger retries with
 * `reservation: null`, which adds the spend alone.
 */
export function settlementItems(settlement: BudgetSettlement, actualNanoUsd: number): TransactItems {
  const pk = budgetPk(settlement.principalId);
  const reserved = settlement.reservation ? Number(settlement.reservation.amountNanoUsd) : 0;
  const counter: TransactItems[number] = {
    Update: {
      TableName: settlement.table,
      Key: { pk, sk: budgetPeriodSk(settlement.periodKey) },
      UpdateExpression:
        'SET kind = :kind, periodKey = :periodKey, limitNanoUsd = if_not_exists(limitNanoUsd, :limit) ' +
        'ADD spentNanoUsd :actual, committedNanoUsd :committed, reservedNanoUsd :released',
      ExpressionAttributeValues: {
        ':kind': 'BUDGET_PERIOD',
        ':periodKey': settlement.periodKey,
        ':limit': settlement.limitNanoUsd,
        ':actual': actualNanoUsd,
        ':committed': actualNanoUsd - reserved,
        ':released': -reserved,
      },
    },
  };
  if (!settlement.reservation) return [counter];
  return [
    {
      Delete: {
        TableName: settlement.table,
        Key: { pk, sk: reservationSk(settlement.reservation.invocationId) },
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    counter,
  ];
}

/**
 * Records a threshold event for every alert percentage the period's spend has reached, once per
 * period (the event's key is its period and percentage). Returns the percentages newly recorded.
 * Safe to repeat: a missed event is recorded by the next invocation's call.
 */
export async function recordThresholdEvents(
  db: DynamoDBDocumentClient,
  table: string,
  applicable: ApplicableBudget,
  now: Date,
): Promise<number[]> {
  const { budget, periodKey } = applicable;
  const counter = await readPeriod(db, table, budget.principalId, periodKey);
  const spent = BigInt(counter?.spentNanoUsd ?? 0);
  const limit = BigInt(budget.limitNanoUsd);
  const recorded: number[] = [];
  for (const percent of budget.alertThresholdsPercent) {
    if (spent * 100n < limit * BigInt(percent)) continue;
    const createdAt = now.toISOString();
    try {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: {
            pk: budgetPk(budget.principalId),
            sk: budgetEventSk(periodKey, percent),
            kind: BUDGET_EVENT_KIND,
            listSk: `${createdAt}#${budget.principalId}#${percent}`,
            principalId: budget.principalId,
            periodKey,
            thresholdPercent: percent,
            spentNanoUsd: Number(spent),
            limitNanoUsd: budget.limitNanoUsd,
            createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      recorded.push(percent);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    }
  }
  return recorded;
}
