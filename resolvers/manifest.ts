/**
 * The one description of the API's wiring: data sources, Lambda functions, resolvers and auth.
 * `infra/` turns it into CDK constructs and `local/` into the local runtime, so a resolver added here
 * is deployed and served locally without being written twice.
 */
import type { TableName } from './tables.ts';

export type AuthMode = 'API_KEY' | 'AWS_LAMBDA' | 'AWS_IAM';

export interface FunctionDefinition {
  /** Handler module, bundled by resolvers/build.ts; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Tables the function is bound to: env var name → table and access. */
  readonly tables: Readonly<Record<string, { readonly table: TableName; readonly access: 'read' | 'readWrite' }>>;
  /** Calls Bedrock Runtime. */
  readonly bedrock?: boolean;
  /** Reads the key-hashing secret. */
  readonly keySecret?: boolean;
  /**
   * Keeps invocations whose ledger write failed for replay: deployed, an SQS queue whose URL the
   * function reads from LEDGER_FALLBACK_QUEUE_URL (send permission); locally, a JSON-lines file in the
   * data directory (LEDGER_FALLBACK_DIR).
   */
  readonly fallbackQueue?: boolean;
  /**
   * IAM-only (`@aws_iam`) fields of this API the function calls over HTTPS with SigV4 (e.g. to publish
   * to subscribers): deployed, it gets GRAPHQL_URL and `appsync:GraphQL` on exactly these fields;
   * locally, GRAPHQL_URL and a local signing key pair the local API accepts.
   */
  readonly graphqlFields?: readonly `${'Query' | 'Mutation'}.${string}`[];
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export const FUNCTIONS = {
  invokeModel: {
    entry: 'functions/invoke-model/handler.ts',
    description: 'Invokes a Bedrock model and records usage and cost in the ledger',
    tables: {
      LEDGER_TABLE: { table: 'ledger', access: 'readWrite' },
      BUDGETS_TABLE: { table: 'budgets', access: 'readWrite' },
      PRICES_TABLE: { table: 'prices', access: 'read' },
    },
    bedrock: true,
    fallbackQueue: true,
    graphqlFields: ['Mutation.publishBudgetEvent'],
    timeoutSeconds: 300,
    memoryMb: 256,
  },
  priceUnpricedUsage: {
    entry: 'functions/price-unpriced-usage/handler.ts',
    description: 'Prices unpriced invocations later by posting ledger adjustments',
    tables: {
      LEDGER_TABLE: { table: 'ledger', access: 'readWrite' },
      PRICES_TABLE: { table: 'prices', access: 'read' },
    },
    timeoutSeconds: 300,
    memoryMb: 256,
  },
  createApiKey: {
    entry: 'functions/create-api-key/handler.ts',
    description: 'Mints API keys (storing their keyed hash) and moves principals to another team',
    tables: { KEYS_TABLE: { table: 'keys', access: 'readWrite' } },
    keySecret: true,
    timeoutSeconds: 10,
    memoryMb: 128,
  },
  authorizer: {
    entry: 'functions/authorizer/handler.ts',
    description: 'AppSync Lambda authorizer over hashed API keys',
    tables: { KEYS_TABLE: { table: 'keys', access: 'readWrite' } },
    keySecret: true,
    timeoutSeconds: 10,
    memoryMb: 128,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof FUNCTIONS;

export type DataSourceDefinition =
  /** `read` data sources get read-only IAM access deployed. */
  | { readonly kind: 'DYNAMODB'; readonly table: TableName; readonly access: 'read' | 'readWrite' }
  | { readonly kind: 'LAMBDA'; readonly function: FunctionName }
  | { readonly kind: 'NONE' };

export const DATA_SOURCES = {
  keysTable: { kind: 'DYNAMODB', table: 'keys', access: 'readWrite' },
  ledgerTable: { kind: 'DYNAMODB', table: 'ledger', access: 'read' },
  budgetsTable: { kind: 'DYNAMODB', table: 'budgets', access: 'readWrite' },
  pricesTable: { kind: 'DYNAMODB', table: 'prices', access: 'readWrite' },
  auditTable: { kind: 'DYNAMODB', table: 'audit', access: 'readWrite' },
  invokeModelFunction: { kind: 'LAMBDA', function: 'invokeModel' },
  createApiKeyFunction: { kind: 'LAMBDA', function: 'createApiKey' },
  priceUnpricedUsageFunction: { kind: 'LAMBDA', function: 'priceUnpricedUsage' },
  none: { kind: 'NONE' },
} as const satisfies Record<string, DataSourceDefinition>;

export type DataSourceName = keyof typeof DATA_SOURCES;

/** Pipeline functions (steps), each in resolvers/steps/<name>.ts. */
export const STEPS = {
  'require-admin': { dataSource: 'none' },
  'find-key-by-id': { dataSource: 'keysTable' },
  'revoke-key': { dataSource: 'keysTable' },
  'mint-key': { dataSource: 'createApiKeyFunction' },
  'mint-rotated-key': { dataSource: 'createApiKeyFunction' },
  'expire-key': { dataSource: 'keysTable' },
  'set-principal-team': { dataSource: 'createApiKeyFunction' },
  'put-price': { dataSource: 'pricesTable' },
  'read-period-spend': { dataSource: 'ledgerTable' },
  'put-budget': { dataSource: 'budgetsTable' },
  'seed-period-spend': { dataSource: 'budgetsTable' },
  'record-audit': { dataSource: 'auditTable' },
} as const satisfies Record<string, { readonly dataSource: DataSourceName }>;

export type StepName = keyof typeof STEPS;

export type ResolverDefinition =
  | { readonly kind: 'UNIT'; readonly dataSource: DataSourceName }
  | { readonly kind: 'PIPELINE'; readonly steps: readonly StepName[] };

/**
 * Resolvers by schema coordinate; the code of each is resolvers/<coordinate>.ts.
 * A test checks this list against the schema in both directions.
 */
export const RESOLVERS = {
  'Query.me': { kind: 'UNIT', dataSource: 'none' },
  'Query.usageSummary': { kind: 'UNIT', dataSource: 'ledgerTable' },
  'Query.usageBreakdown': { kind: 'UNIT', dataSource: 'ledgerTable' },
  'Query.invocations': { kind: 'UNIT', dataSource: 'ledgerTable' },
  'Query.apiKeys': { kind: 'UNIT', dataSource: 'keysTable' },
  'Query.serviceInfo': { kind: 'UNIT', dataSource: 'none' },
  'Mutation.invokeModel': { kind: 'UNIT', dataSource: 'invokeModelFunction' },
  'Mutation.converse': { kind: 'UNIT', dataSource: 'invokeModelFunction' },
  'Mutation.createApiKey': { kind: 'PIPELINE', steps: ['require-admin', 'mint-key', 'record-audit'] },
  'Mutation.revokeApiKey': { kind: 'PIPELINE', steps: ['find-key-by-id', 'revoke-key', 'record-audit'] },
  'Mutation.rotateApiKey': { kind: 'PIPELINE', steps: ['find-key-by-id', 'mint-rotated-key', 'expire-key', 'record-audit'] },
  'Mutation.setPrincipalTeam': { kind: 'PIPELINE', steps: ['require-admin', 'set-principal-team', 'record-audit'] },
  'Subscription.onInvocation': { kind: 'UNIT', dataSource: 'none' },
  'Query.budget': { kind: 'UNIT', dataSource: 'budgetsTable' },
  'Query.budgets': { kind: 'UNIT', dataSource: 'budgetsTable' },
  'Query.budgetEvents': { kind: 'UNIT', dataSource: 'budgetsTable' },
  'Mutation.setBudget': { kind: 'PIPELINE', steps: ['read-period-spend', 'put-budget', 'seed-period-spend'] },
  'Mutation.deleteBudget': { kind: 'UNIT', dataSource: 'budgetsTable' },
  'Mutation.publishBudgetEvent': { kind: 'UNIT', dataSource: 'none' },
  'Subscription.onBudgetEvent': { kind: 'UNIT', dataSource: 'none' },
  'Query.effectivePrice': { kind: 'UNIT', dataSource: 'pricesTable' },
  'Query.prices': { kind: 'UNIT', dataSource: 'pricesTable' },
  'Mutation.setPrice': { kind: 'PIPELINE', steps: ['put-price', 'record-audit'] },
  'Query.auditLog': { kind: 'UNIT', dataSource: 'auditTable' },
  'Query.unpricedUsage': { kind: 'UNIT', dataSource: 'ledgerTable' },
  'Query.monthlyUsage': { kind: 'UNIT', dataSource: 'ledgerTable' },
  'Query.topSpenders': { kind: 'UNIT', dataSource: 'ledgerTable' },
  'Mutation.priceUnpricedUsage': { kind: 'UNIT', dataSource: 'priceUnpricedUsageFunction' },
} as const satisfies Record<string, ResolverDefinition>;

export type Coordinate = keyof typeof RESOLVERS;

export const resolverCodePath = (coordinate: Coordinate): string => `resolvers/${coordinate}.ts`;
export const stepCodePath = (step: StepName): string => `resolvers/steps/${step}.ts`;

export const API = {
  name: 'bedrock-ledger',
  schemaPath: 'schema/schema.graphql',
  /** Tooling-only declarations of AppSync's scalars and directives. */
  toolingSchemaPath: 'schema/appsync.graphql',
  defaultAuth: 'AWS_LAMBDA',
  /** API_KEY reaches the @aws_api_key fields; AWS_IAM the @aws_iam ones (functions publishing to subscribers). */
  additionalAuth: ['API_KEY', 'AWS_IAM'],
  authorizer: {
    function: 'authorizer',
    /** API-level cache of authorizer decisions; the authorizer may lower it per token (ttlOverride). */
    resultTtlSeconds: 60,
  },
  /** Environment variables visible to resolvers as ctx.env. */
  environment: { SERVICE_NAME: 'bedrock-ledger', SERVICE_VERSION: '0.1.0' },
  /** AppSync's queryDepthLimit (1–75) and resolverCountLimit (1–10,000), enforced locally too. */
  limits: { queryDepth: 10, resolverCount: 200 },
} as const satisfies {
  readonly name: string;
  readonly schemaPath: string;
  readonly toolingSchemaPath: string;
  readonly defaultAuth: AuthMode;
  readonly additionalAuth: readonly AuthMode[];
  readonly authorizer: { readonly function: FunctionName; readonly resultTtlSeconds: number };
  readonly environment: Readonly<Record<string, string>>;
  readonly limits: { readonly queryDepth: number; readonly resolverCount: number };
};
