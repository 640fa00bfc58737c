/**
 * Budgets: spend limits per calendar month (or a custom period), of a principal or of a team (cost
 * centre). An invocation by a principal of team T is subject to both the principal's and T's budget.
 *
 * A hard budget RESERVES the request's worst-case cost before Bedrock is called, in one conditional
 * DynamoDB transaction on the period counter (`committed = spent + reserved`, and the condition
 * `committed <= limit − worst` makes the check and the increment one atomic step, so concurrent
 * requests cannot overshoot; both budgets of an invocation are reserved in that one transaction). After Bedrock answers, the ledger transaction settles the reservation to
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
  budgetExhaustedSk,
  budgetPeriodKey,
  budgetPeriodSk,
  budgetPk,
  reservationSk,
  subjectOf,
  type BudgetEventKind,
  type BudgetItem,
  type BudgetPeriodItem,
  type BudgetSubject,
} from '../../resolvers/lib/budget-keys.ts';
import { BudgetExceededError, ValidationError } from './errors.ts';
import { computeCost, parseDecimal, type TokenRates } from './money.ts';
import type { ModelFamily } from './usage.ts';

/** How long a reservation holds before it counts as orphaned (longer than the Lambda's timeout). */
export const RESERVATION_SECONDS = 360;

type TransactItems = NonNullable<TransactWriteCommand['input']['TransactItems']>;

/** A budget that applies to one invocation: its definition (whose subject it limits) and the period `now` falls in. */
export interface ApplicableBudget {
  readonly budget: BudgetItem;
  readonly periodKey: string;
}

/** A hard budget's hold on one in-flight invocation. */
export interface Reservation {
  readonly subject: BudgetSubject;
  readonly invocationId: string;
  readonly periodKey: string;
  readonly amountNanoUsd: bigint;
}

/** How the ledger transaction settles one budget: with the reservation to close, or spend only. */
export interface BudgetSettlement {
  readonly table: string;
  readonly subject: BudgetSubject;
  readonly periodKey: string;
  readonly limitNanoUsd: number;
  readonly reservation: Reservation | null;
}

/** A budget event as recorded in the budgets table, and as it is published. */
export interface BudgetEventRecord {
  readonly kind: BudgetEventKind;
  readonly principalId: string | null;
  readonly team: string | null;
  readonly periodKey: string;
  readonly thresholdPercent: number;
  readonly spentNanoUsd: number;
  readonly limitNanoUsd: number;
  readonly createdAt: string;
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
  const inputRate = maxRate([rates.inputPer1k, rates.cacheReadPer1k, rates.cacheWritePer1k, rates.cacheWrite1hPer1k]);
  return computeCost(
    { inputTokens: bodyBytes, outputTokens, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 },
    { inputPer1k: inputRate, outputPer1k: rates.outputPer1k },
  ).nanoUsd;
}

/** The budget of a principal or team that applies at `now`, or null (no budget, or outside its period). */
export async function applicableBudget(
  db: DynamoDBDocumentClient,
  table: string,
  subject: BudgetSubject,
  now: Date,
): Promise<ApplicableBudget | null> {
  const out = await db.send(new GetCommand({ TableName: table, Key: { pk: budgetPk(subject), sk: BUDGET_SK }, ConsistentRead: true }));
  if (!out.Item) return null;
  const budget = out.Item as BudgetItem;
  const periodKey = budgetPeriodKey(budget, now.toISOString());
  return periodKey === null ? null : { budget, periodKey };
}

