/**
 * `BedrockLedgerApi`: the whole bedrock-ledger service as one construct a team can drop into its own
 * CDK app. It builds, from resolvers/manifest.ts and resolvers/tables.ts, the tables, the key-hashing
 * secret, the Lambda functions (each bound to exactly the tables, secret, queue and Bedrock access its
 * manifest entry declares), the AppSync API with its resolvers, the ledger-write fallback queue when
 * the manifest asks for one, the dashboard and alarms, and optionally a WAF web ACL. The cdk-nag
 * findings it knowingly accepts are acknowledged here, each with its reason (see nag-acknowledgements.ts).
 *
 * ```ts
 * new BedrockLedgerApi(stack, 'Ledger', { alarmEmail: 'platform@example.com', ledgerRetentionDays: 400 });
 * ```
 */
import { Duration } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API, FUNCTIONS } from '../../resolvers/manifest.ts';
import type { FunctionDefinition, FunctionName } from '../../resolvers/manifest.ts';
import { LedgerGraphqlApi, queryLimitsProblem } from './graphql-api.ts';
import { KeySecret } from './key-secret.ts';
import { LedgerFallbackQueue } from './ledger-fallback-queue.ts';
import { LedgerMonitoring, monitoringProblem } from './monitoring.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';
import { NodeFunction, modelIdsProblem } from './node-function.ts';
import { LedgerTables } from './tables.ts';
import { LedgerWebAcl, rateLimitProblem } from './web-acl.ts';

/** Levels of the functions' logs (functions/lib/logger.ts). */
export type FunctionLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface BedrockLedgerApiProps {
  /**
   * Name of the AppSync API.
   * @default API.name ("bedrock-ledger")
   */
  readonly apiName?: string;
  /**
   * How long an authorizer decision is cached, in seconds (0 to 3600): AppSync's results cache and the
   * authorizer's own ttlOverride. A revoked key keeps working for at most this long.
   * @default 60
   */
  readonly authorizerTtlSeconds?: number;
  /**
   * Level of the functions' logs (LOG_LEVEL).
   * @default 'info'
   */
  readonly logLevel?: FunctionLogLevel;
  /**
   * AppSync field-level log level. Request and response bodies are never logged, whatever the level.
   * @default appsync.FieldLogLevel.ERROR
   */
  readonly apiFieldLogLevel?: appsync.FieldLogLevel;
  /**
   * Retention of the API's and the functions' log groups.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Days ledger invocation items are kept before DynamoDB's TTL removes them (1 to 36500), passed to
   * the invoke-model function as LEDGER_RETENTION_DAYS. Aggregates are never expired.
   * @default - invocation items are kept forever
   */
  readonly ledgerRetentionDays?: number;
  /**
   * Region Bedrock is called in (and priced for), e.g. to reach a model the stack's region lacks.
   * @default - the stack's region
   */
  readonly bedrockRegion?: string;
  /**
   * The only model ids and cross-region inference profile ids the API may invoke (IAM enforces it).
   * @default - every foundation model and every inference profile of the account
   */
  readonly bedrockModelIds?: readonly string[];
  /**
   * Concurrent executions reserved for each function, which also caps it (and so caps concurrent
   * Bedrock calls); `false` reserves none, for accounts whose concurrency quota is still 10.
   * @default DEFAULT_RESERVED_CONCURRENCY: invokeModel 50, authorizer 20, any other function 2
   */
  readonly reservedConcurrency?: Readonly<Partial<Record<FunctionName, number>>> | false;
  /**
   * Deepest nesting a GraphQL query may have (1 to 75).
   * @default 10
   */
  readonly queryDepthLimit?: number;
  /**
   * Most resolvers one GraphQL request may run (1 to 10000).
   * @default 200
   */
  readonly resolverCountLimit?: number;
  /**
   * Puts an AWS WAF web ACL (managed rules and a per-IP rate limit) in front of the API. WAF costs about
   * 5 USD a month for the ACL and 1 USD per rule, before requests.
   * @default false
   */
  readonly waf?: boolean;
  /**
   * Requests one IP address may make in 5 minutes when `waf` is on.
   * @default 2000
   */
  readonly wafRateLimitPer5Minutes?: number;
  /**
   * Email address subscribed to the alarm topic.
   * @default - no subscription; subscribe to the AlarmTopic output yourself
   */
  readonly alarmEmail?: string;
  /**
   * Spend over 24 hours, in whole US dollars, that raises the daily-spend alarm.
   * @default 100
   */
  readonly dailySpendThresholdUsd?: number;
  /**
   * DynamoDB deletion protection on the keys and ledger tables.
   * @default true
   */
  readonly tableDeletionProtection?: boolean;
}

