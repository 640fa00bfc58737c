import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { bundleFunction, bundleResolver, PROJECT_ROOT } from '../resolvers/build.ts';
import {
  API,
  DATA_SOURCES,
  FUNCTIONS,
  RESOLVERS,
  STEPS,
  resolverCodePath,
  stepCodePath,
  type Coordinate,
  type DataSourceName,
  type FunctionName,
  type StepName,
} from '../resolvers/manifest.ts';
import { TABLES, type TableName } from '../resolvers/tables.ts';
import { createDynamoDbDataSource } from './data-sources/dynamodb.ts';
import { createLambdaDataSource } from './data-sources/lambda.ts';
import { createNoneDataSource } from './data-sources/none.ts';
import { AuthorizerCache } from './graphql/authorizer-cache.ts';
import { createGraphqlApi } from './graphql/execute.ts';
import { runResolverLoader } from './graphql/loader.ts';
import type { DataSourceClient, RunnableResolver } from './graphql/resolver-runner.ts';
import { buildAppSyncSchema } from './graphql/schema.ts';
import { LambdaHost } from './lambda/host.ts';
import { createSubscriptionHub, type SubscriptionHub } from './realtime/hub.ts';

export interface LocalApiOptions {
  readonly dynamodb: DynamoDBClient;
  readonly dynamodbEndpoint: string;
  /** Physical table names. */
  readonly tables: Readonly<Record<TableName, string>>;
  readonly region: string;
  /** Environment for the functions' Bedrock client: endpoint and credentials. */
  readonly bedrockEnvironment: Readonly<Record<string, string>>;
  readonly keyHashSecret: string;
  /** The AppSync API_KEY-mode key. */
  readonly appSyncApiKey: string;
  readonly authorizerTtlSeconds?: number;
  /** Where functions with `fallbackQueue` keep invocations whose ledger write failed (a JSON-lines file). */
  readonly ledgerFallbackDir?: string;
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /**
   * This API's own GraphQL URL, known once its server listens. Functions whose manifest entry lists
   * `graphqlFields` get it as GRAPHQL_URL, with a signing key pair this API accepts for AWS_IAM.
   */
  readonly graphqlUrl?: () => string;
}

export type LocalApi = ReturnType<typeof createGraphqlApi> & {
  /** This API's live subscriptions; mutations publish into it (reference §6.1). */
  readonly subscriptions: SubscriptionHub;
  stop(): Promise<void>;
};

/**
 * The local AppSync API, built from the same description infra/ deploys: the manifest's resolvers
 * (bundled by the one bundler and run in the APPSYNC_JS sandbox), its Lambda functions (bundled and
 * run in worker threads), its data sources and its auth modes.
 */
