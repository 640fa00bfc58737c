/**
 * What every paid Bedrock call goes through, whatever the operation (InvokeModel, Converse): claim
 * the idempotency key, reserve the worst case against the hard budgets (the principal's and its team's,
 * in one transaction), call Bedrock, price the usage exactly, and record it with its aggregates and the
 * budgets' settlements in one transaction — or,
 * if that write still fails, keep it for replay. Bedrock failures release the key and the reservation
 * and record nothing (a failed call costs nothing).
 */
import { randomUUID } from 'node:crypto';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../../resolvers/lib/identity.ts';
import type { Cost, TokenUsage } from '../../schema/__generated__/graphql.ts';
import {
  applicableBudgets,
  recordExhaustedEvent,
  recordThresholdEvents,
  releaseReservation,
  requiredReservation,
  reserveBudgets,
  type ApplicableBudget,
  type BudgetEventRecord,
  type BudgetSettlement,
  type CostEstimate,
  type Reservation,
} from '../lib/budget.ts';
import { BudgetExceededError } from '../lib/errors.ts';
import { budgetPk, subjectOf } from '../../resolvers/lib/budget-keys.ts';
import { claimIdempotencyKey, recordInvocation, releaseIdempotencyKey, requestHash, type LedgerEntry, type StoredResult } from '../lib/ledger.ts';
import { fallbackRecord, type FallbackRecord, type LedgerFallback } from '../lib/ledger-fallback.ts';
import { computeCost } from '../lib/money.ts';
import { findPriceAt, type DatedPriceMatch } from '../lib/price-catalogue.ts';
import { findPrice, normalizeModelId, type ModelIdKind } from '../lib/pricing.ts';
import type { InferenceProfileResolver } from '../lib/inference-profiles.ts';
import { BUNDLED_EFFECTIVE_FROM, BUNDLED_VERSION } from '../../resolvers/lib/price-keys.ts';
import type { ExtractedUsage } from '../lib/usage.ts';
import { callerTags, mergeTags } from '../lib/tags.ts';
import { tagList } from '../../resolvers/lib/tags.ts';
import { toTokenUsage } from '../../resolvers/lib/invocation.ts';

export interface InvokeDependencies {
  readonly db: DynamoDBDocumentClient;
  readonly ledgerTable: string;
  /** The budgets table; without it no budget is enforced (tests of the ledger alone). */
  readonly budgetsTable?: string;
  /** The price catalogue table; without it the bundled catalogue prices alone. */
  readonly pricesTable?: string;
  /** Resolves application inference profile ARNs to the model they route to, for pricing. */
  readonly profiles?: InferenceProfileResolver;
  readonly bedrock: BedrockRuntimeClient;
  /** The Region Bedrock is called in, and priced for. */
  readonly region: string;
  readonly now?: () => Date;
  /** Days ledger items are kept before DynamoDB TTL removes them; unset keeps them for ever. */
  readonly ledgerRetentionDays?: number;
  /** Told about failures that must not fail a paid call (budget events). */
  readonly onWarning?: (message: string, error: unknown) => void;
  /**
   * Told about each budget event once it is durably recorded (deployed and locally: published to
   * onBudgetEvent subscribers). Best-effort: a failure is passed to onWarning, never to the client.
   */
  readonly onBudgetEvent?: (event: BudgetEventRecord) => Promise<void>;
  /** Keeps invocations whose ledger write failed after its retries, for replay. */
  readonly fallback?: LedgerFallback;
  /**
   * Told once per paid Bedrock call, after it was recorded (or kept for replay) — never for an
   * idempotent replay of an earlier result, so metrics count each call once.
   */
  readonly onPaidCall?: (result: PaidResultBase) => void;
  /** Told when an invocation went to the fallback instead of the ledger. */
  readonly onFallback?: (record: FallbackRecord, error: unknown) => void;
}

/** Bedrock's answer to one call, reduced to what the ledger needs plus the payload for the client. */
export interface PaidAnswer {
  readonly usage: ExtractedUsage;
  /** Bedrock's response, as the JSON the client gets back in `body`. */
  readonly body: unknown;
  readonly requestId: string | null;
  readonly roundTripMs: number;
}

/** The parts of the result (InvokeModelResult) the runner fills in for both operations. */
export interface PaidResultBase extends StoredResult {
  readonly invocationId: string;
  readonly principalId: string;
  readonly modelId: string;
  readonly body: string;
  readonly usage: TokenUsage;
  readonly cost: Cost;
  readonly latencyMs: number;
  readonly createdAt: string;
  readonly team: string | null;
  readonly tags: { key: string; value: string }[];
}

