/**
 * The AppSync GraphQL API, built from resolvers/manifest.ts: schema/schema.graphql as is, the auth
 * modes of API, a data source per DATA_SOURCES entry, a function per STEPS entry and a resolver per
 * RESOLVERS entry, every piece of code bundled by resolvers/build.ts's `bundleResolver`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Expiration } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PROJECT_ROOT, bundleResolver } from '../../resolvers/build.ts';
import { API, DATA_SOURCES, RESOLVERS, STEPS, resolverCodePath, stepCodePath } from '../../resolvers/manifest.ts';
import type {
  AuthMode,
  Coordinate,
  DataSourceDefinition,
  DataSourceName,
  FunctionName,
  ResolverDefinition,
  StepName,
} from '../../resolvers/manifest.ts';
import type { TableName } from '../../resolvers/tables.ts';

export interface LedgerGraphqlApiProps {
  /** The Lambda functions of FUNCTIONS: the authorizer and the Lambda data sources. */
  readonly functions: Readonly<Record<FunctionName, lambda.IFunction>>;
  /** The tables of TABLES, for the DynamoDB data sources. */
  readonly tables: Readonly<Record<TableName, dynamodb.ITable>>;
  /**
   * How long AppSync caches an authorizer decision (0 to 3600 seconds; the authorizer may lower it per key).
   * @default Duration.seconds(API.authorizer.resultTtlSeconds)
   */
  readonly authorizerResultsCacheTtl?: Duration;
  /**
   * How long the API's log group keeps events.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * When the API key (additional API_KEY auth, e.g. for `serviceInfo`) expires, 1 to 365 days from now.
   * @default - AppSync's default: 7 days after the key is created
   */
  readonly apiKeyExpires?: Expiration;
  /**
   * @default API.name
   */
  readonly name?: string;
  /**
   * Field-level log level of the API's request logs. Request and response bodies (verbose content) are
   * never logged, whatever the level.
   * @default appsync.FieldLogLevel.ERROR
   */
  readonly fieldLogLevel?: appsync.FieldLogLevel;
  /**
   * Deepest nesting a query may have (1 to 75); deeper queries are refused before any resolver runs.
   * @default 10
   */
  readonly queryDepthLimit?: number;
  /**
   * Most resolvers one request may run (1 to 10000), a bound on a query's cost.
   * @default 200
   */
  readonly resolverCountLimit?: number;
}

export const DEFAULT_QUERY_DEPTH_LIMIT: number = API.limits.queryDepth;
export const DEFAULT_RESOLVER_COUNT_LIMIT: number = API.limits.resolverCount;

/** What is wrong with the query limits, if anything (so a composing construct can check before building). */
export function queryLimitsProblem(props: Pick<LedgerGraphqlApiProps, 'queryDepthLimit' | 'resolverCountLimit'>): string | undefined {
  const depth = props.queryDepthLimit ?? DEFAULT_QUERY_DEPTH_LIMIT;
  if (!Number.isInteger(depth) || depth < 1 || depth > 75) return `queryDepthLimit must be an integer from 1 to 75, got ${depth}`;
  const count = props.resolverCountLimit ?? DEFAULT_RESOLVER_COUNT_LIMIT;
  if (!Number.isInteger(count) || count < 1 || count > 10000) return `resolverCountLimit must be an integer from 1 to 10000, got ${count}`;
  return undefined;
}

export class LedgerGraphqlApi extends Construct {
  readonly api: appsync.GraphqlApi;
  readonly logGroup: logs.LogGroup;
  /** The WebSocket URL for subscriptions. */
  readonly realtimeUrl: string;
  /** The id of the API key, when API_KEY is an auth mode. */
  readonly apiKeyId: string | undefined;
  /** The AppSync function of each STEPS entry. */
  readonly steps: ReadonlyMap<StepName, appsync.AppsyncFunction>;
  /** The resolver of each RESOLVERS entry. */
  readonly resolvers: ReadonlyMap<Coordinate, appsync.Resolver>;

