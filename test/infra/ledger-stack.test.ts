/**
 * The synthesized template, asserted piece by piece against resolvers/manifest.ts and
 * resolvers/tables.ts (never a whole-template snapshot). The stack is synthesized once per file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import { declaresFallbackQueue, defaultReservedConcurrency, graphqlFieldsOf } from '../../infra/constructs/bedrock-ledger-api.ts';
import { LedgerStack } from '../../infra/stacks/ledger-stack.ts';
import { METRIC, METRICS_NAMESPACE } from '../../functions/lib/metrics.ts';
import { PROJECT_ROOT, bundleFunction, bundleFunctionWithSourceMap, bundleResolver } from '../../resolvers/build.ts';
import { API, DATA_SOURCES, FUNCTIONS, RESOLVERS, STEPS, resolverCodePath, stepCodePath } from '../../resolvers/manifest.ts';
import type { DataSourceDefinition, FunctionDefinition, FunctionName, ResolverDefinition, StepName } from '../../resolvers/manifest.ts';
import { TABLES } from '../../resolvers/tables.ts';
import type { KeyAttribute, TableDefinition, TableName } from '../../resolvers/tables.ts';

type Json = Record<string, unknown>;

const AUTHORIZER_TTL_SECONDS = 45;
const LOG_RETENTION_DAYS = 14;
const LEDGER_RETENTION_DAYS = 400;

/** Synthesizing bundles every function; on a busy machine that outlasts the default hook timeout. */
const SYNTH_TIMEOUT_MS = 180_000;

let outdir: string;
let stack: LedgerStack;
let template: Template;
let resources: Record<string, Json>;

/** The template's resources by logical id. */
function resourcesOf(json: unknown): Record<string, Json> {
  const all: Record<string, Json> = {};
  for (const [id, resource] of Object.entries(objectAt(json, 'Resources'))) {
    if (isJson(resource)) all[id] = resource;
  }
  return all;
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-infra-'));
  const app = new App({ outdir });
  stack = new LedgerStack(app, 'LedgerTest', {
    authorizerTtlSeconds: AUTHORIZER_TTL_SECONDS,
    logRetention: LOG_RETENTION_DAYS,
    ledgerRetentionDays: LEDGER_RETENTION_DAYS,
  });
  template = Template.fromStack(stack);
  resources = resourcesOf(template.toJSON());
}, SYNTH_TIMEOUT_MS);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------
// helpers

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, key: string): Json {
  const child = isJson(value) ? value[key] : undefined;
  if (!isJson(child)) throw new Error(`expected an object at "${key}"`);
  return child;
}