export interface PaidCall<R extends PaidResultBase> {
  /** 'InvokeModel' or 'Converse', recorded on the ledger item. */
  readonly operation: string;
  readonly modelId: string;
  readonly idempotencyKey: string | null;
  /** The request's own cost-allocation tags, validated; the key's are added to them. */
  readonly tags: Readonly<Record<string, string>>;
  /** What makes two requests "the same" for the idempotency key (the operation is added). */
  readonly fingerprint: unknown;
  readonly estimate: CostEstimate;
  call(): Promise<PaidAnswer>;
  /** The operation's result from the common fields and the answer. */
  result(base: PaidResultBase, answer: PaidAnswer): R;
}

export async function runPaidCall<R extends PaidResultBase>(deps: InvokeDependencies, caller: Caller, paid: PaidCall<R>): Promise<R> {
  const now = deps.now ?? (() => new Date());
  const invocationId = randomUUID();
  const tags = mergeTags(callerTags(caller.tags), paid.tags);
  const team = caller.team ? caller.team : null;
  const idempotency = paid.idempotencyKey
    ? { principalId: caller.principalId, idempotencyKey: paid.idempotencyKey, invocationId }
    : null;
  if (idempotency) {
    const claim = await claimIdempotencyKey<R>(deps.db, deps.ledgerTable, {
      ...idempotency,
      requestHash: requestHash(paid.operation === 'InvokeModel' ? paid.fingerprint : { operation: paid.operation, request: paid.fingerprint }),
      now: now(),
    });
    // Results kept before invocations carried a team and tags replay without them.
    if (claim.kind === 'replay') return { ...claim.result, team: claim.result.team ?? null, tags: claim.result.tags ?? [] };
  }
  const target = await pricingTarget(deps, paid.modelId);
  const price: DatedPriceMatch | null = deps.pricesTable
    ? await findPriceAt(deps.db, deps.pricesTable, target.modelId, target.region, now().toISOString())
    : bundledPrice(target.modelId, target.region);

  // The principal's budget and its team's: both must fit, both are settled.
  let budgets: ApplicableBudget[] = [];
  let reservations: Reservation[] = [];
  let answer: PaidAnswer;
  try {
    if (deps.budgetsTable) {
      budgets = await applicableBudgets(deps.db, deps.budgetsTable, { principalId: caller.principalId, team: caller.team }, now());
      const hard = budgets.filter((applicable) => applicable.budget.hard);
      const first = hard[0];
      if (first) {
        const amountNanoUsd = requiredReservation(first, paid.estimate, price?.rates ?? null);
        reservations = await reserveBudgets(deps.db, deps.budgetsTable, hard, { invocationId, amountNanoUsd, now: now() });
      }
    }
    answer = await paid.call();
  } catch (error) {
    if (deps.budgetsTable) {
      for (const reservation of reservations) await releaseReservation(deps.db, deps.budgetsTable, reservation);
      if (error instanceof BudgetExceededError && error.reason === 'INSUFFICIENT_BUDGET') {
        await budgetExhausted(deps, deps.budgetsTable, budgets, error, now());
      }
    }
    if (idempotency) await releaseIdempotencyKey(deps.db, deps.ledgerTable, idempotency);
    throw error;
  }

  const { usage } = answer;
  const cost = price ? computeCost(usage, price.rates) : null;
  const createdAt = now().toISOString();
  const latencyMs = usage.latencyMs ?? answer.roundTripMs;
  const entry: LedgerEntry = {
    invocationId,
    principalId: caller.principalId,
    keyId: caller.keyId,
    modelId: paid.modelId,
    operation: paid.operation,
    team,
    tags,
    pricedModelId: price?.pricedModelId ?? null,
    modelIdKind: target.kind,
    resolvedModelId: target.resolvedModelId,
    ...(target.kind === 'provisioned-model' ? { provisioned: true } : {}),
    region: deps.region,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadInputTokens: usage.cacheReadInputTokens,
    cacheWriteInputTokens: usage.cacheWriteInputTokens,
    cacheWrite1hInputTokens: usage.cacheWrite1hInputTokens,
    costNanoUsd: Number(cost?.nanoUsd ?? 0n),
    costExactNanoUsd: cost?.exactNanoUsd ?? '0',
    priced: price !== null,
    rates: price ? { ...price.rates } : null,
    priceRegion: price?.region ?? null,
    priceSource: price?.source ?? null,
    priceVersion: price?.version ?? null,
    priceEffectiveFrom: price?.effectiveFrom ?? null,
    usageSource: usage.source,
    bedrockRequestId: answer.requestId,
    idempotencyKey: paid.idempotencyKey,
    latencyMs,
    createdAt,
    ...(deps.ledgerRetentionDays === undefined ? {} : { ttl: Math.floor(Date.parse(createdAt) / 1000) + deps.ledgerRetentionDays * 86_400 }),
  };
  const result = paid.result(
    {
      invocationId,
      principalId: caller.principalId,
      modelId: paid.modelId,
      body: JSON.stringify(answer.body),
      usage: toTokenUsage(usage),
      cost: { usd: cost?.usd ?? '0.000000000', nanoUsd: (cost?.nanoUsd ?? 0n).toString(), priced: price !== null },
      latencyMs,
      createdAt,
      team,
      tags: tagList(tags),
    },
    answer,
  );
  const budgetsTable = deps.budgetsTable;
  const settlements: BudgetSettlement[] = budgetsTable
    ? budgets.map((applicable) => {
        const subject = subjectOf(applicable.budget);
        return {
          table: budgetsTable,
          subject,
          periodKey: applicable.periodKey,
          limitNanoUsd: applicable.budget.limitNanoUsd,
          reservation: reservations.find((held) => budgetPk(held.subject) === budgetPk(subject)) ?? null,
        };
      })
    : [];
  try {
    await recordInvocation(deps.db, deps.ledgerTable, entry, result, { budgets: settlements });
  } catch (error) {
    // Bedrock has been paid: keep the record durably for replay, and still answer the client.
    if (!deps.fallback) throw error;
    const record = fallbackRecord(entry, result, settlements, error, now());
    await deps.fallback.keep(record);
    deps.onFallback?.(record, error);
    deps.onPaidCall?.(result);
    return result;
  }
  deps.onPaidCall?.(result);
  if (budgetsTable) {
    // The call is paid and recorded; a missed event is recorded by the principal's next invocation.
    for (const applicable of budgets) {
      const events = await recordThresholdEvents(deps.db, budgetsTable, applicable, now()).catch((error: unknown) => {
        deps.onWarning?.('budget threshold events not recorded', error);
        return [];
      });
      await publishBudgetEvents(deps, events);
    }
  }
  return result;
}