  constructor(scope: Construct, id: string, props: LedgerGraphqlApiProps) {
    super(scope, id);
    const ttl = props.authorizerResultsCacheTtl ?? Duration.seconds(API.authorizer.resultTtlSeconds);
    const ttlSeconds = ttl.toSeconds();
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 3600) {
      throw new Error(`LedgerGraphqlApi ${this.node.path}: authorizerResultsCacheTtl must be whole seconds from 0 to 3600, got ${ttlSeconds}`);
    }
    const queryDepthLimit = props.queryDepthLimit ?? DEFAULT_QUERY_DEPTH_LIMIT;
    const resolverCountLimit = props.resolverCountLimit ?? DEFAULT_RESOLVER_COUNT_LIMIT;
    const limitsProblem = queryLimitsProblem(props);
    if (limitsProblem !== undefined) throw new Error(`LedgerGraphqlApi ${this.node.path}: ${limitsProblem}`);
    const schemaPath = resolve(PROJECT_ROOT, API.schemaPath);
    if (/^\s*directive\s+@aws_/m.test(readFileSync(schemaPath, 'utf8'))) {
      throw new Error(`LedgerGraphqlApi ${this.node.path}: ${API.schemaPath} declares AppSync's own directives; keep them in ${API.toolingSchemaPath}, which is never deployed`);
    }

    const modes = (mode: AuthMode): appsync.AuthorizationMode =>
      authorizationMode(mode, props.functions[API.authorizer.function], ttl, props.apiKeyExpires);
    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: props.name ?? API.name,
      definition: appsync.Definition.fromFile(schemaPath),
      authorizationConfig: {
        defaultAuthorization: modes(API.defaultAuth),
        additionalAuthorizationModes: API.additionalAuth.map(modes),
      },
      environmentVariables: { ...API.environment },
      xrayEnabled: true,
      queryDepthLimit,
      resolverCountLimit,
    });
    const cfnApi = this.api.node.defaultChild;
    if (!(cfnApi instanceof appsync.CfnGraphQLApi)) throw new Error(`LedgerGraphqlApi ${this.node.path}: GraphqlApi has no CfnGraphQLApi`);
    this.realtimeUrl = cfnApi.attrRealtimeUrl;
    const apiKey = this.api.node.tryFindChild('DefaultApiKey');
    this.apiKeyId = apiKey instanceof appsync.CfnApiKey ? apiKey.attrApiKeyId : undefined;

    // Logging is wired by hand: GraphqlApi's logConfig adds a log-retention custom resource (one more
    // Lambda and a `logs:*Retention*` grant on `*`); a plain log group with retention needs neither.
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logsRole = new iam.Role(this, 'LogsRole', { assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com') });
    this.logGroup.grantWrite(logsRole);
    cfnApi.logConfig = {
      cloudWatchLogsRoleArn: logsRole.roleArn,
      fieldLogLevel: props.fieldLogLevel ?? appsync.FieldLogLevel.ERROR,
      excludeVerboseContent: true,
    };

    const dataSources = new Map<DataSourceName, appsync.BaseDataSource>();
    for (const [name, definition] of entries<DataSourceName, DataSourceDefinition>(DATA_SOURCES)) {
      dataSources.set(name, this.addDataSource(name, definition, props));
    }
    const dataSource = (name: DataSourceName): appsync.BaseDataSource => {
      const found = dataSources.get(name);
      if (!found) throw new Error(`LedgerGraphqlApi ${this.node.path}: no data source "${name}" in DATA_SOURCES`);
      return found;
    };

    const stepScope = new Construct(this, 'Steps');
    const steps = new Map<StepName, appsync.AppsyncFunction>();
    this.steps = steps;
    for (const [step, definition] of entries<StepName, { readonly dataSource: DataSourceName }>(STEPS)) {
      steps.set(
        step,
        new appsync.AppsyncFunction(stepScope, step, {
          api: this.api,
          name: appsyncName(step),
          dataSource: dataSource(definition.dataSource),
          runtime: appsync.FunctionRuntime.JS_1_0_0,
          code: this.code(stepCodePath(step)),
        }),
      );
    }

    const resolverScope = new Construct(this, 'Resolvers');
    const resolvers = new Map<Coordinate, appsync.Resolver>();
    this.resolvers = resolvers;
    for (const [coordinate, definition] of entries<Coordinate, ResolverDefinition>(RESOLVERS)) {
      const [typeName, fieldName] = splitCoordinate(coordinate);
      const common = {
        api: this.api,
        typeName,
        fieldName,
        runtime: appsync.FunctionRuntime.JS_1_0_0,
        code: this.code(resolverCodePath(coordinate)),
      };
      const resolver = new appsync.Resolver(
        resolverScope,
        coordinate,
        definition.kind === 'UNIT'
          ? { ...common, dataSource: dataSource(definition.dataSource) }
          : {
              ...common,
              pipelineConfig: definition.steps.map((step) => {
                const fn = steps.get(step);
                if (!fn) throw new Error(`LedgerGraphqlApi ${this.node.path}: ${coordinate} uses step "${step}", which is not in STEPS`);
                return fn;
              }),
            },
      );
      resolvers.set(coordinate, resolver);
    }
  }

  private addDataSource(name: DataSourceName, definition: DataSourceDefinition, props: LedgerGraphqlApiProps): appsync.BaseDataSource {
    switch (definition.kind) {
      case 'DYNAMODB':
        return new appsync.DynamoDbDataSource(this, `${name}DataSource`, {
          api: this.api,
          table: props.tables[definition.table],
          name,
          readOnlyAccess: definition.access === 'read',
        });
      case 'LAMBDA':
        return this.api.addLambdaDataSource(name, props.functions[definition.function], { name });
      case 'NONE':
        return this.api.addNoneDataSource(name, { name });
    }
  }

  private code(codePath: string): appsync.Code {
    if (!existsSync(resolve(PROJECT_ROOT, codePath))) {
      throw new Error(`LedgerGraphqlApi ${this.node.path}: ${codePath} does not exist; write it or remove its entry from resolvers/manifest.ts`);
    }
    return appsync.Code.fromInline(bundleResolver(codePath));
  }
}

