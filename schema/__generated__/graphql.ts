import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: string; output: string; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['AWSDateTime']['output'];
  expiresAt: Maybe<Scalars['AWSDateTime']['output']>;
  keyId: Scalars['ID']['output'];
  /** When the key was last used, to the minute (the authorizer records it at most once a minute); null if never. */
  lastUsedAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** The key's first characters, to recognise it. */
  prefix: Scalars['String']['output'];
  principalId: Scalars['ID']['output'];
  revokedAt: Maybe<Scalars['AWSDateTime']['output']>;
  role: Role;
  status: ApiKeyStatus;
  tags: Array<Tag>;
  team: Maybe<Scalars['ID']['output']>;
  username: Scalars['String']['output'];
};

export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  items: Array<ApiKey>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type ApiKeyStatus =
  | 'ACTIVE'
  | 'REVOKED';

export type AuditConnection = {
  __typename?: 'AuditConnection';
  items: Array<AuditRecord>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type AuditRecord = {
  __typename?: 'AuditRecord';
  /** The mutation: createApiKey, revokeApiKey, rotateApiKey, setPrincipalTeam or setPrice. */
  action: Scalars['String']['output'];
  actorKeyId: Scalars['ID']['output'];
  /** Who did it: principal and key. */
  actorPrincipalId: Scalars['ID']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  /** What changed (never a secret), as JSON. */
  details: Scalars['AWSJSON']['output'];
  id: Scalars['ID']['output'];
  /** What it was done to: a keyId, a principalId (setPrincipalTeam), or a price row (modelId|region|effectiveFrom). */
  target: Scalars['String']['output'];
};

export type Budget = {
  __typename?: 'Budget';
  alertThresholdsPercent: Array<Scalars['Int']['output']>;
  /** The period containing now; null in lists, in mutation results and outside a CUSTOM period. */
  current: Maybe<BudgetPeriodUsage>;
  hard: Scalars['Boolean']['output'];
  limitNanoUsd: Scalars['String']['output'];
  limitUsd: Scalars['String']['output'];
  period: BudgetPeriod;
  periodEnd: Maybe<Scalars['AWSDate']['output']>;
  periodStart: Maybe<Scalars['AWSDate']['output']>;
  /** The principal of a principal's budget; null for a team's. */
  principalId: Maybe<Scalars['ID']['output']>;
  /** The team of a team's budget; null for a principal's. */
  team: Maybe<Scalars['ID']['output']>;
  updatedAt: Scalars['AWSDateTime']['output'];
};

export type BudgetConnection = {
  __typename?: 'BudgetConnection';
  items: Array<Budget>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type BudgetEvent = {
  __typename?: 'BudgetEvent';
  createdAt: Scalars['AWSDateTime']['output'];
  kind: BudgetEventKind;
  limitNanoUsd: Scalars['String']['output'];
  limitUsd: Scalars['String']['output'];
  periodKey: Scalars['String']['output'];
  /** The principal of a principal's budget; null for a team's. */
  principalId: Maybe<Scalars['ID']['output']>;
  spentNanoUsd: Scalars['String']['output'];
  /** Spend of the period when the event was recorded. */
  spentUsd: Scalars['String']['output'];
  /** The team of a team's budget; null for a principal's. */
  team: Maybe<Scalars['ID']['output']>;
  /** The threshold crossed; 100 for EXHAUSTED. */
  thresholdPercent: Scalars['Int']['output'];
};

export type BudgetEventConnection = {
  __typename?: 'BudgetEventConnection';
  items: Array<BudgetEvent>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/** A recorded budget event, as the invoke-model function publishes it (the fields of BudgetEvent). */
export type BudgetEventInput = {
  createdAt: Scalars['AWSDateTime']['input'];
  kind: BudgetEventKind;
  limitNanoUsd: Scalars['String']['input'];
  limitUsd: Scalars['String']['input'];
  periodKey: Scalars['String']['input'];
  principalId?: InputMaybe<Scalars['ID']['input']>;
  spentNanoUsd: Scalars['String']['input'];
  spentUsd: Scalars['String']['input'];
  team?: InputMaybe<Scalars['ID']['input']>;
  thresholdPercent: Scalars['Int']['input'];
};

export type BudgetEventKind =
  /** The budget is used up: spend reached 100 % of the limit, or a hard budget refused a request for lack of budget. */
  | 'EXHAUSTED'
  /** The period's spend reached one of the budget's alert thresholds. */
  | 'THRESHOLD_CROSSED';

export type BudgetPeriod =
  /** One period from periodStart to periodEnd (UTC dates, inclusive); outside it nothing is limited. */
  | 'CUSTOM'
  /** Calendar months, UTC. */
  | 'MONTHLY';

export type BudgetPeriodUsage = {
  __typename?: 'BudgetPeriodUsage';
  /** M<yyyy-mm> for a month, C<start>_<end> for a custom period. */
  periodKey: Scalars['String']['output'];
  remainingNanoUsd: Scalars['String']['output'];
  /** limit − spent − reserved, never below zero. */
  remainingUsd: Scalars['String']['output'];
  reservedNanoUsd: Scalars['String']['output'];
  /** Held by hard-budget reservations of invocations in flight. */
  reservedUsd: Scalars['String']['output'];
  spentNanoUsd: Scalars['String']['output'];
  /** Recorded cost of the period's invocations. */
  spentUsd: Scalars['String']['output'];
};

/** Converse's request body, field by field (reference: Bedrock Runtime Converse). */
export type ConverseInput = {
  /** Converse `additionalModelRequestFields`: model-specific parameters. */
  additionalModelRequestFields?: InputMaybe<Scalars['AWSJSON']['input']>;
  /** As for invokeModel: the same key (per principal) returns the first result and is counted once. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Converse `inferenceConfig`: maxTokens, temperature, topP, stopSequences. A hard budget needs maxTokens. */
  inferenceConfig?: InputMaybe<Scalars['AWSJSON']['input']>;
  /** Converse `messages`: a non-empty list of {role, content: [blocks]}; binary `bytes` as base64 strings. */
  messages: Scalars['AWSJSON']['input'];
  /** A Bedrock model id, inference profile id or ARN. */
  modelId: Scalars['String']['input'];
  /** Converse `system`: a list of system content blocks (text, cachePoint, …). */
  system?: InputMaybe<Scalars['AWSJSON']['input']>;
  /** As for invokeModel: cost-allocation tags added to the key's own. */
  tags?: InputMaybe<Array<TagInput>>;
  /** Converse `toolConfig`: tools and toolChoice. */
  toolConfig?: InputMaybe<Scalars['AWSJSON']['input']>;
};

export type Cost = {
  __typename?: 'Cost';
  /** Integer nano-USD (1e-9 USD) as a string. */
  nanoUsd: Scalars['String']['output'];
  /** False when no price was known for the model in this region: tokens are recorded, cost is zero. */
  priced: Scalars['Boolean']['output'];
  /** Decimal USD string, exact to the nano-dollar. */
  usd: Scalars['String']['output'];
};

export type CreateApiKeyInput = {
  /** When the key stops working; omitted, it never expires. */
  expiresAt?: InputMaybe<Scalars['AWSDateTime']['input']>;
  /** Add the key to an existing principal (for rotation); omitted, a new principal is created. */
  principalId?: InputMaybe<Scalars['ID']['input']>;
  role?: InputMaybe<Role>;
  /** Cost-allocation tags every request of this key carries (at most 10). */
  tags?: InputMaybe<Array<TagInput>>;
  /**
   * The principal's team (cost centre), 1–64 characters of [A-Za-z0-9_.:/+@-]. Omitted with principalId,
   * the principal keeps its team; given with principalId, it must be the principal's team.
   */
  team?: InputMaybe<Scalars['ID']['input']>;
  username: Scalars['String']['input'];
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  expiresAt: Maybe<Scalars['AWSDateTime']['output']>;
  /** The secret. Shown this once; only a keyed hash of it is stored. */
  key: Scalars['String']['output'];
  keyId: Scalars['ID']['output'];
  principalId: Scalars['ID']['output'];
  role: Role;
  tags: Array<Tag>;
  team: Maybe<Scalars['ID']['output']>;
  username: Scalars['String']['output'];
};

export type DayUsage = {
  __typename?: 'DayUsage';
  date: Scalars['AWSDate']['output'];
  totals: UsageTotals;
};

export type Invocation = {
  __typename?: 'Invocation';
  cost: Cost;
  createdAt: Scalars['AWSDateTime']['output'];
  invocationId: Scalars['ID']['output'];
  keyId: Scalars['ID']['output'];
  latencyMs: Scalars['Int']['output'];
  modelId: Scalars['String']['output'];
  /** InvokeModel or Converse. */
  operation: Scalars['String']['output'];
  /** The model the price was looked up under, after normalisation. */
  pricedModelId: Maybe<Scalars['String']['output']>;
  principalId: Scalars['ID']['output'];
  /** Called through a provisioned-throughput ARN: billed per model-unit hour, so recorded unpriced per token. */
  provisioned: Scalars['Boolean']['output'];
  region: Scalars['String']['output'];
  tags: Array<Tag>;
  team: Maybe<Scalars['ID']['output']>;
  usage: TokenUsage;
};

export type InvocationConnection = {
  __typename?: 'InvocationConnection';
  items: Array<Invocation>;
  nextToken: Maybe<Scalars['String']['output']>;
};

/** Narrows the ledger of one principal; every field given must match. */
export type InvocationFilter = {
  /** The API key that made the call. */
  keyId?: InputMaybe<Scalars['ID']['input']>;
  /** The model id as the request gave it. */
  modelId?: InputMaybe<Scalars['String']['input']>;
  /** InvokeModel or Converse. */
  operation?: InputMaybe<Scalars['String']['input']>;
  /** true: only priced invocations; false: only unpriced ones. */
  priced?: InputMaybe<Scalars['Boolean']['input']>;
  /** Invocations carrying this tag. */
  tag?: InputMaybe<TagInput>;
};

export type InvokeModelInput = {
  /** MIME type of the answer; defaults to application/json. */
  accept?: InputMaybe<Scalars['String']['input']>;
  /** The model's native request body (what InvokeModel takes as `body`). */
  body: Scalars['AWSJSON']['input'];
  /** MIME type of the body; defaults to application/json. */
  contentType?: InputMaybe<Scalars['String']['input']>;
  /**
   * Makes the call safe to retry: the same key (per principal) returns the first result and is counted once.
   * 1–128 characters of [A-Za-z0-9_.:-].
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** A Bedrock model id, inference profile id or ARN. */
  modelId: Scalars['String']['input'];
  /** Cost-allocation tags for this request, added to the key's own (at most 10 in all; a key's tag cannot be changed). */
  tags?: InputMaybe<Array<TagInput>>;
};

export type InvokeModelResult = {
  __typename?: 'InvokeModelResult';
  /** Bedrock's response body, unchanged. */
  body: Scalars['AWSJSON']['output'];
  cost: Cost;
  createdAt: Scalars['AWSDateTime']['output'];
  invocationId: Scalars['ID']['output'];
  /** Bedrock's own invocation latency when it reports one, else the measured round trip. */
  latencyMs: Scalars['Int']['output'];
  modelId: Scalars['String']['output'];
  principalId: Scalars['ID']['output'];
  /** Converse's stopReason (end_turn, max_tokens, tool_use, …); null for invokeModel. */
  stopReason: Maybe<Scalars['String']['output']>;
  /** The cost-allocation tags it was recorded under (the key's and the request's). */
  tags: Array<Tag>;
  /** The caller's team when it was recorded; null when the principal has none. */
  team: Maybe<Scalars['ID']['output']>;
  usage: TokenUsage;
};

export type ModelUsage = {
  __typename?: 'ModelUsage';
  modelId: Scalars['String']['output'];
  totals: UsageTotals;
};

export type MonthUsage = {
  __typename?: 'MonthUsage';
  /** yyyy-mm */
  month: Scalars['String']['output'];
  principalId: Maybe<Scalars['ID']['output']>;
  tag: Maybe<Tag>;
  team: Maybe<Scalars['ID']['output']>;
  totals: UsageTotals;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Call Bedrock's Converse API (model-agnostic messages) and record the usage and cost against the caller,
   * with the same guarantees as invokeModel: idempotency, budgets, aggregates.
   */
  converse: InvokeModelResult;
  /** Create an API key (ADMIN only). The secret is returned this once; only its hash is stored. */
  createApiKey: CreatedApiKey;
  /** Remove a principal's or a team's budget (give one of principalId and team; ADMIN only); requests are no longer limited by it. */
  deleteBudget: Budget;
  /** Invoke a Bedrock model exactly as InvokeModel would, and record the usage and cost against the caller. */
  invokeModel: InvokeModelResult;
  /**
   * Price a month's unpriced invocations (ADMIN only) by posting adjustments that the aggregates include;
   * the invocations themselves are never rewritten. Each is priced at the row in effect at its time, else
   * at the row in effect now. Running it again prices only what is still unpriced.
   */
  priceUnpricedUsage: UnpricedPricingRun;
  /** Publishes a budget event to onBudgetEvent subscribers. Called by the invoke-model function (IAM) once the event is recorded; returns its input. */
  publishBudgetEvent: Maybe<BudgetEvent>;
  /** Revoke an API key (ADMIN, or the key's own principal). */
  revokeApiKey: ApiKey;
  /**
   * Rotate an API key (ADMIN, or the key's own principal): a new key for the same principal and role, shown
   * once; the old key keeps working for overlapSeconds (0–604800, default 3600) and then expires.
   */
  rotateApiKey: RotatedApiKey;
  /** Set (create or replace) a principal's or a team's budget (ADMIN only). Spend already recorded in the period counts. */
  setBudget: Budget;
  /**
   * Add a price (ADMIN only) for a model id × Region from a moment on. It never applies to the past:
   * effectiveFrom must not be earlier than now. Rows are immutable; a correction is a newer row.
   */
  setPrice: Price;
  /**
   * Move a principal to another team, or out of any with team null (ADMIN only): every key of the principal
   * records the new team. New invocations count for it once the authorizer's cached decision expires (at
   * most 60 s); recorded invocations keep the team they were charged under. Returns the principal's keys.
   */
  setPrincipalTeam: Array<ApiKey>;
};


export type MutationConverseArgs = {
  input: ConverseInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationDeleteBudgetArgs = {
  principalId: InputMaybe<Scalars['ID']['input']>;
  team: InputMaybe<Scalars['ID']['input']>;
};


export type MutationInvokeModelArgs = {
  input: InvokeModelInput;
};


export type MutationPriceUnpricedUsageArgs = {
  month: Scalars['String']['input'];
};


export type MutationPublishBudgetEventArgs = {
  input: BudgetEventInput;
};


export type MutationRevokeApiKeyArgs = {
  keyId: Scalars['ID']['input'];
};


export type MutationRotateApiKeyArgs = {
  keyId: Scalars['ID']['input'];
  overlapSeconds: InputMaybe<Scalars['Int']['input']>;
};


export type MutationSetBudgetArgs = {
  input: SetBudgetInput;
};


export type MutationSetPriceArgs = {
  input: SetPriceInput;
};


export type MutationSetPrincipalTeamArgs = {
  principalId: Scalars['ID']['input'];
  team: InputMaybe<Scalars['ID']['input']>;
};

/** One immutable row of the price catalogue. */
export type Price = {
  __typename?: 'Price';
  baseModelId: Scalars['String']['output'];
  cacheReadPer1k: Maybe<Scalars['String']['output']>;
  /** The 1-hour cache-write rate, when the row has one. */
  cacheWrite1hPer1k: Maybe<Scalars['String']['output']>;
  /** The 5-minute cache-write rate. */
  cacheWritePer1k: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  createdBy: Scalars['String']['output'];
  effectiveFrom: Scalars['AWSDateTime']['output'];
  inputPer1k: Scalars['String']['output'];
  /** The id the row prices (a base id, or a profile id with its routing prefix). */
  modelId: Scalars['String']['output'];
  outputPer1k: Scalars['String']['output'];
  provider: Scalars['String']['output'];
  /** A Region name, or * for every Region without its own row. */
  region: Scalars['String']['output'];
  source: Scalars['String']['output'];
  /** 'bundled' for the catalogue shipped with the service, else the id setPrice gave the row. */
  version: Scalars['String']['output'];
};

export type PriceConnection = {
  __typename?: 'PriceConnection';
  items: Array<Price>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type Principal = {
  __typename?: 'Principal';
  keyId: Scalars['ID']['output'];
  principalId: Scalars['ID']['output'];
  role: Role;
  /** The key's cost-allocation tags, added to every request it makes. */
  tags: Array<Tag>;
  /** The principal's team (cost centre); null when none. */
  team: Maybe<Scalars['ID']['output']>;
  username: Scalars['String']['output'];
};

/** One entry of topSpenders: a principal, a team or a tag value (by what was ranked). */
export type PrincipalSpend = {
  __typename?: 'PrincipalSpend';
  costNanoUsd: Scalars['String']['output'];
  costUsd: Scalars['String']['output'];
  invocations: Scalars['Int']['output'];
  /** The principal id, team or tag value. */
  key: Scalars['String']['output'];
  month: Scalars['String']['output'];
  principalId: Maybe<Scalars['ID']['output']>;
  tag: Maybe<Tag>;
  team: Maybe<Scalars['ID']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** API keys of a principal (ADMIN: any principal, or all keys when principalId is omitted). */
  apiKeys: ApiKeyConnection;
  /** The audit trail of one UTC day: every key creation, revocation, rotation and team change and every price added, oldest first (ADMIN, FINANCE). */
  auditLog: AuditConnection;
  /**
   * The budget of a principal or of a team (give one of principalId and team) with its current period's
   * spend (USER: own principal and own team; ADMIN, FINANCE: any); null when none is set.
   */
  budget: Maybe<Budget>;
  /** Budget events of a principal's or a team's budget (USER: own principal and own team; ADMIN, FINANCE: any), newest period first. */
  budgetEvents: BudgetEventConnection;
  /** Every budget (ADMIN only), without period spend (ask `budget` for that). */
  budgets: BudgetConnection;
  /**
   * The catalogue price that applies to a model id (base id or system inference profile id) called in a
   * Region at a moment (default: now), by the same rule invocations are priced with; null when none does.
   */
  effectivePrice: Maybe<Price>;
  /**
   * The ledger of invocations of one principal, newest first, one page at a time. With a filter, a page may
   * hold fewer than limit items (even none) while nextToken is set: keep paging until it is null.
   */
  invocations: InvocationConnection;
  /** The caller: principal, key and role, as the authorizer resolved them. */
  me: Principal;
  /** Usage and cost per month (yyyy-mm, inclusive range of at most 36), read from the monthly aggregates (USER: own; ADMIN, FINANCE: any). */
  monthlyUsage: Array<MonthUsage>;
  /**
   * The price catalogue (public list prices: any key may read it), ordered by base model, routing prefix,
   * Region and start. Without history, the rows in effect at `at` (default now), one per model × prefix ×
   * Region; with `history: true`, every row, superseded and future ones too, oldest first per key.
   * `modelId` narrows to one model (a base id: all its rows; a profile id: its prefix's rows), `region`
   * to one Region's rows (or * for the rows that apply in every Region). A page may hold fewer than
   * `limit` rows, even none: keep paging while nextToken is set.
   */
  prices: PriceConnection;
  /** What this API is; reachable with the AppSync API key too, as a connectivity check. */
  serviceInfo: ServiceInfo;
  /**
   * The principals (by default), teams or values of one tag key that spent the most in a month (yyyy-mm),
   * highest first, from the monthly aggregates (ADMIN, FINANCE).
   */
  topSpenders: Array<PrincipalSpend>;
  /** Invocations of a month (yyyy-mm) recorded without a price, oldest first, and whether they were priced later (ADMIN only). */
  unpricedUsage: UnpricedUsageConnection;
  /**
   * Spend per day and per principal, team, model or tag value between two UTC dates (inclusive, at most
   * 366 days), read from rollups: one row per day and value, oldest day first (ADMIN, FINANCE).
   */
  usageBreakdown: UsageBreakdownConnection;
  /**
   * Usage and cost between two UTC dates, inclusive, read from daily aggregates.
   * A caller with role USER always gets their own principal; an ADMIN may name any principal.
   */
  usageSummary: UsageSummary;
};


export type QueryApiKeysArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  principalId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryAuditLogArgs = {
  date: Scalars['AWSDate']['input'];
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
};


export type QueryBudgetArgs = {
  principalId: InputMaybe<Scalars['ID']['input']>;
  team: InputMaybe<Scalars['ID']['input']>;
};


export type QueryBudgetEventsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  principalId: InputMaybe<Scalars['ID']['input']>;
  team: InputMaybe<Scalars['ID']['input']>;
};


export type QueryBudgetsArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
};


export type QueryEffectivePriceArgs = {
  at: InputMaybe<Scalars['AWSDateTime']['input']>;
  modelId: Scalars['String']['input'];
  region: Scalars['String']['input'];
};


export type QueryInvocationsArgs = {
  filter: InputMaybe<InvocationFilter>;
  from: InputMaybe<Scalars['AWSDate']['input']>;
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  principalId: InputMaybe<Scalars['ID']['input']>;
  to: InputMaybe<Scalars['AWSDate']['input']>;
};


export type QueryMonthlyUsageArgs = {
  fromMonth: Scalars['String']['input'];
  principalId: InputMaybe<Scalars['ID']['input']>;
  tag: InputMaybe<TagInput>;
  team: InputMaybe<Scalars['ID']['input']>;
  toMonth: Scalars['String']['input'];
};


export type QueryPricesArgs = {
  at: InputMaybe<Scalars['AWSDateTime']['input']>;
  history: InputMaybe<Scalars['Boolean']['input']>;
  limit: InputMaybe<Scalars['Int']['input']>;
  modelId: InputMaybe<Scalars['String']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  region: InputMaybe<Scalars['String']['input']>;
};


export type QueryTopSpendersArgs = {
  by: InputMaybe<SpendDimension>;
  limit: InputMaybe<Scalars['Int']['input']>;
  month: Scalars['String']['input'];
  tagKey: InputMaybe<Scalars['String']['input']>;
};


export type QueryUnpricedUsageArgs = {
  limit: InputMaybe<Scalars['Int']['input']>;
  month: Scalars['String']['input'];
  nextToken: InputMaybe<Scalars['String']['input']>;
};


export type QueryUsageBreakdownArgs = {
  by: UsageDimension;
  from: Scalars['AWSDate']['input'];
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  tagKey: InputMaybe<Scalars['String']['input']>;
  to: Scalars['AWSDate']['input'];
};


export type QueryUsageSummaryArgs = {
  from: Scalars['AWSDate']['input'];
  principalId: InputMaybe<Scalars['ID']['input']>;
  tag: InputMaybe<TagInput>;
  team: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['AWSDate']['input'];
};

export type Role =
  | 'ADMIN'
  /** Read-only: may read every principal's usage, ledger, budgets and prices; may not invoke models or change anything. */
  | 'FINANCE'
  | 'USER';

export type RotatedApiKey = {
  __typename?: 'RotatedApiKey';
  /** The new key; its secret is shown this once. */
  newKey: CreatedApiKey;
  /** The old key, with the expiry the overlap gave it. */
  previous: ApiKey;
};

export type ServiceInfo = {
  __typename?: 'ServiceInfo';
  name: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type SetBudgetInput = {
  /** Percentages of the limit (1–100, at most 5) whose crossing records a budget event once per period; default [80]. */
  alertThresholdsPercent?: InputMaybe<Array<Scalars['Int']['input']>>;
  /**
   * Hard (the default): a request is refused with BudgetExceeded unless its worst-case cost fits in what is
   * left, reserved before Bedrock is called. Soft: nothing is refused; thresholds record events.
   */
  hard?: InputMaybe<Scalars['Boolean']['input']>;
  /** The limit in USD: a decimal string, more than 0, at most 9000000, at most 9 fraction digits. */
  limitUsd: Scalars['String']['input'];
  /** Defaults to MONTHLY. */
  period?: InputMaybe<BudgetPeriod>;
  /** CUSTOM only: the last day of the period (inclusive). */
  periodEnd?: InputMaybe<Scalars['AWSDate']['input']>;
  /** CUSTOM only: the first day of the period. */
  periodStart?: InputMaybe<Scalars['AWSDate']['input']>;
  /** The principal whose budget this is; give this or team, not both. */
  principalId?: InputMaybe<Scalars['ID']['input']>;
  /** The team (cost centre) whose budget this is: every invocation by a principal of the team counts; give this or principalId. */
  team?: InputMaybe<Scalars['ID']['input']>;
};

export type SetPriceInput = {
  /** USD per 1,000 cache-read tokens; omitted, cache reads are charged at the input rate. */
  cacheReadPer1k?: InputMaybe<Scalars['String']['input']>;
  /** USD per 1,000 tokens written with the 1-hour cache TTL; omitted, 2 × inputPer1k for an anthropic row with a cache-write rate, else the cache-write rate. */
  cacheWrite1hPer1k?: InputMaybe<Scalars['String']['input']>;
  /** USD per 1,000 cache-write tokens; omitted, cache writes are charged at the input rate. */
  cacheWritePer1k?: InputMaybe<Scalars['String']['input']>;
  /** When the price starts to apply; now or later. */
  effectiveFrom: Scalars['AWSDateTime']['input'];
  /** USD per 1,000 input tokens, an exact decimal string (e.g. "0.00025"). */
  inputPer1k: Scalars['String']['input'];
  /** A base model id (anthropic.claude-…) or a system inference profile id with its routing prefix (us.…, global.…). */
  modelId: Scalars['String']['input'];
  /** USD per 1,000 output tokens. */
  outputPer1k: Scalars['String']['input'];
  provider: Scalars['String']['input'];
  /** A Region name (us-east-1), or * for every Region without a row of its own. */
  region: Scalars['String']['input'];
  /** Where the figure comes from (a price page, a contract). */
  source: Scalars['String']['input'];
};

/** What topSpenders ranks. */
export type SpendDimension =
  | 'PRINCIPAL'
  /** Values of one tag key (tagKey). */
  | 'TAG'
  | 'TEAM';

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Budget events as they are recorded. A USER receives only the events of their own principal's budget and
   * of their team's budget, whatever the arguments; an ADMIN or FINANCE key receives everyone's, narrowed by
   * principalId or team.
   */
  onBudgetEvent: Maybe<BudgetEvent>;
  /**
   * Invocations as they are recorded. A USER receives only their own principal's, whatever the arguments;
   * an ADMIN or FINANCE key receives everyone's, narrowed by any of principalId, team and modelId.
   */
  onInvocation: Maybe<InvokeModelResult>;
};


export type SubscriptionOnBudgetEventArgs = {
  principalId: InputMaybe<Scalars['ID']['input']>;
  team: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionOnInvocationArgs = {
  modelId: InputMaybe<Scalars['String']['input']>;
  principalId: InputMaybe<Scalars['ID']['input']>;
  team: InputMaybe<Scalars['ID']['input']>;
};

export type Tag = {
  __typename?: 'Tag';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** A cost-allocation tag: key 1–64 characters of [A-Za-z0-9_.:/=+@-] (not aws:…), value 1–128 of the same plus space. */
export type TagInput = {
  key: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type TokenUsage = {
  __typename?: 'TokenUsage';
  cacheReadInputTokens: Scalars['Int']['output'];
  /** The part of cacheWriteInputTokens written with the 1-hour time to live (0 when Bedrock reports no split). */
  cacheWrite1hInputTokens: Scalars['Int']['output'];
  /** Tokens written to the prompt cache, whatever their time to live. */
  cacheWriteInputTokens: Scalars['Int']['output'];
  /** Input tokens not read from or written to the prompt cache. */
  inputTokens: Scalars['Int']['output'];
  outputTokens: Scalars['Int']['output'];
};

export type UnpricedInvocation = {
  __typename?: 'UnpricedInvocation';
  /** The adjustment's amount in nano-USD, once priced. */
  adjustmentNanoUsd: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['AWSDateTime']['output'];
  invocationId: Scalars['ID']['output'];
  modelId: Scalars['String']['output'];
  /** When an adjustment priced it; null while it is unpriced. */
  pricedAt: Maybe<Scalars['AWSDateTime']['output']>;
  principalId: Scalars['ID']['output'];
  region: Scalars['String']['output'];
  usage: TokenUsage;
};

export type UnpricedPricingRun = {
  __typename?: 'UnpricedPricingRun';
  adjustmentNanoUsd: Scalars['String']['output'];
  adjustmentUsd: Scalars['String']['output'];
  /** Unpriced invocations this run looked at. */
  examined: Scalars['Int']['output'];
  month: Scalars['String']['output'];
  priced: Scalars['Int']['output'];
  /** Still without any price in the catalogue. */
  stillUnpriced: Scalars['Int']['output'];
};

export type UnpricedUsageConnection = {
  __typename?: 'UnpricedUsageConnection';
  items: Array<UnpricedInvocation>;
  nextToken: Maybe<Scalars['String']['output']>;
};

export type UsageBreakdownConnection = {
  __typename?: 'UsageBreakdownConnection';
  by: UsageDimension;
  items: Array<UsageBreakdownRow>;
  nextToken: Maybe<Scalars['String']['output']>;
  tagKey: Maybe<Scalars['String']['output']>;
};

export type UsageBreakdownRow = {
  __typename?: 'UsageBreakdownRow';
  date: Scalars['AWSDate']['output'];
  /** The principal id, team, model id or tag value. */
  key: Scalars['String']['output'];
  totals: UsageTotals;
};

/** What usageBreakdown groups by. */
export type UsageDimension =
  | 'MODEL'
  | 'PRINCIPAL'
  /** Values of one tag key (tagKey). */
  | 'TAG'
  | 'TEAM';

/** Usage of one principal, one team or one tag value (whichever was asked for; the others are null). */
export type UsageSummary = {
  __typename?: 'UsageSummary';
  byDay: Array<DayUsage>;
  byModel: Array<ModelUsage>;
  from: Scalars['AWSDate']['output'];
  principalId: Maybe<Scalars['ID']['output']>;
  tag: Maybe<Tag>;
  team: Maybe<Scalars['ID']['output']>;
  to: Scalars['AWSDate']['output'];
  totals: UsageTotals;
};

export type UsageTotals = {
  __typename?: 'UsageTotals';
  cacheReadInputTokens: Scalars['Float']['output'];
  cacheWriteInputTokens: Scalars['Float']['output'];
  /** Integer nano-USD as a string. */
  costNanoUsd: Scalars['String']['output'];
  /** Decimal USD string. */
  costUsd: Scalars['String']['output'];
  inputTokens: Scalars['Float']['output'];
  invocations: Scalars['Int']['output'];
  outputTokens: Scalars['Float']['output'];
  /** Invocations whose model had no price. */
  unpricedInvocations: Scalars['Int']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AWSDate: ResolverTypeWrapper<Scalars['AWSDate']['output']>;
  AWSDateTime: ResolverTypeWrapper<Scalars['AWSDateTime']['output']>;
  AWSEmail: ResolverTypeWrapper<Scalars['AWSEmail']['output']>;
  AWSIPAddress: ResolverTypeWrapper<Scalars['AWSIPAddress']['output']>;
  AWSJSON: ResolverTypeWrapper<Scalars['AWSJSON']['output']>;
  AWSPhone: ResolverTypeWrapper<Scalars['AWSPhone']['output']>;
  AWSTime: ResolverTypeWrapper<Scalars['AWSTime']['output']>;
  AWSTimestamp: ResolverTypeWrapper<Scalars['AWSTimestamp']['output']>;
  AWSURL: ResolverTypeWrapper<Scalars['AWSURL']['output']>;
  ApiKey: ResolverTypeWrapper<ApiKey>;
  ApiKeyConnection: ResolverTypeWrapper<ApiKeyConnection>;
  ApiKeyStatus: ApiKeyStatus;
  AuditConnection: ResolverTypeWrapper<AuditConnection>;
  AuditRecord: ResolverTypeWrapper<AuditRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Budget: ResolverTypeWrapper<Budget>;
  BudgetConnection: ResolverTypeWrapper<BudgetConnection>;
  BudgetEvent: ResolverTypeWrapper<BudgetEvent>;
  BudgetEventConnection: ResolverTypeWrapper<BudgetEventConnection>;
  BudgetEventInput: BudgetEventInput;
  BudgetEventKind: BudgetEventKind;
  BudgetPeriod: BudgetPeriod;
  BudgetPeriodUsage: ResolverTypeWrapper<BudgetPeriodUsage>;
  ConverseInput: ConverseInput;
  Cost: ResolverTypeWrapper<Cost>;
  CreateApiKeyInput: CreateApiKeyInput;
  CreatedApiKey: ResolverTypeWrapper<CreatedApiKey>;
  DayUsage: ResolverTypeWrapper<DayUsage>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Invocation: ResolverTypeWrapper<Invocation>;
  InvocationConnection: ResolverTypeWrapper<InvocationConnection>;
  InvocationFilter: InvocationFilter;
  InvokeModelInput: InvokeModelInput;
  InvokeModelResult: ResolverTypeWrapper<InvokeModelResult>;
  ModelUsage: ResolverTypeWrapper<ModelUsage>;
  MonthUsage: ResolverTypeWrapper<MonthUsage>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Price: ResolverTypeWrapper<Price>;
  PriceConnection: ResolverTypeWrapper<PriceConnection>;
  Principal: ResolverTypeWrapper<Principal>;
  PrincipalSpend: ResolverTypeWrapper<PrincipalSpend>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  RotatedApiKey: ResolverTypeWrapper<RotatedApiKey>;
  ServiceInfo: ResolverTypeWrapper<ServiceInfo>;
  SetBudgetInput: SetBudgetInput;
  SetPriceInput: SetPriceInput;
  SpendDimension: SpendDimension;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Tag: ResolverTypeWrapper<Tag>;
  TagInput: TagInput;
  TokenUsage: ResolverTypeWrapper<TokenUsage>;
  UnpricedInvocation: ResolverTypeWrapper<UnpricedInvocation>;
  UnpricedPricingRun: ResolverTypeWrapper<UnpricedPricingRun>;
  UnpricedUsageConnection: ResolverTypeWrapper<UnpricedUsageConnection>;
  UsageBreakdownConnection: ResolverTypeWrapper<UsageBreakdownConnection>;
  UsageBreakdownRow: ResolverTypeWrapper<UsageBreakdownRow>;
  UsageDimension: UsageDimension;
  UsageSummary: ResolverTypeWrapper<UsageSummary>;
  UsageTotals: ResolverTypeWrapper<UsageTotals>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AWSDate: Scalars['AWSDate']['output'];
  AWSDateTime: Scalars['AWSDateTime']['output'];
  AWSEmail: Scalars['AWSEmail']['output'];
  AWSIPAddress: Scalars['AWSIPAddress']['output'];
  AWSJSON: Scalars['AWSJSON']['output'];
  AWSPhone: Scalars['AWSPhone']['output'];
  AWSTime: Scalars['AWSTime']['output'];
  AWSTimestamp: Scalars['AWSTimestamp']['output'];
  AWSURL: Scalars['AWSURL']['output'];
  ApiKey: ApiKey;
  ApiKeyConnection: ApiKeyConnection;
  AuditConnection: AuditConnection;
  AuditRecord: AuditRecord;
  Boolean: Scalars['Boolean']['output'];
  Budget: Budget;
  BudgetConnection: BudgetConnection;
  BudgetEvent: BudgetEvent;
  BudgetEventConnection: BudgetEventConnection;
  BudgetEventInput: BudgetEventInput;
  BudgetPeriodUsage: BudgetPeriodUsage;
  ConverseInput: ConverseInput;
  Cost: Cost;
  CreateApiKeyInput: CreateApiKeyInput;
  CreatedApiKey: CreatedApiKey;
  DayUsage: DayUsage;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Invocation: Invocation;
  InvocationConnection: InvocationConnection;
  InvocationFilter: InvocationFilter;
  InvokeModelInput: InvokeModelInput;
  InvokeModelResult: InvokeModelResult;
  ModelUsage: ModelUsage;
  MonthUsage: MonthUsage;
  Mutation: Record<PropertyKey, never>;
  Price: Price;
  PriceConnection: PriceConnection;
  Principal: Principal;
  PrincipalSpend: PrincipalSpend;
  Query: Record<PropertyKey, never>;
  RotatedApiKey: RotatedApiKey;
  ServiceInfo: ServiceInfo;
  SetBudgetInput: SetBudgetInput;
  SetPriceInput: SetPriceInput;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Tag: Tag;
  TagInput: TagInput;
  TokenUsage: TokenUsage;
  UnpricedInvocation: UnpricedInvocation;
  UnpricedPricingRun: UnpricedPricingRun;
  UnpricedUsageConnection: UnpricedUsageConnection;
  UsageBreakdownConnection: UsageBreakdownConnection;
  UsageBreakdownRow: UsageBreakdownRow;
  UsageSummary: UsageSummary;
  UsageTotals: UsageTotals;
};

export type Aws_Api_KeyDirectiveArgs = { };

export type Aws_Api_KeyDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_Api_KeyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_AuthDirectiveArgs = {
  cognito_groups: Maybe<Array<Maybe<Scalars['String']['input']>>>;
};

export type Aws_AuthDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_Cognito_User_PoolsDirectiveArgs = {
  cognito_groups: Maybe<Array<Maybe<Scalars['String']['input']>>>;
};

export type Aws_Cognito_User_PoolsDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_Cognito_User_PoolsDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_IamDirectiveArgs = { };

export type Aws_IamDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_IamDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_LambdaDirectiveArgs = { };

export type Aws_LambdaDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_LambdaDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_OidcDirectiveArgs = { };

export type Aws_OidcDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_OidcDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_PublishDirectiveArgs = {
  subscriptions: Maybe<Array<Maybe<Scalars['String']['input']>>>;
};

export type Aws_PublishDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_PublishDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Aws_SubscribeDirectiveArgs = {
  mutations: Maybe<Array<Maybe<Scalars['String']['input']>>>;
};

export type Aws_SubscribeDirectiveResolver<Result, Parent, ContextType = any, Args = Aws_SubscribeDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface AwsDateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSDate'], any> {
  name: 'AWSDate';
}

export interface AwsDateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSDateTime'], any> {
  name: 'AWSDateTime';
}

export interface AwsEmailScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSEmail'], any> {
  name: 'AWSEmail';
}

export interface AwsipAddressScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSIPAddress'], any> {
  name: 'AWSIPAddress';
}

export interface AwsjsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSJSON'], any> {
  name: 'AWSJSON';
}

export interface AwsPhoneScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSPhone'], any> {
  name: 'AWSPhone';
}

