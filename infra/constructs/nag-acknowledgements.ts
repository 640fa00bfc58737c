/**
 * The cdk-nag (AwsSolutions) findings `BedrockLedgerApi` accepts knowingly, each with its reason,
 * recorded through CDK's `Validations.of(construct).acknowledge`. Wildcards in IAM policies are
 * acknowledged one by one, and only of the kinds listed in `wildcardReason`: a new wildcard of any
 * other kind stays a finding, and the template tests fail on it.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface NagScope {
  readonly root: Construct;
  readonly functions: readonly lambda.Function[];
  readonly api: appsync.GraphqlApi;
  readonly keySecret: secretsmanager.Secret;
  readonly fallbackQueue: sqs.Queue | undefined;
}

export const NAG_REASONS = {
  'AwsSolutions-SMG4':
    'The secret keys the HMAC of every issued API key; rotating it would invalidate them all. Keys are rotated instead (createApiKey, revokeApiKey).',
  'AwsSolutions-L1':
    'The functions target Node.js 22, the runtime the bundles are built for and tested on; moving to a newer runtime is a deliberate, tested change.',
  'AwsSolutions-ASC3':
    'Request logging is on (field level, with a CloudWatch role); verbose content is excluded on purpose so prompts, responses and Authorization headers never reach the logs.',
  'AwsSolutions-SQS3':
    'This queue is itself the dead-letter queue of ledger writes; nothing consumes it automatically, and its depth raises an alarm.',
} as const;

export function acknowledgeNagFindings(scope: NagScope): void {
  const acknowledge = (construct: Construct, id: keyof typeof NAG_REASONS): void => {
    Validations.of(construct).acknowledge({ id, reason: NAG_REASONS[id] });
  };
  acknowledge(scope.keySecret, 'AwsSolutions-SMG4');
  acknowledge(scope.api, 'AwsSolutions-ASC3');
  for (const fn of scope.functions) acknowledge(fn, 'AwsSolutions-L1');
  if (scope.fallbackQueue !== undefined) acknowledge(scope.fallbackQueue, 'AwsSolutions-SQS3');

  for (const node of scope.root.node.findAll()) {
    if (!(node instanceof iam.CfnPolicy)) continue;
    for (const statement of statementsOf(Stack.of(node).resolve(node.policyDocument))) {
      for (const resource of statement.resources) {
        if (!resource.includes('*')) continue;
        const reason = wildcardReason(statement.actions, resource);
        if (reason !== undefined) Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
      }
    }
  }
}

/** Why a wildcard resource is as narrow as the service allows, or undefined when it is not a known kind. */
export function wildcardReason(actions: readonly string[], resource: string): string | undefined {
  const all = (prefix: string): boolean => actions.length > 0 && actions.every((action) => action.startsWith(prefix));
  if (resource === '*' && all('xray:')) {
    return 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.';
  }
  if (resource.endsWith('/index/*') && all('dynamodb:')) {
    return "Queries use the table's own global secondary indexes; the grant names the table and covers only its indexes.";
  }
  if (resource.includes(':bedrock:') && all('bedrock:')) {
    return 'Bedrock invocation is limited to foundation-model and inference-profile ARNs (every region, since cross-region profiles route anywhere); set bedrockModelIds to name the models.';
  }
  if (resource.endsWith(':*') && all('lambda:InvokeFunction')) {
    return "AppSync invokes the data source's own function; the wildcard covers that function's versions and aliases only.";
  }
  return undefined;
}

interface FlatStatement {
  readonly actions: readonly string[];
  /** Resources flattened as cdk-nag names them: `<LogicalId.Arn>`, `<AWS::Partition>`, … */
  readonly resources: readonly string[];
}

function statementsOf(document: unknown): FlatStatement[] {
  if (!isRecord(document)) return [];
  return asList(document['Statement'])
    .filter(isRecord)
    .filter((statement) => statement['Effect'] === 'Allow')
    .map((statement) => ({
      actions: asList(statement['Action']).filter((action): action is string => typeof action === 'string'),
      resources: asList(statement['Resource']).map(flatten),
    }));
}

/** A CloudFormation value as one string, the way cdk-nag writes resources in finding ids. */
export function flatten(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (isRecord(value)) {
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map(flatten).join(join[0]);
    if ('Fn::Sub' in value) return flatten(value['Fn::Sub']);
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
    if ('Fn::ImportValue' in value) return flatten(value['Fn::ImportValue']);
    if ('Ref' in value) return `<${flatten(value['Ref'])}>`;
  }
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