/** Every budget an invocation by this principal is subject to at `now`: its own, then its team's. */
export async function applicableBudgets(
  db: DynamoDBDocumentClient,
  table: string,
  who: { readonly principalId: string; readonly team?: string | undefined },
  now: Date,
): Promise<ApplicableBudget[]> {
  const subjects: BudgetSubject[] = [{ kind: 'PRINCIPAL', id: who.principalId }];
  if (who.team) subjects.push({ kind: 'TEAM', id: who.team });
  const found = await Promise.all(subjects.map((subject) => applicableBudget(db, table, subject, now)));
  return found.filter((applicable): applicable is ApplicableBudget => applicable !== null);
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
    throw new BudgetExceededError(subjectOf(applicable.budget), limit, limit, limit, 'UNPRICED_MODEL');
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

/** The items that reserve `amount` against one hard budget: its guarded counter, then the reservation. */
function reservationItems(table: string, applicable: ApplicableBudget, hold: ReservationHold): TransactItems {
  const { budget, periodKey } = applicable;
  const limit = BigInt(budget.limitNanoUsd);
  const pk = budgetPk(subjectOf(budget));
  const nowSeconds = Math.floor(hold.now.getTime() / 1000);
  return [
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
}

export interface ReservationHold {
  readonly invocationId: string;
  readonly amountNanoUsd: bigint;
  readonly now: Date;
}

/**
 * Reserves `amount` against every hard budget given (a principal's and its team's), atomically, in ONE
 * transaction: each counter's `committed` (spent plus open reservations) may grow only while it stays
 * ≤ its limit, and either every budget is reserved or none is. Refuses with BudgetExceeded naming the
 * budget that had too little left, and that amount. A refusal first reclaims orphaned reservations of
 * those budgets and tries once more.
 */
export async function reserveBudgets(
  db: DynamoDBDocumentClient,
  table: string,
  hard: readonly ApplicableBudget[],
  hold: ReservationHold,
): Promise<Reservation[]> {
  if (hard.length === 0) return [];
  for (const applicable of hard) {
    const limit = BigInt(applicable.budget.limitNanoUsd);
    if (hold.amountNanoUsd > limit) {
      throw new BudgetExceededError(subjectOf(applicable.budget), await remaining(db, table, applicable), hold.amountNanoUsd, limit);
    }
  }
  const items = hard.flatMap((applicable) => reservationItems(table, applicable, hold));
  for (let attempt = 1; ; attempt += 1) {
    try {
      await transact(db, items);
      return hard.map((applicable) => reservationOf(applicable, hold));
    } catch (error) {
      // Each budget's guarded counter is at an even index; the first whose condition failed refused.
      const index = hard.findIndex((_applicable, position) => conditionFailedAt(error, 2 * position));
      const refused = hard[index];
      if (refused === undefined) throw error;
      if (attempt === 1) {
        let reclaimed = 0;
        for (const candidate of hard) reclaimed += await reclaimExpiredReservations(db, table, subjectOf(candidate.budget), hold.now);
        if (reclaimed > 0) continue;
      }
      const limit = BigInt(refused.budget.limitNanoUsd);
      const left = limit - committedInCancellation(error, 2 * index);
      throw new BudgetExceededError(subjectOf(refused.budget), left > 0n ? left : 0n, hold.amountNanoUsd, limit);
    }
  }
}

const reservationOf = (applicable: ApplicableBudget, hold: ReservationHold): Reservation => ({
  subject: subjectOf(applicable.budget),
  invocationId: hold.invocationId,
  periodKey: applicable.periodKey,
  amountNanoUsd: hold.amountNanoUsd,
});

/** Reserves `amount` against one hard budget (see reserveBudgets). */
export async function reserveBudget(
  db: DynamoDBDocumentClient,
  table: string,
  applicable: ApplicableBudget,
  hold: ReservationHold,
): Promise<Reservation> {
  await reserveBudgets(db, table, [applicable], hold);
  return reservationOf(applicable, hold);
}

/** `committedNanoUsd` of the counter a cancelled reservation returned (ALL_OLD) at `index`. */
function committedInCancellation(error: unknown, index: number): bigint {
  if (!(error instanceof TransactionCanceledException)) return 0n;
  const value: unknown = error.CancellationReasons?.[index]?.Item?.committedNanoUsd;
  if (typeof value === 'number') return BigInt(value);
  const text = typeof value === 'object' && value !== null && 'N' in value ? value.N : undefined;
  return typeof text === 'string' ? BigInt(text) : 0n;
}

/** limit − committed of the period, never below zero. */
async function remaining(db: DynamoDBDocumentClient, table: string, applicable: ApplicableBudget): Promise<bigint> {
  const counter = await readPeriod(db, table, subjectOf(applicable.budget), applicable.periodKey);
  const left = BigInt(applicable.budget.limitNanoUsd) - BigInt(counter?.committedNanoUsd ?? 0);
  return left > 0n ? left : 0n;
}

export async function readPeriod(
  db: DynamoDBDocumentClient,
  table: string,
  subject: BudgetSubject,
  periodKey: string,
): Promise<BudgetPeriodItem | null> {
  const out = await db.send(
    new GetCommand({ TableName: table, Key: { pk: budgetPk(subject), sk: budgetPeriodSk(periodKey) }, ConsistentRead: true }),
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
  const pk = budgetPk(reservation.subject);
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

/** Releases every reservation of the principal's or team's budget whose expiry passed; returns how many. */
export async function reclaimExpiredReservations(
  db: DynamoDBDocumentClient,
  table: string,
  subject: BudgetSubject,
  now: Date,
): Promise<number> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const out = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'expiresAt < :now',
      ExpressionAttributeValues: { ':pk': budgetPk(subject), ':prefix': RESERVATION_PREFIX, ':now': nowSeconds },
      ConsistentRead: true,
    }),
  );
  let reclaimed = 0;
  for (const item of out.Items ?? []) {
    const reservation: Reservation = {
      subject,
      invocationId: String(item.sk).slice(RESERVATION_PREFIX.length),
      periodKey: String(item.periodKey),
      amountNanoUsd: BigInt(Number(item.amountNanoUsd)),
    };
    if (await closeReservation(db, table, reservation, nowSeconds)) reclaimed += 1;
  }
  return reclaimed;
}

