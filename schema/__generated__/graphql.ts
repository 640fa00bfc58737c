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
  /** The key's first characters, to recognise it. */
  prefix: Scalars['String']['output'];
  principalId: Scalars['ID']['output'];
  revokedAt: Maybe<Scalars['AWSDateTime']['output']>;
  role: Role;
  status: ApiKeyStatus;
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
  /** The model the price was looked up under, after normalisation. */
  pricedModelId: Maybe<Scalars['String']['output']>;
  principalId: Scalars['ID']['output'];
  region: Scalars['String']['output'];
  usage: TokenUsage;
};

export type InvocationConnection = {
  __typename?: 'InvocationConnection';
  items: Array<Invocation>;
  nextToken: Maybe<Scalars['String']['output']>;
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
  usage: TokenUsage;
};

export type ModelUsage = {
  __typename?: 'ModelUsage';
  modelId: Scalars['String']['output'];
  totals: UsageTotals;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Create an API key (ADMIN only). The secret is returned this once; only its hash is stored. */
  createApiKey: CreatedApiKey;
  /** Invoke a Bedrock model exactly as InvokeModel would, and record the usage and cost against the caller. */
  invokeModel: InvokeModelResult;
  /** Revoke an API key (ADMIN, or the key's own principal). */
  revokeApiKey: ApiKey;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationInvokeModelArgs = {
  input: InvokeModelInput;
};


export type MutationRevokeApiKeyArgs = {
  keyId: Scalars['ID']['input'];
};

export type Principal = {
  __typename?: 'Principal';
  keyId: Scalars['ID']['output'];
  principalId: Scalars['ID']['output'];
  role: Role;
  username: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** API keys of a principal (ADMIN: any principal, or all keys when principalId is omitted). */
  apiKeys: ApiKeyConnection;
  /** The ledger of invocations, newest first, one page at a time. */
  invocations: InvocationConnection;
  /** The caller: principal, key and role, as the authorizer resolved them. */
  me: Principal;
  /** What this API is; reachable with the AppSync API key too, as a connectivity check. */
  serviceInfo: ServiceInfo;
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


export type QueryInvocationsArgs = {
  from: InputMaybe<Scalars['AWSDate']['input']>;
  limit: InputMaybe<Scalars['Int']['input']>;
  nextToken: InputMaybe<Scalars['String']['input']>;
  principalId: InputMaybe<Scalars['ID']['input']>;
  to: InputMaybe<Scalars['AWSDate']['input']>;
};


export type QueryUsageSummaryArgs = {
  from: Scalars['AWSDate']['input'];
  principalId: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['AWSDate']['input'];
};

export type Role =
  | 'ADMIN'
  | 'USER';

export type ServiceInfo = {
  __typename?: 'ServiceInfo';
  name: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Invocations as they are recorded (served by the local runtime's real-time endpoint). */
  onInvocation: Maybe<InvokeModelResult>;
};


export type SubscriptionOnInvocationArgs = {
  principalId: InputMaybe<Scalars['ID']['input']>;
};

export type TokenUsage = {
  __typename?: 'TokenUsage';
  cacheReadInputTokens: Scalars['Int']['output'];
  cacheWriteInputTokens: Scalars['Int']['output'];
  /** Input tokens not read from or written to the prompt cache. */
  inputTokens: Scalars['Int']['output'];
  outputTokens: Scalars['Int']['output'];
};

export type UsageSummary = {
  __typename?: 'UsageSummary';
  byDay: Array<DayUsage>;
  byModel: Array<ModelUsage>;
  from: Scalars['AWSDate']['output'];
  principalId: Scalars['ID']['output'];
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
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Cost: ResolverTypeWrapper<Cost>;
  CreateApiKeyInput: CreateApiKeyInput;
  CreatedApiKey: ResolverTypeWrapper<CreatedApiKey>;
  DayUsage: ResolverTypeWrapper<DayUsage>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Invocation: ResolverTypeWrapper<Invocation>;
  InvocationConnection: ResolverTypeWrapper<InvocationConnection>;
  InvokeModelInput: InvokeModelInput;
  InvokeModelResult: ResolverTypeWrapper<InvokeModelResult>;
  ModelUsage: ResolverTypeWrapper<ModelUsage>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Principal: ResolverTypeWrapper<Principal>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  ServiceInfo: ResolverTypeWrapper<ServiceInfo>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TokenUsage: ResolverTypeWrapper<TokenUsage>;
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
  Boolean: Scalars['Boolean']['output'];
  Cost: Cost;
  CreateApiKeyInput: CreateApiKeyInput;
  CreatedApiKey: CreatedApiKey;
  DayUsage: DayUsage;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Invocation: Invocation;
  InvocationConnection: InvocationConnection;
  InvokeModelInput: InvokeModelInput;
  InvokeModelResult: InvokeModelResult;
  ModelUsage: ModelUsage;
  Mutation: Record<PropertyKey, never>;
  Principal: Principal;
  Query: Record<PropertyKey, never>;
  ServiceInfo: ServiceInfo;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  TokenUsage: TokenUsage;
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
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['AWSDateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ApiKeyStatus'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ApiKeyConnectionResolvers<ContextType = any, ParentType extends ResolversParentTypes['ApiKeyConnection'] = ResolversParentTypes['ApiKeyConnection']> = {
  items?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  nextToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
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
  pricedModelId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  region?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  usage?: Resolver<ResolversTypes['TokenUsage'], ParentType, ContextType>;
};

export type ModelUsageResolvers<ContextType = any, ParentType extends ResolversParentTypes['ModelUsage'] = ResolversParentTypes['ModelUsage']> = {
  modelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['UsageTotals'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = any, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  invokeModel?: Resolver<ResolversTypes['InvokeModelResult'], ParentType, ContextType, RequireFields<MutationInvokeModelArgs, 'input'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'keyId'>>;
};

export type PrincipalResolvers<ContextType = any, ParentType extends ResolversParentTypes['Principal'] = ResolversParentTypes['Principal']> = {
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = any, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<ResolversTypes['ApiKeyConnection'], ParentType, ContextType, Partial<QueryApiKeysArgs>>;
  invocations?: Resolver<ResolversTypes['InvocationConnection'], ParentType, ContextType, Partial<QueryInvocationsArgs>>;
  me?: Resolver<ResolversTypes['Principal'], ParentType, ContextType>;
  serviceInfo?: Resolver<ResolversTypes['ServiceInfo'], ParentType, ContextType>;
  usageSummary?: Resolver<ResolversTypes['UsageSummary'], ParentType, ContextType, RequireFields<QueryUsageSummaryArgs, 'from' | 'to'>>;
};

export type ServiceInfoResolvers<ContextType = any, ParentType extends ResolversParentTypes['ServiceInfo'] = ResolversParentTypes['ServiceInfo']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = any, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  onInvocation?: SubscriptionResolver<Maybe<ResolversTypes['InvokeModelResult']>, "onInvocation", ParentType, ContextType, Partial<SubscriptionOnInvocationArgs>>;
};

export type TokenUsageResolvers<ContextType = any, ParentType extends ResolversParentTypes['TokenUsage'] = ResolversParentTypes['TokenUsage']> = {
  cacheReadInputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cacheWriteInputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UsageSummaryResolvers<ContextType = any, ParentType extends ResolversParentTypes['UsageSummary'] = ResolversParentTypes['UsageSummary']> = {
  byDay?: Resolver<Array<ResolversTypes['DayUsage']>, ParentType, ContextType>;
  byModel?: Resolver<Array<ResolversTypes['ModelUsage']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['AWSDate'], ParentType, ContextType>;
  principalId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
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
  Cost?: CostResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DayUsage?: DayUsageResolvers<ContextType>;
  Invocation?: InvocationResolvers<ContextType>;
  InvocationConnection?: InvocationConnectionResolvers<ContextType>;
  InvokeModelResult?: InvokeModelResultResolvers<ContextType>;
  ModelUsage?: ModelUsageResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Principal?: PrincipalResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ServiceInfo?: ServiceInfoResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TokenUsage?: TokenUsageResolvers<ContextType>;
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