function authorizationMode(
  mode: AuthMode,
  authorizer: lambda.IFunction,
  resultsCacheTtl: Duration,
  apiKeyExpires: Expiration | undefined,
): appsync.AuthorizationMode {
  switch (mode) {
    case 'AWS_LAMBDA':
      return { authorizationType: appsync.AuthorizationType.LAMBDA, lambdaAuthorizerConfig: { handler: authorizer, resultsCacheTtl } };
    case 'AWS_IAM':
      return { authorizationType: appsync.AuthorizationType.IAM };
    case 'API_KEY':
      return {
        authorizationType: appsync.AuthorizationType.API_KEY,
        apiKeyConfig: {
          description: 'Reaches only fields marked @aws_api_key (serviceInfo)',
          ...(apiKeyExpires ? { expires: apiKeyExpires } : {}),
        },
      };
  }
}

/** `Query.usageSummary` → [`Query`, `usageSummary`]. */
function splitCoordinate(coordinate: Coordinate): [string, string] {
  const [typeName, fieldName, ...rest] = coordinate.split('.');
  if (!typeName || !fieldName || rest.length > 0) throw new Error(`"${coordinate}" is not a Type.field schema coordinate`);
  return [typeName, fieldName];
}

/** AppSync function names allow only [_A-Za-z][_0-9A-Za-z]*: `find-key-by-id` → `findKeyById`. */
function appsyncName(step: string): string {
  return step.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Object.entries keeping the manifest's key type (the manifests are closed `as const` records). */
function entries<K extends string, V>(record: Readonly<Record<K, V>>): Array<[K, V]> {
  return Object.entries(record) as Array<[K, V]>;
}