export function createLocalApi(options: LocalApiOptions): LocalApi {
  // The one identity AWS_IAM requests may sign with here: made per API instance, handed only to the
  // functions the manifest lets call IAM-only fields.
  const iamCredentials = {
    accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
    userArn: 'arn:aws:iam::000000000000:role/bedrock-ledger-local-functions',
  };
  const functions = new Map<FunctionName, LambdaHost>();
  for (const [name, definition] of Object.entries(FUNCTIONS) as [FunctionName, (typeof FUNCTIONS)[FunctionName]][]) {
    const environment: Record<string, string> = {
      AWS_REGION: options.region,
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      LOG_LEVEL: options.logLevel ?? 'warn',
      AUTHORIZER_TTL_SECONDS: String(options.authorizerTtlSeconds ?? API.authorizer.resultTtlSeconds),
      ...options.bedrockEnvironment,
    };
    const bindings: Readonly<Record<string, { readonly table: TableName }>> = definition.tables;
    for (const [variable, binding] of Object.entries(bindings)) environment[variable] = options.tables[binding.table];
    if ('keySecret' in definition && definition.keySecret) environment.KEY_HASH_SECRET = options.keyHashSecret;
    if ('fallbackQueue' in definition && definition.fallbackQueue && options.ledgerFallbackDir) {
      environment.LEDGER_FALLBACK_DIR = options.ledgerFallbackDir;
    }
    const graphqlUrl = options.graphqlUrl;
    const callsGraphql = 'graphqlFields' in definition && definition.graphqlFields.length > 0 && graphqlUrl !== undefined;
    if (callsGraphql) {
      environment.GRAPHQL_ACCESS_KEY_ID = iamCredentials.accessKeyId;
      environment.GRAPHQL_SECRET_ACCESS_KEY = iamCredentials.secretAccessKey;
    }
    functions.set(
      name,
      new LambdaHost({
        functionName: name,
        bundle: bundleFunction(definition.entry),
        environment,
        ...(callsGraphql ? { lateEnvironment: () => ({ GRAPHQL_URL: graphqlUrl() }) } : {}),
      }),
    );
  }
  const functionHost = (name: FunctionName): LambdaHost => {
    const host = functions.get(name);
    if (!host) throw new Error(`Function ${name} is not in the manifest`);
    return host;
  };

  const dataSources = new Map<DataSourceName, DataSourceClient>();
  for (const [name, definition] of Object.entries(DATA_SOURCES) as [DataSourceName, (typeof DATA_SOURCES)[DataSourceName]][]) {
    if (definition.kind === 'DYNAMODB') {
      dataSources.set(name, createDynamoDbDataSource({ client: options.dynamodb, tableName: options.tables[definition.table] }));
    } else if (definition.kind === 'LAMBDA') {
      dataSources.set(name, createLambdaDataSource(functionHost(definition.function)));
    } else {
      dataSources.set(name, createNoneDataSource());
    }
  }
  const dataSource = (name: DataSourceName): DataSourceClient => {
    const found = dataSources.get(name);
    if (!found) throw new Error(`Data source ${name} is not in the manifest`);
    return found;
  };

  const load = runResolverLoader((path) => bundleResolver(path));
  const steps = new Map<StepName, { module: ReturnType<typeof load>; dataSource: DataSourceClient }>();
  for (const [name, step] of Object.entries(STEPS) as [StepName, (typeof STEPS)[StepName]][]) {
    steps.set(name, { module: load(stepCodePath(name)), dataSource: dataSource(step.dataSource) });
  }
  const resolvers = new Map<string, RunnableResolver>();
  for (const [coordinate, definition] of Object.entries(RESOLVERS) as [Coordinate, (typeof RESOLVERS)[Coordinate]][]) {
    const module = load(resolverCodePath(coordinate));
    if (definition.kind === 'UNIT') {
      resolvers.set(coordinate, { kind: 'UNIT', module, dataSource: dataSource(definition.dataSource) });
    } else {
      resolvers.set(coordinate, {
        kind: 'PIPELINE',
        module,
        steps: definition.steps.map((name) => {
          const step = steps.get(name);
          if (!step) throw new Error(`Step ${name} is not in the manifest`);
          return step;
        }),
      });
    }
  }

  const schema = buildAppSyncSchema(
    readFileSync(resolve(PROJECT_ROOT, API.toolingSchemaPath), 'utf8'),
    readFileSync(resolve(PROJECT_ROOT, API.schemaPath), 'utf8'),
  );
  const subscriptions = createSubscriptionHub(schema);
  const api = createGraphqlApi({
    schema,
    onMutationResult: (result) => subscriptions.publish(result),
    onInvalidateSubscriptions: (invalidations) => subscriptions.invalidate(invalidations),
    resolvers,
    defaultAuth: API.defaultAuth,
    additionalAuth: API.additionalAuth,
    apiKeys: [options.appSyncApiKey],
    iamCredentials: [iamCredentials],
    authorizer: new AuthorizerCache(functionHost(API.authorizer.function), API.authorizer.resultTtlSeconds),
    environment: API.environment,
    limits: API.limits,
  });
  return {
    ...api,
    subscriptions,
    async stop() {
      await Promise.all([...functions.values()].map((host) => host.stop()));
    },
  };
}

/** Physical table names for a prefix, from the shared description. */
export function tableNames(prefix: string): Record<TableName, string> {
  const names = {} as Record<TableName, string>;
  for (const [name, definition] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
    names[name] = `${prefix}${definition.id}`;
  }
  return names;
}