export const DEFAULT_RESERVED_CONCURRENCY: Readonly<Partial<Record<FunctionName, number>>> = { invokeModel: 50, authorizer: 20 };
/** Reserved concurrency of a function DEFAULT_RESERVED_CONCURRENCY does not name (admin and background work). */
export const DEFAULT_OTHER_RESERVED_CONCURRENCY = 2;

/** The concurrency reserved for a function when the props do not say. */
export function defaultReservedConcurrency(name: FunctionName): number {
  return DEFAULT_RESERVED_CONCURRENCY[name] ?? DEFAULT_OTHER_RESERVED_CONCURRENCY;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const LOG_LEVELS: readonly FunctionLogLevel[] = ['debug', 'info', 'warn', 'error'];

export class BedrockLedgerApi extends Construct {
  readonly tables: LedgerTables;
  readonly keySecret: KeySecret;
  readonly functions: Readonly<Record<FunctionName, NodeFunction>>;
  readonly graphqlApi: LedgerGraphqlApi;
  /** The ledger-write fallback queue, when a function of the manifest declares `fallbackQueue`. */
  readonly fallbackQueue: LedgerFallbackQueue | undefined;
  readonly monitoring: LedgerMonitoring;
  readonly webAcl: LedgerWebAcl | undefined;

  /** The GraphQL endpoint. */
  readonly graphqlUrl: string;
  /** The WebSocket endpoint for subscriptions. */
  readonly realtimeUrl: string;
  /** The id of the AppSync API key (API_KEY auth, `serviceInfo` only), when API_KEY is an auth mode. */
  readonly apiKeyId: string | undefined;
  /** The keys table's name, for `bedrock-ledger keys create --table-name`. */
  readonly keysTableName: string;
  /** The console URL of the CloudWatch dashboard. */
  readonly dashboardUrl: string;

  constructor(scope: Construct, id: string, props: BedrockLedgerApiProps = {}) {
    super(scope, id);
    const fail = (message: string): never => {
      throw new Error(`BedrockLedgerApi ${this.node.path}: ${message}`);
    };
    const authorizerTtlSeconds = props.authorizerTtlSeconds ?? API.authorizer.resultTtlSeconds;
    if (!Number.isInteger(authorizerTtlSeconds) || authorizerTtlSeconds < 0 || authorizerTtlSeconds > 3600) {
      fail(`authorizerTtlSeconds must be an integer from 0 to 3600, got ${authorizerTtlSeconds}`);
    }
    const logLevel = props.logLevel ?? 'info';
    if (!LOG_LEVELS.includes(logLevel)) fail(`logLevel must be one of ${LOG_LEVELS.join(', ')}, got "${String(logLevel)}"`);
    const retention = props.ledgerRetentionDays;
    if (retention !== undefined && (!Number.isInteger(retention) || retention < 1 || retention > 36500)) {
      fail(`ledgerRetentionDays must be an integer from 1 to 36500, got ${retention}`);
    }
    if (props.bedrockRegion !== undefined && !REGION.test(props.bedrockRegion)) {
      fail(`bedrockRegion must be an AWS region such as us-east-1, got "${props.bedrockRegion}"`);
    }
    const functionNames = Object.keys(FUNCTIONS) as FunctionName[];
    const reservations = props.reservedConcurrency;
    const concurrency: Partial<Record<FunctionName, number>> =
      reservations === false ? {} : Object.fromEntries(functionNames.map((name) => [name, reservations?.[name] ?? defaultReservedConcurrency(name)]));
    for (const [name, value] of Object.entries(concurrency)) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
        fail(`reservedConcurrency.${name} must be a positive integer (or pass reservedConcurrency: false to reserve none), got ${value}`);
      }
    }
    if (props.apiName !== undefined && !/^[A-Za-z0-9_ -]{1,65}$/.test(props.apiName)) {
      fail(`apiName must be 1 to 65 letters, digits, spaces, hyphens or underscores, got "${props.apiName}"`);
    }
    // The parts' own checks, run before anything is built so a bad setting fails at once.
    const problem =
      modelIdsProblem(props.bedrockModelIds) ??
      queryLimitsProblem(props) ??
      (props.waf ? rateLimitProblem(props.wafRateLimitPer5Minutes) : undefined) ??
      monitoringProblem(props);
    if (problem !== undefined) fail(problem);

    this.tables = new LedgerTables(this, 'Tables', { deletionProtection: props.tableDeletionProtection ?? true });
    this.keySecret = new KeySecret(this, 'KeySecret');
    const needsQueue = (Object.values(FUNCTIONS) as FunctionDefinition[]).some(declaresFallbackQueue);
    this.fallbackQueue = needsQueue ? new LedgerFallbackQueue(this, 'LedgerFallbackQueue') : undefined;

    // Every FUNCTIONS entry, so a function added to the manifest is deployed without an edit here.
    this.functions = Object.fromEntries(
      functionNames.map((name) => [name, this.createFunction(name, props, logLevel, concurrency[name])]),
    ) as Record<FunctionName, NodeFunction>;
    this.functions[API.authorizer.function].addEnvironment('AUTHORIZER_TTL_SECONDS', String(authorizerTtlSeconds));
    if (retention !== undefined) this.functions.invokeModel.addEnvironment('LEDGER_RETENTION_DAYS', String(retention));

    this.graphqlApi = new LedgerGraphqlApi(this, 'GraphqlApi', {
      functions: this.lambdaFunctions(),
      tables: this.tables.tables,
      authorizerResultsCacheTtl: Duration.seconds(authorizerTtlSeconds),
      ...(props.apiName === undefined ? {} : { name: props.apiName }),
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      ...(props.apiFieldLogLevel === undefined ? {} : { fieldLogLevel: props.apiFieldLogLevel }),
      ...(props.queryDepthLimit === undefined ? {} : { queryDepthLimit: props.queryDepthLimit }),
      ...(props.resolverCountLimit === undefined ? {} : { resolverCountLimit: props.resolverCountLimit }),
    });

    // Functions that call IAM-only fields of this API (publishBudgetEvent) get its URL and exactly those fields.
    for (const name of functionNames) {
      const fields: readonly string[] = graphqlFieldsOf(FUNCTIONS[name]);
      if (fields.length > 0) this.grantGraphqlFields(this.functions[name], fields);
    }

    this.webAcl = props.waf
      ? new LedgerWebAcl(this, 'WebAcl', {
          apiArn: this.graphqlApi.api.arn,
          ...(props.wafRateLimitPer5Minutes === undefined ? {} : { rateLimitPer5Minutes: props.wafRateLimitPer5Minutes }),
        })
      : undefined;

    this.monitoring = new LedgerMonitoring(this, 'Monitoring', {
      functions: this.lambdaFunctions(),
      ...(this.fallbackQueue === undefined ? {} : { fallbackQueue: this.fallbackQueue.queue }),
      ...(props.alarmEmail === undefined ? {} : { alarmEmail: props.alarmEmail }),
      ...(props.dailySpendThresholdUsd === undefined ? {} : { dailySpendThresholdUsd: props.dailySpendThresholdUsd }),
    });

    this.graphqlUrl = this.graphqlApi.api.graphqlUrl;
    this.realtimeUrl = this.graphqlApi.realtimeUrl;
    this.apiKeyId = this.graphqlApi.apiKeyId;
    this.keysTableName = this.tables.tables.keys.tableName;
    this.dashboardUrl = this.monitoring.dashboardUrl;

    acknowledgeNagFindings({
      root: this,
      functions: Object.values(this.functions).map((nodeFunction) => nodeFunction.function),
      api: this.graphqlApi.api,
      keySecret: this.keySecret.secret,
      fallbackQueue: this.fallbackQueue?.queue,
    });
  }

  /** GRAPHQL_URL and `appsync:GraphQL` on exactly these `Type.field` coordinates of the API, nothing else. */
  private grantGraphqlFields(fn: NodeFunction, coordinates: readonly string[]): void {
    const api = this.graphqlApi.api;
    const byType = new Map<string, string[]>();
    for (const coordinate of coordinates) {
      const [typeName, fieldName, ...rest] = coordinate.split('.');
      if (!typeName || !fieldName || rest.length > 0) throw new Error(`BedrockLedgerApi ${this.node.path}: "${coordinate}" is not a Type.field coordinate`);
      byType.set(typeName, [...(byType.get(typeName) ?? []), fieldName]);
    }
    for (const [typeName, fieldNames] of byType) {
      api.grant(fn.function, appsync.IamResource.ofType(typeName, ...fieldNames), 'appsync:GraphQL');
    }
    fn.addEnvironment('GRAPHQL_URL', api.graphqlUrl);
  }

  private lambdaFunctions(): Record<FunctionName, NodeFunction['function']> {
    return Object.fromEntries(Object.entries<NodeFunction>(this.functions).map(([name, fn]) => [name, fn.function])) as Record<FunctionName, NodeFunction['function']>;
  }

  /** A function of FUNCTIONS, with exactly the tables, secret, queue and Bedrock access its entry declares. */
  private createFunction(name: FunctionName, props: BedrockLedgerApiProps, logLevel: FunctionLogLevel, reserved: number | undefined): NodeFunction {
    const definition: FunctionDefinition = FUNCTIONS[name];
    const fn = new NodeFunction(this, name, {
      entry: definition.entry,
      description: definition.description,
      timeout: Duration.seconds(definition.timeoutSeconds),
      memorySize: definition.memoryMb,
      environment: { LOG_LEVEL: logLevel },
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
      ...(reserved === undefined ? {} : { reservedConcurrentExecutions: reserved }),
    });
    for (const [envName, binding] of Object.entries(definition.tables)) {
      fn.bindTable(envName, this.tables.table(binding.table), binding.access);
    }
    if (definition.keySecret) this.keySecret.bind(fn);
    if (definition.bedrock) {
      fn.grantInvokeBedrock(props.bedrockModelIds === undefined ? {} : { modelIds: props.bedrockModelIds });
      if (props.bedrockRegion !== undefined) fn.addEnvironment('BEDROCK_REGION', props.bedrockRegion);
    }
    if (declaresFallbackQueue(definition) && this.fallbackQueue !== undefined) this.fallbackQueue.bind(fn);
    return fn;
  }
}

/** The IAM-only fields a manifest entry calls (`graphqlFields`), or none. */
export function graphqlFieldsOf(definition: object): readonly string[] {
  if (!('graphqlFields' in definition) || !Array.isArray(definition.graphqlFields)) return [];
  return definition.graphqlFields.filter((field): field is string => typeof field === 'string');
}

/** Whether a manifest entry asks for the ledger-write fallback queue (`fallbackQueue: true`). */
export function declaresFallbackQueue(definition: object): boolean {
  return 'fallbackQueue' in definition && definition.fallbackQueue === true;
}