/**
 * The items of the ledger transaction that settle one budget: the period counter gains the actual cost
 * as spent, and (hard budgets) the reservation is deleted and its amount leaves `reserved`/`committed`.
 * The reservation's Delete (first, when there is one) is conditional; if it was reclaimed meanwhile,
 * the ledger retries with `reservation: null`, which adds the spend alone.
 */
export function settlementItems(settlement: BudgetSettlement, actualNanoUsd: number): TransactItems {
  const pk = budgetPk(settlement.subject);
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

/** Writes one event item once (its key is its period and threshold, or EXHAUSTED); null when it existed. */
async function putEventOnce(
  db: DynamoDBDocumentClient,
  table: string,
  applicable: ApplicableBudget,
  event: BudgetEventRecord,
): Promise<BudgetEventRecord | null> {
  const subject = subjectOf(applicable.budget);
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: budgetPk(subject),
          sk: event.kind === 'EXHAUSTED' ? budgetExhaustedSk(event.periodKey) : budgetEventSk(event.periodKey, event.thresholdPercent),
          kind: BUDGET_EVENT_KIND,
          listSk: `${event.createdAt}#${budgetPk(subject)}#${event.kind === 'EXHAUSTED' ? 'EXHAUSTED' : event.thresholdPercent}`,
          eventKind: event.kind,
          ...(event.principalId === null ? {} : { principalId: event.principalId }),
          ...(event.team === null ? {} : { team: event.team }),
          periodKey: event.periodKey,
          thresholdPercent: event.thresholdPercent,
          spentNanoUsd: event.spentNanoUsd,
          limitNanoUsd: event.limitNanoUsd,
          createdAt: event.createdAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return event;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return null;
    throw error;
  }
}

function eventOf(applicable: ApplicableBudget, kind: BudgetEventKind, percent: number, spent: bigint, now: Date): BudgetEventRecord {
  const subject = subjectOf(applicable.budget);
  return {
    kind,
    principalId: subject.kind === 'PRINCIPAL' ? subject.id : null,
    team: subject.kind === 'TEAM' ? subject.id : null,
    periodKey: applicable.periodKey,
    thresholdPercent: percent,
    spentNanoUsd: Number(spent),
    limitNanoUsd: applicable.budget.limitNanoUsd,
    createdAt: now.toISOString(),
  };
}

/**
 * Records an event for every alert percentage the period's spend has reached, and an EXHAUSTED event
 * once the spend reached the limit, each once per period (the event's key is its period and percentage,
 * or EXHAUSTED). Returns the events newly recorded, thresholds in the budget's order, then EXHAUSTED.
 * Safe to repeat: a missed event is recorded by the next invocation's call.
 */
export async function recordThresholdEvents(
  db: DynamoDBDocumentClient,
  table: string,
  applicable: ApplicableBudget,
  now: Date,
): Promise<BudgetEventRecord[]> {
  const { budget, periodKey } = applicable;
  const counter = await readPeriod(db, table, subjectOf(budget), periodKey);
  const spent = BigInt(counter?.spentNanoUsd ?? 0);
  const limit = BigInt(budget.limitNanoUsd);
  const recorded: BudgetEventRecord[] = [];
  for (const percent of budget.alertThresholdsPercent) {
    if (spent * 100n < limit * BigInt(percent)) continue;
    const event = await putEventOnce(db, table, applicable, eventOf(applicable, 'THRESHOLD_CROSSED', percent, spent, now));
    if (event) recorded.push(event);
  }
  if (spent >= limit) {
    const event = await putEventOnce(db, table, applicable, eventOf(applicable, 'EXHAUSTED', 100, spent, now));
    if (event) recorded.push(event);
  }
  return recorded;
}

/**
 * Records that a hard budget refused a request for lack of budget: its period's EXHAUSTED event, once
 * per period. Returns the event when it is new.
 */
export async function recordExhaustedEvent(
  db: DynamoDBDocumentClient,
  table: string,
  applicable: ApplicableBudget,
  now: Date,
): Promise<BudgetEventRecord | null> {
  const counter = await readPeriod(db, table, subjectOf(applicable.budget), applicable.periodKey);
  const spent = BigInt(counter?.spentNanoUsd ?? 0);
  return putEventOnce(db, table, applicable, eventOf(applicable, 'EXHAUSTED', 100, spent, now));
}
