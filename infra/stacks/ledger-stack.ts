/**
 * The one stack: composition only. Tables, the key-hashing secret, the Lambda functions of FUNCTIONS
 * (bound to their tables, the secret and Bedrock as the manifest says) and the GraphQL API.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { API, FUNCTIONS } from '../../resolvers/manifest.ts';
import type { FunctionDefinition, FunctionName } from '../../resolvers/manifest.ts';
import { LedgerGraphqlApi } from '../constructs/graphql-api.ts';
import { KeySecret } from '../constructs/key-secret.ts';
import { NodeFunction } from '../constructs/node-function.ts';
import { LedgerTables } from '../constructs/tables.ts';

export interface LedgerStackProps extends StackProps {
  /**
   * How long an authorizer decision is cached, in seconds (0 to 3600): AppSync's results cache and the
   * authorizer's own ttlOverride (AUTHORIZER_TTL_SECONDS).
   * @default API.authorizer.resultTtlSeconds (60)
   */
  readonly authorizerTtlSeconds?: number;
  /**
   * Retention of the API's and the functions' log groups.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Region Bedrock is called in (and priced for), e.g. to reach a model the stack's region lacks.
   * @default - the stack's region
   */
  readonly bedrockRegion?: string;
}

export class LedgerStack extends Stack {
  readonly tables: LedgerTables;
  readonly keySecret: KeySecret;
  readonly functions: Readonly<Record<FunctionName, NodeFunction>>;
  readonly graphqlApi: LedgerGraphqlApi;

  constructor(scope: Construct, id: string, props: LedgerStackProps = {}) {
    super(scope, id, props);
    const authorizerTtlSeconds = props.authorizerTtlSeconds ?? API.authorizer.resultTtlSeconds;
    if (!Number.isInteger(authorizerTtlSeconds) || authorizerTtlSeconds < 0 || authorizerTtlSeconds > 3600) {
      throw new Error(`LedgerStack ${id}: authorizerTtlSeconds must be an integer from 0 to 3600, got ${authorizerTtlSeconds}`);
    }

    this.tables = new LedgerTables(this, 'Tables');
    this.keySecret = new KeySecret(this, 'KeySecret');
    const fn = (name: FunctionName): NodeFunction => this.createFunction(name, props);
    this.functions = { invokeModel: fn('invokeModel'), createApiKey: fn('createApiKey'), authorizer: fn('authorizer') };
    this.functions[API.authorizer.function].addEnvironment('AUTHORIZER_TTL_SECONDS', String(authorizerTtlSeconds));

    this.graphqlApi = new LedgerGraphqlApi(this, 'GraphqlApi', {
      functions: {
        invokeModel: this.functions.invokeModel.function,
        createApiKey: this.functions.createApiKey.function,
        authorizer: this.functions.authorizer.function,
      },
      tables: this.tables.tables,
      authorizerResultsCacheTtl: Duration.seconds(authorizerTtlSeconds),
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    });

    new CfnOutput(this, 'GraphqlUrl', { value: this.graphqlApi.api.graphqlUrl, description: 'GraphQL endpoint' });
    new CfnOutput(this, 'RealtimeUrl', { value: this.graphqlApi.realtimeUrl, description: 'WebSocket endpoint for subscriptions' });
    if (this.graphqlApi.apiKeyId !== undefined) {
      new CfnOutput(this, 'ApiKeyId', { value: this.graphqlApi.apiKeyId, description: 'AppSync API key id (API_KEY auth, serviceInfo only)' });
    }
    new CfnOutput(this, 'KeysTableName', { value: this.tables.tables.keys.tableName });
    new CfnOutput(this, 'LedgerTableName', { value: this.tables.tables.ledger.tableName });
    new CfnOutput(this, 'KeyHashSecretArn', { value: this.keySecret.secret.secretArn, description: 'Secret that keys API-key hashes' });
  }

  /** A function of FUNCTIONS, with exactly the tables, secret and Bedrock access its entry declares. */
  private createFunction(name: FunctionName, props: LedgerStackProps): NodeFunction {
    const definition: FunctionDefinition = FUNCTIONS[name];
    const fn = new NodeFunction(this, name, {
      entry: definition.entry,
      description: definition.description,
      timeout: Duration.seconds(definition.timeoutSeconds),
      memorySize: definition.memoryMb,
      ...(props.logRetention === undefined ? {} : { logRetention: props.logRetention }),
    });
    for (const [envName, binding] of Object.entries(definition.tables)) {
      fn.bindTable(envName, this.tables.table(binding.table), binding.access);
    }
    if (definition.keySecret) this.keySecret.bind(fn);
    if (definition.bedrock) {
      fn.grantInvokeBedrock();
      if (props.bedrockRegion !== undefined) fn.addEnvironment('BEDROCK_REGION', props.bedrockRegion);
    }
    return fn;
  }
}