export interface AwsTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSTime'], any> {
  name: 'AWSTime';
}

export interface AwsTimestampScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSTimestamp'], any> {
  name: 'AWSTimestamp';
}

export interface AwsurlScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['AWSURL'], any> {
  name: 'AWSURL';
}

export type ApiKeyResolvers<ContextType = any, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['AWSDateTime']>, ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['AWSDateTime']>, ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['AWSDateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ApiKeyStatus'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ApiKeyConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['ApiKeyConnection'] = ResolversParentTypes['ApiKeyConnection']> = {
  items?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['AuditConnection'] = ResolversParentTypes['AuditConnection']> = {
  items?: Resolver<Array<ResolversTypes['AuditRecord']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditRecordResolvers<ContextType = any, ParentType extends ResolversParentTypes['AuditRecord'] = ResolversParentTypes['AuditRecord']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorKeyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  actorPrincipalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['AWSJSON'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BudgetResolvers<ContextType = any, ParentType extends ResolversParentTypes['Budget'] = ResolversParentTypes['Budget']> = {
  alertThresholdsPercent?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  current?: Resolver<Maybe<ResolversTypes['BudgetPeriodUsage']>, ParentType, ContextType>;
  hard?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  limitNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  limitUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['BudgetPeriod'], ParentType, ContextType>;
  periodEnd?: Resolver<Maybe<ResolversTypes['AWSDate']>, ParentType, ContextType>;
  periodStart?: Resolver<Maybe<ResolversTypes['AWSDate']>, ParentType, ContextType>;
  principalId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
};

export type BudgetConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['BudgetConnection'] = ResolversParentTypes['BudgetConnection']> = {
  items?: Resolver<Array<ResolversTypes['Budget']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BudgetEventResolvers<ContextType = any, ParentType extends ResolversParentTypes['BudgetEvent'] = ResolversParentTypes['BudgetEvent']> = {
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['BudgetEventKind'], ParentType, ContextType>;
  limitNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  limitUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  periodKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principalId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  spentNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  spentUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  thresholdPercent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BudgetEventConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['BudgetEventConnection'] = ResolversParentTypes['BudgetEventConnection']> = {
  items?: Resolver<Array<ResolversTypes['BudgetEvent']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BudgetPeriodUsageResolvers<ContextType = any, ParentType extends ResolversParentTypes['BudgetPeriodUsage'] = ResolversParentTypes['BudgetPeriodUsage']> = {
  periodKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  remainingNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  remainingUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reservedNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reservedUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  spentNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  spentUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CostResolvers<ContextType = any, ParentType extends ResolversParentTypes['Cost'] = ResolversParentTypes['Cost']> = {
  nanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priced?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  usd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = any, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  expiresAt?: Resolver<Maybe<ResolversTypes['AWSDateTime']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DayUsageResolvers<ContextType = any, ParentType extends ResolversParentTypes['DayUsage'] = ResolversParentTypes['DayUsage']> = {
  date?: Resolver<ResolversTypes['AWSDate'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['UsageTotals'], ParentType, ContextType>;
};

export type InvocationResolvers<ContextType = any, ParentType extends ResolversParentTypes['Invocation'] = ResolversParentTypes['Invocation']> = {
  cost?: Resolver<ResolversTypes['Cost'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  invocationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pricedModelId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  provisioned?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  usage?: Resolver<ResolversTypes['TokenUsage'], ParentType, ContextType>;
};

export type InvocationConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['InvocationConnection'] = ResolversParentTypes['InvocationConnection']> = {
  items?: Resolver<Array<ResolversTypes['Invocation']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type InvokeModelResultResolvers<ContextType = any, ParentType extends ResolversParentTypes['InvokeModelResult'] = ResolversParentTypes['InvokeModelResult']> = {
  body?: Resolver<ResolversTypes['AWSJSON'], ParentType, ContextType>;
  cost?: Resolver<ResolversTypes['Cost'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  invocationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  stopReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  usage?: Resolver<ResolversTypes['TokenUsage'], ParentType, ContextType>;
};

export type ModelUsageResolvers<ContextType = any, ParentType extends ResolversParentTypes['ModelUsage'] = ResolversParentTypes['ModelUsage']> = {
  modelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['UsageTotals'], ParentType, ContextType>;
};

export type MonthUsageResolvers<ContextType = any, ParentType extends ResolversParentTypes['MonthUsage'] = ResolversParentTypes['MonthUsage']> = {
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principalId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  tag?: Resolver<Maybe<ResolversTypes['Tag']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['UsageTotals'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = any, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  converse?: Resolver<ResolversTypes['InvokeModelResult'], ParentType, ContextType, RequireFields<MutationConverseArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  deleteBudget?: Resolver<ResolversTypes['Budget'], ParentType, ContextType, Partial<MutationDeleteBudgetArgs>>;
  invokeModel?: Resolver<ResolversTypes['InvokeModelResult'], ParentType, ContextType, RequireFields<MutationInvokeModelArgs, 'input'>>;
  priceUnpricedUsage?: Resolver<ResolversTypes['UnpricedPricingRun'], ParentType, ContextType, RequireFields<MutationPriceUnpricedUsageArgs, 'month'>>;
  publishBudgetEvent?: Resolver<Maybe<ResolversTypes['BudgetEvent']>, ParentType, ContextType, RequireFields<MutationPublishBudgetEventArgs, 'input'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'keyId'>>;
  rotateApiKey?: Resolver<ResolversTypes['RotatedApiKey'], ParentType, ContextType, RequireFields<MutationRotateApiKeyArgs, 'keyId'>>;
  setBudget?: Resolver<ResolversTypes['Budget'], ParentType, ContextType, RequireFields<MutationSetBudgetArgs, 'input'>>;
  setPrice?: Resolver<ResolversTypes['Price'], ParentType, ContextType, RequireFields<MutationSetPriceArgs, 'input'>>;
  setPrincipalTeam?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType, RequireFields<MutationSetPrincipalTeamArgs, 'principalId'>>;
};

export type PriceResolvers<ContextType = any, ParentType extends ResolversParentTypes['Price'] = ResolversParentTypes['Price']> = {
  baseModelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cacheReadPer1k?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cacheWrite1hPer1k?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cacheWritePer1k?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  effectiveFrom?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  inputPer1k?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outputPer1k?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PriceConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['PriceConnection'] = ResolversParentTypes['PriceConnection']> = {
  items?: Resolver<Array<ResolversTypes['Price']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PrincipalResolvers<ContextType = any, ParentType extends ResolversParentTypes['Principal'] = ResolversParentTypes['Principal']> = {
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PrincipalSpendResolvers<ContextType = any, ParentType extends ResolversParentTypes['PrincipalSpend'] = ResolversParentTypes['PrincipalSpend']> = {
  costNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  costUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  invocations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principalId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  tag?: Resolver<Maybe<ResolversTypes['Tag']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = any, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<ResolversTypes['ApiKeyConnection'], ParentType, ContextType, Partial<QueryApiKeysArgs>>;
  auditLog?: Resolver<ResolversTypes['AuditConnection'], ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'date'>>;
  budget?: Resolver<Maybe<ResolversTypes['Budget']>, ParentType, ContextType, Partial<QueryBudgetArgs>>;
  budgetEvents?: Resolver<ResolversTypes['BudgetEventConnection'], ParentType, ContextType, Partial<QueryBudgetEventsArgs>>;
  budgets?: Resolver<ResolversTypes['BudgetConnection'], ParentType, ContextType, Partial<QueryBudgetsArgs>>;
  effectivePrice?: Resolver<Maybe<ResolversTypes['Price']>, ParentType, ContextType, RequireFields<QueryEffectivePriceArgs, 'modelId' | 'region'>>;
  invocations?: Resolver<ResolversTypes['InvocationConnection'], ParentType, ContextType, Partial<QueryInvocationsArgs>>;
  me?: Resolver<ResolversTypes['Principal'], ParentType, ContextType>;
  monthlyUsage?: Resolver<Array<ResolversTypes['MonthUsage']>, ParentType, ContextType, RequireFields<QueryMonthlyUsageArgs, 'fromMonth' | 'toMonth'>>;
  prices?: Resolver<ResolversTypes['PriceConnection'], ParentType, ContextType, Partial<QueryPricesArgs>>;
  serviceInfo?: Resolver<ResolversTypes['ServiceInfo'], ParentType, ContextType>;
  topSpenders?: Resolver<Array<ResolversTypes['PrincipalSpend']>, ParentType, ContextType, RequireFields<QueryTopSpendersArgs, 'month'>>;
  unpricedUsage?: Resolver<ResolversTypes['UnpricedUsageConnection'], ParentType, ContextType, RequireFields<QueryUnpricedUsageArgs, 'month'>>;
  usageBreakdown?: Resolver<ResolversTypes['UsageBreakdownConnection'], ParentType, ContextType, RequireFields<QueryUsageBreakdownArgs, 'by' | 'from' | 'to'>>;
  usageSummary?: Resolver<ResolversTypes['UsageSummary'], ParentType, ContextType, RequireFields<QueryUsageSummaryArgs, 'from' | 'to'>>;
};

export type RotatedApiKeyResolvers<ContextType = any, ParentType extends ResolversParentTypes['RotatedApiKey'] = ResolversParentTypes['RotatedApiKey']> = {
  newKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType>;
  previous?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
};

export type ServiceInfoResolvers<ContextType = any, ParentType extends ResolversParentTypes['ServiceInfo'] = ResolversParentTypes['ServiceInfo']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = any, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  onBudgetEvent?: SubscriptionResolver<Maybe<ResolversTypes['BudgetEvent']>, "onBudgetEvent", ParentType, ContextType, Partial<SubscriptionOnBudgetEventArgs>>;
  onInvocation?: SubscriptionResolver<Maybe<ResolversTypes['InvokeModelResult']>, "onInvocation", ParentType, ContextType, Partial<SubscriptionOnInvocationArgs>>;
};

export type TagResolvers<ContextType = any, ParentType extends ResolversParentTypes['Tag'] = ResolversParentTypes['Tag']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TokenUsageResolvers<ContextType = any, ParentType extends ResolversParentTypes['TokenUsage'] = ResolversParentTypes['TokenUsage']> = {
  cacheReadInputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cacheWrite1hInputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cacheWriteInputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UnpricedInvocationResolvers<ContextType = any, ParentType extends ResolversParentTypes['UnpricedInvocation'] = ResolversParentTypes['UnpricedInvocation']> = {
  adjustmentNanoUsd?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['AWSDateTime'], ParentType, ContextType>;
  invocationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pricedAt?: Resolver<Maybe<ResolversTypes['AWSDateTime']>, ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  usage?: Resolver<ResolversTypes['TokenUsage'], ParentType, ContextType>;
};

export type UnpricedPricingRunResolvers<ContextType = any, ParentType extends ResolversParentTypes['UnpricedPricingRun'] = ResolversParentTypes['UnpricedPricingRun']> = {
  adjustmentNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  adjustmentUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  examined?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priced?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stillUnpriced?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UnpricedUsageConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['UnpricedUsageConnection'] = ResolversParentTypes['UnpricedUsageConnection']> = {
  items?: Resolver<Array<ResolversTypes['UnpricedInvocation']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UsageBreakdownConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['UsageBreakdownConnection'] = ResolversParentTypes['UsageBreakdownConnection']> = {
  by?: Resolver<ResolversTypes['UsageDimension'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['UsageBreakdownRow']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tagKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UsageBreakdownRowResolvers<ContextType = any, ParentType extends ResolversParentTypes['UsageBreakdownRow'] = ResolversParentTypes['UsageBreakdownRow']> = {
  date?: Resolver<ResolversTypes['AWSDate'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['UsageTotals'], ParentType, ContextType>;
};

export type UsageSummaryResolvers<ContextType = any, ParentType extends ResolversParentTypes['UsageSummary'] = ResolversParentTypes['UsageSummary']> = {
  byDay?: Resolver<Array<ResolversTypes['DayUsage']>, ParentType, ContextType>;
  byModel?: Resolver<Array<ResolversTypes['ModelUsage']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['AWSDate'], ParentType, ContextType>;
  principalId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  tag?: Resolver<Maybe<ResolversTypes['Tag']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['AWSDate'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['UsageTotals'], ParentType, ContextType>;
};

export type UsageTotalsResolvers<ContextType = any, ParentType extends ResolversParentTypes['UsageTotals'] = ResolversParentTypes['UsageTotals']> = {
  cacheReadInputTokens?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  cacheWriteInputTokens?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  costNanoUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  costUsd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  invocations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  unpricedInvocations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = any> = {
  AWSDate?: GraphQLScalarType;
  AWSDateTime?: GraphQLScalarType;
  AWSEmail?: GraphQLScalarType;
  AWSIPAddress?: GraphQLScalarType;
  AWSJSON?: GraphQLScalarType;
  AWSPhone?: GraphQLScalarType;
  AWSTime?: GraphQLScalarType;
  AWSTimestamp?: GraphQLScalarType;
  AWSURL?: GraphQLScalarType;
  ApiKey?: ApiKeyResolvers<ContextType>;
  ApiKeyConnection?: ApiKeyConnectionResolvers<ContextType>;
  AuditConnection?: AuditConnectionResolvers<ContextType>;
  AuditRecord?: AuditRecordResolvers<ContextType>;
  Budget?: BudgetResolvers<ContextType>;
  BudgetConnection?: BudgetConnectionResolvers<ContextType>;
  BudgetEvent?: BudgetEventResolvers<ContextType>;
  BudgetEventConnection?: BudgetEventConnectionResolvers<ContextType>;
  BudgetPeriodUsage?: BudgetPeriodUsageResolvers<ContextType>;
  Cost?: CostResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DayUsage?: DayUsageResolvers<ContextType>;
  Invocation?: InvocationResolvers<ContextType>;
  InvocationConnection?: InvocationConnectionResolvers<ContextType>;
  InvokeModelResult?: InvokeModelResultResolvers<ContextType>;
  ModelUsage?: ModelUsageResolvers<ContextType>;
  MonthUsage?: MonthUsageResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Price?: PriceResolvers<ContextType>;
  PriceConnection?: PriceConnectionResolvers<ContextType>;
  Principal?: PrincipalResolvers<ContextType>;
  PrincipalSpend?: PrincipalSpendResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RotatedApiKey?: RotatedApiKeyResolvers<ContextType>;
  ServiceInfo?: ServiceInfoResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Tag?: TagResolvers<ContextType>;
  TokenUsage?: TokenUsageResolvers<ContextType>;
  UnpricedInvocation?: UnpricedInvocationResolvers<ContextType>;
  UnpricedPricingRun?: UnpricedPricingRunResolvers<ContextType>;
  UnpricedUsageConnection?: UnpricedUsageConnectionResolvers<ContextType>;
  UsageBreakdownConnection?: UsageBreakdownConnectionResolvers<ContextType>;
  UsageBreakdownRow?: UsageBreakdownRowResolvers<ContextType>;
  UsageSummary?: UsageSummaryResolvers<ContextType>;
  UsageTotals?: UsageTotalsResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = any> = {
  aws_api_key?: Aws_Api_KeyDirectiveResolver<any, any, ContextType>;
  aws_auth?: Aws_AuthDirectiveResolver<any, any, ContextType>;
  aws_cognito_user_pools?: Aws_Cognito_User_PoolsDirectiveResolver<any, any, ContextType>;
  aws_iam?: Aws_IamDirectiveResolver<any, any, ContextType>;
  aws_lambda?: Aws_LambdaDirectiveResolver<any, any, ContextType>;
  aws_oidc?: Aws_OidcDirectiveResolver<any, any, ContextType>;
  aws_publish?: Aws_PublishDirectiveResolver<any, any, ContextType>;
  aws_subscribe?: Aws_SubscribeDirectiveResolver<any, any, ContextType>;
};