function bundledPrice(modelId: string, region: string): DatedPriceMatch | null {
  const match = findPrice(modelId, region);
  return match ? { ...match, version: BUNDLED_VERSION, effectiveFrom: BUNDLED_EFFECTIVE_FROM } : null;
}

interface PricingTarget {
  /** The id and Region the price is looked up under. */
  readonly modelId: string;
  readonly region: string;
  readonly kind: ModelIdKind;
  /** For an application inference profile, the model it routes to. */
  readonly resolvedModelId: string | null;
}

/**
 * What to price: the id as given, except an application inference profile ARN, which prices as the
 * model it routes to (in the ARN's Region). Provisioned-throughput ARNs are billed per hour, not per
 * token: they stay unpriced here and are flagged on the ledger item.
 */
async function pricingTarget(deps: InvokeDependencies, modelId: string): Promise<PricingTarget> {
  const model = normalizeModelId(modelId, deps.region);
  if (model.kind !== 'application-inference-profile' || !deps.profiles) {
    return { modelId, region: deps.region, kind: model.kind, resolvedModelId: null };
  }
  const resolved = await deps.profiles.resolve(normalizeArn(modelId));
  return resolved
    ? { modelId: resolved.modelId, region: model.sourceRegion, kind: model.kind, resolvedModelId: resolved.modelId }
    : { modelId, region: deps.region, kind: model.kind, resolvedModelId: null };
}

const normalizeArn = (modelId: string): string => (modelId.includes('%') ? decodeURIComponent(modelId) : modelId);

/** A hard budget refused a request for lack of budget: record (once per period) and publish its EXHAUSTED event. */
async function budgetExhausted(
  deps: InvokeDependencies,
  table: string,
  budgets: readonly ApplicableBudget[],
  refusal: BudgetExceededError,
  now: Date,
): Promise<void> {
  const refused = budgets.find((applicable) => budgetPk(subjectOf(applicable.budget)) === budgetPk(refusal.subject));
  if (!refused) return;
  const event = await recordExhaustedEvent(deps.db, table, refused, now).catch((error: unknown) => {
    deps.onWarning?.('budget exhausted event not recorded', error);
    return null;
  });
  await publishBudgetEvents(deps, event ? [event] : []);
}

/** Publishes recorded budget events, best-effort: a failure is a warning, never the client's error. */
async function publishBudgetEvents(deps: InvokeDependencies, events: readonly BudgetEventRecord[]): Promise<void> {
  const publish = deps.onBudgetEvent;
  if (!publish) return;
  for (const event of events) {
    await publish(event).catch((error: unknown) => deps.onWarning?.('budget event not published', error));
  }
}