function logicalId(construct: IConstruct | undefined): string {
  const element = construct?.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${construct?.node.path ?? 'construct'} has no CloudFormation resource`);
  return stack.getLogicalId(element);
}

function propertiesOf(id: string): Json {
  const resource = resources[id];
  if (!resource) throw new Error(`no resource ${id} in the template`);
  return propertiesOfResource(resource);
}

function entriesOf<K extends string, V>(record: Readonly<Record<K, V>>): Array<[K, V]> {
  return Object.entries(record) as Array<[K, V]>;
}

const tableId = (name: TableName): string => logicalId(stack.ledger.tables.table(name));
const functionId = (name: FunctionName): string => logicalId(stack.ledger.functions[name].function);
const roleId = (name: FunctionName): string => logicalId(stack.ledger.functions[name].function.role);
const secretId = (): string => logicalId(stack.ledger.keySecret.secret);
const stepId = (step: StepName): string => logicalId(stack.ledger.graphqlApi.steps.get(step));
const topicId = (): string => logicalId(stack.ledger.monitoring.topic);

/** The Properties of a template resource. */
function propertiesOfResource(resource: Json): Json {
  return objectAt(resource, 'Properties');
}

interface Statement {
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
}

function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Every statement of the inline policies attached to a role. */
function statementsOfRole(role: string): Statement[] {
  return Object.values(resources)
    .filter((resource) => resource['Type'] === 'AWS::IAM::Policy')
    .map(propertiesOfResource)
    .filter((props) => asList(props['Roles']).some((ref) => isJson(ref) && ref['Ref'] === role))
    .flatMap((props) => asList(objectAt(props, 'PolicyDocument')['Statement']))
    .filter(isJson)
    .map((statement) => ({
      actions: asList(statement['Action']).filter((action): action is string => typeof action === 'string'),
      resources: asList(statement['Resource']),
    }));
}

function allStatements(): Array<Statement & { readonly roles: readonly unknown[] }> {
  return Object.values(resources)
    .filter((resource) => resource['Type'] === 'AWS::IAM::Policy')
    .map(propertiesOfResource)
    .flatMap((props) =>
      asList(objectAt(props, 'PolicyDocument')['Statement'])
        .filter(isJson)
        .map((statement) => ({
          roles: asList(props['Roles']),
          actions: asList(statement['Action']).filter((action): action is string => typeof action === 'string'),
          resources: asList(statement['Resource']),
        })),
    );
}

/** An ARN built with Fn::Join, with pseudo parameters written as <AWS::Partition>. */
function flatArn(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isJson(value) && Array.isArray(value['Fn::Join'])) {
    const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
    return parts.map(flatArn).join(separator);
  }
  if (isJson(value) && typeof value['Ref'] === 'string') return `<${value['Ref']}>`;
  return JSON.stringify(value);
}

/** Whether a policy resource names the table (its ARN or one of its indexes). */
function mentions(resource: unknown, id: string): boolean {
  return JSON.stringify(resource).includes(`"${id}"`);
}

function keySchema(definition: { readonly partitionKey: KeyAttribute; readonly sortKey?: KeyAttribute }): Json[] {
  return [
    { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
    ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }] : []),
  ];
}

// ---------------------------------------------------------------------------------------------------

describe('LedgerStack', () => {
  describe('tables', () => {
    const tables = entriesOf<TableName, TableDefinition>(TABLES);

    it('creates one DynamoDB table per TABLES entry', () => {
      template.resourceCountIs('AWS::DynamoDB::Table', tables.length);
    });

    it.each(tables)('creates the %s table on demand with its key schema, point-in-time recovery, encryption and deletion protection', (name, definition) => {
      expect(propertiesOf(tableId(name))).toMatchObject({
        KeySchema: keySchema(definition),
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      });
    });

    it.each(tables)('gives the %s table exactly its global indexes, projecting all attributes', (name, definition) => {
      const indexes = propertiesOf(tableId(name))['GlobalSecondaryIndexes'];
      const expected = (definition.globalIndexes ?? []).map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index),
        Projection: { ProjectionType: 'ALL' },
      }));
      expect(indexes ?? []).toEqual(expected);
    });

    it.each(tables)('enables TTL on the %s table only when it declares a TTL attribute', (name, definition) => {
      const ttl = propertiesOf(tableId(name))['TimeToLiveSpecification'];
      if (definition.timeToLiveAttribute === undefined) expect(ttl).toBeUndefined();
      else expect(ttl).toEqual({ AttributeName: definition.timeToLiveAttribute, Enabled: true });
    });

    it.each(tables)('retains the %s table when the stack is deleted or the table replaced', (name) => {
      expect(resources[tableId(name)]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });

  describe('key secret', () => {
    it('generates a 64-character secret and retains it', () => {
      expect(resources[secretId()]).toMatchObject({
        Properties: { GenerateSecretString: { PasswordLength: 64 } },
        DeletionPolicy: 'Retain',
      });
    });
  });

  describe('Lambda functions', () => {
    const functions = entriesOf<FunctionName, FunctionDefinition>(FUNCTIONS);

    it('creates exactly the functions of FUNCTIONS, on nodejs22.x and arm64', () => {
      template.resourceCountIs('AWS::Lambda::Function', functions.length);
      template.allResourcesProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
    });

    it.each(functions)('sets %s timeout and memory from the manifest', (name, definition) => {
      expect(propertiesOf(functionId(name))).toMatchObject({ Timeout: definition.timeoutSeconds, MemorySize: definition.memoryMb });
    });

    it.each(functions)('passes %s exactly the environment its manifest entry and the props imply', (name, definition) => {
      const expected: Json = { LOG_LEVEL: 'info', NODE_OPTIONS: '--enable-source-maps' };
      for (const [envName, binding] of Object.entries(definition.tables)) expected[envName] = { Ref: tableId(binding.table) };
      if (definition.keySecret) expected['KEY_HASH_SECRET_ARN'] = { Ref: secretId() };
      if (name === API.authorizer.function) expected['AUTHORIZER_TTL_SECONDS'] = String(AUTHORIZER_TTL_SECONDS);
      if (name === 'invokeModel') expected['LEDGER_RETENTION_DAYS'] = String(LEDGER_RETENTION_DAYS);
      if (declaresFallbackQueue(definition)) expected['LEDGER_FALLBACK_QUEUE_URL'] = { Ref: logicalId(stack.ledger.fallbackQueue?.queue) };
      if (graphqlFieldsOf(definition).length > 0) expected['GRAPHQL_URL'] = { 'Fn::GetAtt': [logicalId(stack.ledger.graphqlApi.api), 'GraphQLUrl'] };
      expect(objectAt(propertiesOf(functionId(name)), 'Environment')['Variables']).toEqual(expected);
    });

    it.each(functions)('deploys for %s the minified bundle of its entry with its source map beside it', (name, definition) => {
      const code = objectAt(propertiesOf(functionId(name)), 'Code');
      const key = code['S3Key'];
      expect(typeof key).toBe('string');
      const asset = join(outdir, `asset.${String(key).replace(/\.zip$/, '')}`);
      const bundle = bundleFunctionWithSourceMap(definition.entry);
      const deployed = readFileSync(join(asset, 'index.mjs'), 'utf8');
      expect(deployed).toBe(bundle.code);
      expect(deployed).toBe(`${bundleFunction(definition.entry).trimEnd()}\n//# sourceMappingURL=index.mjs.map\n`);
      const map: unknown = JSON.parse(readFileSync(join(asset, 'index.mjs.map'), 'utf8'));
      expect(map).toMatchObject({ version: 3 });
      expect(isJson(map) && Array.isArray(map['sources']) && map['sources'].some((source) => String(source).endsWith(definition.entry.replace(/\.ts$/, '.ts')))).toBe(true);
      expect(isJson(map) && 'sourcesContent' in map).toBe(false);
    });

    it.each(functions)('reserves the default concurrency for %s', (name) => {
      expect(propertiesOf(functionId(name))['ReservedConcurrentExecutions']).toBe(defaultReservedConcurrency(name));
    });

    it.each(functions)('traces %s with X-Ray', (name) => {
      expect(propertiesOf(functionId(name))['TracingConfig']).toEqual({ Mode: 'Active' });
    });

    it.each(functions)('keeps %s logs for the configured retention', (name) => {
      const logGroup = objectAt(objectAt(propertiesOf(functionId(name)), 'LoggingConfig'), 'LogGroup');
      expect(propertiesOf(String(logGroup['Ref']))).toMatchObject({ RetentionInDays: LOG_RETENTION_DAYS });
    });
  });

  describe('ledger-write fallback queue', () => {
    const declared = Object.values<object>(FUNCTIONS).some(declaresFallbackQueue);

    it('exists, encrypted and TLS-only, exactly when a manifest function declares fallbackQueue', () => {
      template.resourceCountIs('AWS::SQS::Queue', declared ? 1 : 0);
      expect(stack.ledger.fallbackQueue === undefined).toBe(!declared);
      if (declared) {
        template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
        });
      }
    });

    it.each(entriesOf<FunctionName, FunctionDefinition>(FUNCTIONS))('lets %s send to the queue only when it declares fallbackQueue', (name, definition) => {
      const queue = stack.ledger.fallbackQueue;
      const sends = queue !== undefined && statementsOfRole(roleId(name)).some(
        (statement) => statement.actions.includes('sqs:SendMessage') && mentions(statement.resources, logicalId(queue.queue)),
      );
      expect(sends).toBe(declaresFallbackQueue(definition));
    });

    it('is described in the manifest shape the construct reads', () => {
      expect(declaresFallbackQueue({ fallbackQueue: true })).toBe(true);
      expect(declaresFallbackQueue({ fallbackQueue: false })).toBe(false);
      expect(declaresFallbackQueue({})).toBe(false);
    });
  });

  describe('IAM', () => {
    const bedrockStatements = (): Statement[] =>
      allStatements().filter((statement) => statement.actions.some((action) => action.startsWith('bedrock:')));

    it('lets the invoke-model function invoke foundation models and inference profiles, and read the profiles, never on *', () => {
      const statements = bedrockStatements();
      expect(statements.map((statement) => statement.actions)).toEqual([
        ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        ['bedrock:GetInferenceProfile'],
      ]);
      const [invoke, profiles] = statements;
      expect(invoke?.resources.map(flatArn)).toEqual([
        'arn:<AWS::Partition>:bedrock:*::foundation-model/*',
        'arn:<AWS::Partition>:bedrock:*:<AWS::AccountId>:inference-profile/*',
        'arn:<AWS::Partition>:bedrock:*:<AWS::AccountId>:application-inference-profile/*',
      ]);
      expect(profiles?.resources.map(flatArn)).toEqual([
        'arn:<AWS::Partition>:bedrock:*:<AWS::AccountId>:inference-profile/*',
        'arn:<AWS::Partition>:bedrock:*:<AWS::AccountId>:application-inference-profile/*',
      ]);
      expect(statementsOfRole(roleId('invokeModel')).some((s) => s.actions.includes('bedrock:InvokeModel'))).toBe(true);
    });

    const bedrockActions = (name: FunctionName): string[] =>
      statementsOfRole(roleId(name))
        .flatMap((statement) => statement.actions)
        .filter((action) => action.startsWith('bedrock:'));

    it('gives the authorizer no Bedrock permission', () => {
      expect(bedrockActions(API.authorizer.function)).toEqual([]);
    });

    it.each(entriesOf<FunctionName, FunctionDefinition>(FUNCTIONS))('lets %s call Bedrock only when it declares bedrock', (name, definition) => {
      expect(bedrockActions(name).length > 0).toBe(definition.bedrock === true);
    });

    it('gives no statement an action on every resource except X-Ray tracing', () => {
      const wildcard = allStatements().filter((statement) => statement.resources.includes('*'));
      expect(wildcard.length).toBeGreaterThan(0);
      expect(wildcard.flatMap((statement) => statement.actions).every((action) => action.startsWith('xray:'))).toBe(true);
    });

    it('gives no statement a wildcard action', () => {
      expect(allStatements().flatMap((statement) => statement.actions).filter((action) => action.includes('*'))).toEqual([]);
    });

    it.each(entriesOf<FunctionName, FunctionDefinition>(FUNCTIONS))('gives %s a role of its own, with no managed policy, that writes only its own log group', (name) => {
      const role = propertiesOf(roleId(name));
      expect(role['ManagedPolicyArns']).toBeUndefined();
      const logGroup = String(objectAt(objectAt(propertiesOf(functionId(name)), 'LoggingConfig'), 'LogGroup')['Ref']);
      const logStatements = statementsOfRole(roleId(name)).filter((statement) => statement.actions.some((action) => action.startsWith('logs:')));
      expect(logStatements.flatMap((statement) => statement.actions).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logStatements.every((statement) => statement.resources.every((resource) => mentions(resource, logGroup)))).toBe(true);
    });

    it.each(entriesOf<FunctionName, FunctionDefinition>(FUNCTIONS))('lets %s read the key secret only when it declares keySecret', (name, definition) => {
      const reads = statementsOfRole(roleId(name)).some(
        (statement) => statement.actions.includes('secretsmanager:GetSecretValue') && mentions(statement.resources, secretId()),
      );
      expect(reads).toBe(definition.keySecret === true);
    });

    const graphqlStatements = (name: FunctionName): Statement[] =>
      statementsOfRole(roleId(name)).filter((statement) => statement.actions.some((action) => action.startsWith('appsync:')));

    it('lets the invoke-model function call exactly the publishBudgetEvent field of the API, with appsync:GraphQL', () => {
      const statements = graphqlStatements('invokeModel');
      expect(statements.map((statement) => statement.actions)).toEqual([['appsync:GraphQL']]);
      const resources = statements.flatMap((statement) => statement.resources).map(flatArn);
      expect(resources).toHaveLength(1);
      expect(resources[0]).toMatch(/^arn:<AWS::Partition>:appsync:<AWS::Region>:<AWS::AccountId>:apis\/.+\/types\/Mutation\/fields\/publishBudgetEvent$/);
      expect(mentions(statements[0]?.resources, logicalId(stack.ledger.graphqlApi.api))).toBe(true);
    });

    it.each(entriesOf<FunctionName, FunctionDefinition>(FUNCTIONS))('lets %s call the API only when it declares graphqlFields', (name, definition) => {
      expect(graphqlStatements(name).length > 0).toBe(graphqlFieldsOf(definition).length > 0);
    });

    it('keeps the key secret from the invoke-model function', () => {
      expect(statementsOfRole(roleId('invokeModel')).some((statement) => mentions(statement.resources, secretId()))).toBe(false);
    });

    it.each(entriesOf<FunctionName, FunctionDefinition>(FUNCTIONS))('grants %s its tables with the access the manifest declares, and no others', (name, definition) => {
      const statements = statementsOfRole(roleId(name));
      const bound = new Map<TableName, string>(Object.values(definition.tables).map((binding) => [binding.table, binding.access]));
      for (const [table] of entriesOf<TableName, TableDefinition>(TABLES)) {
        const actions = statements.filter((statement) => mentions(statement.resources, tableId(table))).flatMap((statement) => statement.actions);
        const access = bound.get(table);
        if (access === undefined) expect(actions).toEqual([]);
        else {
          expect(actions).toContain('dynamodb:Query');
          expect(actions.includes('dynamodb:PutItem')).toBe(access === 'readWrite');
        }
      }
    });
  });

  describe('GraphQL API', () => {
    const apiId = (): string => logicalId(stack.ledger.graphqlApi.api);

    it('authorizes with the Lambda authorizer by default, and with an API key and IAM as additional modes', () => {
      expect(propertiesOf(apiId())).toMatchObject({
        AuthenticationType: 'AWS_LAMBDA',
        LambdaAuthorizerConfig: {
          AuthorizerUri: { 'Fn::GetAtt': [functionId(API.authorizer.function), 'Arn'] },
          AuthorizerResultTtlInSeconds: AUTHORIZER_TTL_SECONDS,
        },
        AdditionalAuthenticationProviders: [{ AuthenticationType: 'API_KEY' }, { AuthenticationType: 'AWS_IAM' }],
      });
      template.resourceCountIs('AWS::AppSync::ApiKey', 1);
    });

    it('lets AppSync invoke the authorizer', () => {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'appsync.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [functionId(API.authorizer.function), 'Arn'] },
      });
    });

    it('deploys schema/schema.graphql unchanged, without the tooling-only AppSync declarations', () => {
      const schema = readFileSync(resolve(PROJECT_ROOT, API.schemaPath), 'utf8');
      template.resourceCountIs('AWS::AppSync::GraphQLSchema', 1);
      template.hasResourceProperties('AWS::AppSync::GraphQLSchema', { Definition: schema });
      expect(schema).not.toMatch(/directive\s+@aws_/);
      expect(schema).not.toMatch(/scalar\s+AWS/);
    });

    it('passes API.environment to resolvers as ctx.env', () => {
      expect(propertiesOf(apiId())['EnvironmentVariables']).toEqual(API.environment);
    });

    it('traces with X-Ray and logs errors only, without verbose request content', () => {
      expect(propertiesOf(apiId())).toMatchObject({
        XrayEnabled: true,
        LogConfig: { FieldLogLevel: 'ERROR', ExcludeVerboseContent: true },
      });
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [apiId(), 'ApiId'] }]] },
        RetentionInDays: LOG_RETENTION_DAYS,
      });
    });

    it('limits query depth to 10 levels and a request to 200 resolvers', () => {
      expect(propertiesOf(apiId())).toMatchObject({ QueryDepthLimit: 10, ResolverCountLimit: 200 });
    });

    it('has no WAF web ACL unless asked for', () => {
      template.resourceCountIs('AWS::WAFv2::WebACL', 0);
      template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    });

    describe('data sources', () => {
      const dataSources = entriesOf<string, DataSourceDefinition>(DATA_SOURCES);

      it('creates one data source per DATA_SOURCES entry', () => {
        template.resourceCountIs('AWS::AppSync::DataSource', dataSources.length);
      });

      it.each(dataSources)('wires the %s data source to what the manifest names', (name, definition) => {
        const expected: Json =
          definition.kind === 'DYNAMODB'
            ? { Type: 'AMAZON_DYNAMODB', DynamoDBConfig: { TableName: { Ref: tableId(definition.table) } } }
            : definition.kind === 'LAMBDA'
              ? { Type: 'AWS_LAMBDA', LambdaConfig: { LambdaFunctionArn: { 'Fn::GetAtt': [functionId(definition.function), 'Arn'] } } }
              : { Type: 'NONE' };
        template.hasResourceProperties('AWS::AppSync::DataSource', { Name: name, ...expected });
      });

      it.each(dataSources.filter(([, definition]) => definition.kind === 'DYNAMODB'))(
        'gives the %s data source write access only when the manifest declares readWrite',
        (name, definition) => {
          const [dataSource] = Object.values(template.findResources('AWS::AppSync::DataSource', { Properties: { Name: name } }));
          const roleArn = (dataSource?.Properties as { ServiceRoleArn: { 'Fn::GetAtt': [string, string] } }).ServiceRoleArn;
          const actions = statementsOfRole(roleArn['Fn::GetAtt'][0]).flatMap((statement) => statement.actions);
          expect(actions).toContain('dynamodb:Query');
          expect(actions.includes('dynamodb:UpdateItem')).toBe(definition.kind === 'DYNAMODB' && definition.access === 'readWrite');
        },
      );
    });

    describe('pipeline functions', () => {
      const steps = entriesOf<StepName, { readonly dataSource: string }>(STEPS);

      it('creates one AppSync function per STEPS entry', () => {
        template.resourceCountIs('AWS::AppSync::FunctionConfiguration', steps.length);
      });

      it.each(steps)('runs the bundle of resolvers/steps/%s.ts on APPSYNC_JS 1.0.0 against its data source', (step, definition) => {
        expect(propertiesOf(stepId(step))).toMatchObject({
          DataSourceName: definition.dataSource,
          Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
          Code: bundleResolver(stepCodePath(step)),
        });
        expect(propertiesOf(stepId(step))['Name']).toMatch(/^[_A-Za-z][_0-9A-Za-z]*$/);
      });
    });

    describe('resolvers', () => {
      const resolvers = entriesOf<keyof typeof RESOLVERS, ResolverDefinition>(RESOLVERS);

      it('creates one resolver per RESOLVERS entry', () => {
        template.resourceCountIs('AWS::AppSync::Resolver', resolvers.length);
      });

      it.each(resolvers)('resolves %s with its bundled code on APPSYNC_JS 1.0.0, of the declared kind', (coordinate, definition) => {
        const [typeName, fieldName] = coordinate.split('.');
        const wiring: Json =
          definition.kind === 'UNIT'
            ? { Kind: 'UNIT', DataSourceName: definition.dataSource }
            : {
                Kind: 'PIPELINE',
                PipelineConfig: { Functions: definition.steps.map((step) => ({ 'Fn::GetAtt': [stepId(step), 'FunctionId'] })) },
              };
        const properties = propertiesOf(logicalId(stack.ledger.graphqlApi.resolvers.get(coordinate)));
        expect(properties).toMatchObject({
          TypeName: typeName,
          FieldName: fieldName,
          Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
          Code: bundleResolver(resolverCodePath(coordinate)),
          ...wiring,
        });
        if (definition.kind === 'PIPELINE') expect(properties['DataSourceName']).toBeUndefined();
      });
    });
  });

  describe('monitoring', () => {
    const alarm = (id: string): Json => propertiesOf(logicalId(stack.ledger.monitoring.alarms.get(id)));
    const alarmIds = [...Object.keys(FUNCTIONS).map((name) => `${name}Errors`), 'InvokeModelThrottles', 'BedrockThrottles', 'DailySpend'];

    it('creates the alarms on errors, throttles, daily spend and, with the fallback queue, ledger-write failures', () => {
      const expected = stack.ledger.fallbackQueue === undefined ? alarmIds : [...alarmIds, 'LedgerWriteFailures'];
      expect([...stack.ledger.monitoring.alarms.keys()].sort()).toEqual([...expected].sort());
      template.resourceCountIs('AWS::CloudWatch::Alarm', expected.length);
    });

    it('sends every alarm to the alarm topic', () => {
      for (const resource of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
        expect(propertiesOfResource(resource)['AlarmActions']).toEqual([{ Ref: topicId() }]);
      }
    });

    it('keeps the alarm topic TLS-only and without a subscription when no email is given', () => {
      template.resourceCountIs('AWS::SNS::Subscription', 0);
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    });

    it.each(Object.keys(FUNCTIONS))('alarms on any error of the %s function within 5 minutes', (name) => {
      expect(alarm(`${name}Errors`)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(name as FunctionName) } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });

    it('alarms on Bedrock throttles in the account and on invoke-model throttles', () => {
      expect(alarm('BedrockThrottles')).toMatchObject({
        Metrics: [{ Expression: 'SELECT SUM(InvocationThrottles) FROM SCHEMA("AWS/Bedrock", ModelId)', Period: 300, ReturnData: true }],
        Threshold: 10,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(alarm('InvokeModelThrottles')).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Throttles',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId('invokeModel') } }],
        Threshold: 1,
      });
    });

    it('alarms when the cost the functions report over 24 hours reaches 100 USD, in nano-USD', () => {
      expect(alarm('DailySpend')).toMatchObject({
        Namespace: METRICS_NAMESPACE,
        MetricName: METRIC.costNanoUsd,
        Statistic: 'Sum',
        Period: 86400,
        Threshold: 100_000_000_000,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(alarm('DailySpend')['Dimensions']).toBeUndefined();
    });

    it('alarms on any ledger write waiting in the fallback queue, when there is one', () => {
      const queue = stack.ledger.fallbackQueue;
      if (queue === undefined) {
        expect(stack.ledger.monitoring.alarms.has('LedgerWriteFailures')).toBe(false);
        return;
      }
      expect(alarm('LedgerWriteFailures')).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue.queue), 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 1,
      });
    });

    /** The dashboard's widgets by title, its Fn::Join body read with references as plain text. */
    function widgets(): Map<string, Json> {
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
      const join = propertiesOfResource(dashboard ?? {})['DashboardBody'];
      const parts = isJson(join) && Array.isArray(join['Fn::Join']) ? (join['Fn::Join'][1] as unknown[]) : [join];
      const body: unknown = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'REF')).join(''));
      const all = isJson(body) && Array.isArray(body['widgets']) ? body['widgets'].filter(isJson) : [];
      return new Map(all.map((widget) => [String(objectAt(widget, 'properties')['title'] ?? widget['type']), widget]));
    }

    const expressions = (widget: Json | undefined): string[] =>
      (Array.isArray(objectAt(widget, 'properties')['metrics']) ? (objectAt(widget, 'properties')['metrics'] as unknown[][]) : [])
        .flat()
        .filter(isJson)
        .map((options) => options['expression'])
        .filter((expression): expression is string => typeof expression === 'string');

    it('draws cost by principal and model in USD from the metrics the functions emit', () => {
      expect(expressions(widgets().get('Cost by principal and model (USD per hour)'))).toEqual([
        `SEARCH('{${METRICS_NAMESPACE},ModelId,PrincipalId} MetricName="${METRIC.costNanoUsd}"', 'Sum', 3600)/1000000000`,
      ]);
    });

    it('draws cost by team in USD from the Team dimension', () => {
      expect(expressions(widgets().get('Cost by team (USD per hour)'))).toEqual([
        `SEARCH('{${METRICS_NAMESPACE},Team} MetricName="${METRIC.costNanoUsd}"', 'Sum', 3600)/1000000000`,
      ]);
    });

    it('draws cost by model in USD, and the spend of the last 24 hours', () => {
      expect(expressions(widgets().get('Cost by model (USD per hour)'))).toEqual([
        `SEARCH('{${METRICS_NAMESPACE},ModelId} MetricName="${METRIC.costNanoUsd}"', 'Sum', 3600)/1000000000`,
      ]);
      expect(expressions(widgets().get('Spend, last 24 hours (USD)'))).toEqual(['spend/1000000000']);
    });

    it('shows the state of every alarm', () => {
      const alarms = objectAt(widgets().get('Alarms'), 'properties')['alarms'];
      expect(Array.isArray(alarms) ? alarms.length : 0).toBe(stack.ledger.monitoring.alarms.size);
    });
  });

  describe('cdk-nag', () => {
    it('reports no unacknowledged AwsSolutions finding', () => {
      const report = new AwsSolutionsChecks().validateScope(stack);
      expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
      expect(report.success).toBe(true);
    });

    it('gives every acknowledged finding a reason', () => {
      const acknowledged = stack.node
        .findAll()
        .flatMap((construct) => construct.node.metadata)
        .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
        .map((entry): unknown => entry.data)
        .filter(isJson)
        .flatMap((data) => Object.entries(data));
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const [id, reason] of acknowledged) {
        expect(id).toMatch(/AwsSolutions-/);
        expect(String(reason).length).toBeGreaterThan(40);
      }
    });
  });

  describe('outputs', () => {
    it('exports the GraphQL and realtime URLs, the API key id, the table names, the key secret, the alarm topic and the dashboard URL', () => {
      const api = logicalId(stack.ledger.graphqlApi.api);
      template.hasOutput('GraphqlUrl', { Value: { 'Fn::GetAtt': [api, 'GraphQLUrl'] } });
      template.hasOutput('RealtimeUrl', { Value: { 'Fn::GetAtt': [api, 'RealtimeUrl'] } });
      template.hasOutput('ApiKeyId', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiKey'), 'ApiKeyId'] } });
      template.hasOutput('KeysTableName', { Value: { Ref: tableId('keys') } });
      template.hasOutput('LedgerTableName', { Value: { Ref: tableId('ledger') } });
      template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId() } });
      template.hasOutput('KeySecretArn', { Value: { Ref: secretId() } });
      const dashboard = logicalId(stack.ledger.monitoring.dashboard);
      template.hasOutput('DashboardUrl', {
        Value: {
          'Fn::Join': [
            '',
            ['https://', { Ref: 'AWS::Region' }, '.console.aws.amazon.com/cloudwatch/home?region=', { Ref: 'AWS::Region' }, '#dashboards:name=', { Ref: dashboard }],
          ],
        },
      });
    });
  });
});
