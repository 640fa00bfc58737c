/**
 * `BedrockLedgerApi` dropped into a team's own stack with every optional setting changed from its
 * default, asserted on the synthesized template; and the props it refuses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BedrockLedgerApi } from '../../infra/constructs/bedrock-ledger-api.ts';
import type { BedrockLedgerApiProps } from '../../infra/constructs/bedrock-ledger-api.ts';
import { MANAGED_RULE_GROUPS } from '../../infra/constructs/web-acl.ts';
import { FUNCTIONS } from '../../resolvers/manifest.ts';
import type { FunctionName } from '../../resolvers/manifest.ts';

type Json = Record<string, unknown>;

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const PROFILE = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';

const PROPS = {
  apiName: 'team-ledger',
  authorizerTtlSeconds: 0,
  logLevel: 'debug',
  apiFieldLogLevel: appsync.FieldLogLevel.ALL,
  ledgerRetentionDays: 90,
  bedrockRegion: 'us-west-2',
  bedrockModelIds: [MODEL, PROFILE],
  reservedConcurrency: false,
  queryDepthLimit: 5,
  resolverCountLimit: 50,
  waf: true,
  wafRateLimitPer5Minutes: 500,
  alarmEmail: 'platform@example.com',
  dailySpendThresholdUsd: 25,
  tableDeletionProtection: false,
} as const satisfies BedrockLedgerApiProps;

/** Synthesizing bundles every function; on a busy machine that outlasts the default hook timeout. */
const SYNTH_TIMEOUT_MS = 180_000;

let outdir: string;
let stack: Stack;
let ledger: BedrockLedgerApi;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-construct-'));
  stack = new Stack(new App({ outdir }), 'TeamStack');
  ledger = new BedrockLedgerApi(stack, 'Ledger', PROPS);
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function logicalId(construct: IConstruct | undefined): string {
  const element = construct instanceof CfnElement ? construct : construct?.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${construct?.node.path ?? 'construct'} has no CloudFormation resource`);
  return stack.getLogicalId(element);
}

function properties(id: string): Json {
  const resource: unknown = template.toJSON()['Resources']?.[id];
  if (!isJson(resource) || !isJson(resource['Properties'])) throw new Error(`no resource ${id}`);
  return resource['Properties'];
}

function environment(name: FunctionName): Json {
  const env = properties(logicalId(ledger.functions[name].function))['Environment'];
  return isJson(env) && isJson(env['Variables']) ? env['Variables'] : {};
}

/** Flattens an Fn::Join ARN, pseudo parameters as <AWS::Partition>. */
function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isJson(value) && Array.isArray(value['Fn::Join'])) {
    const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
    return parts.map(flat).join(separator);
  }
  if (isJson(value) && typeof value['Ref'] === 'string') return `<${value['Ref']}>`;
  return JSON.stringify(value);
}

function bedrockStatements(): Array<{ actions: string[]; resources: string[] }> {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((policy) => {
      const statements: unknown = (policy['Properties'] as { PolicyDocument: { Statement: unknown } }).PolicyDocument.Statement;
      return Array.isArray(statements) ? statements.filter(isJson) : [];
    })
    .map((statement) => ({
      actions: ([] as unknown[]).concat(statement['Action']).map(String),
      resources: ([] as unknown[]).concat(statement['Resource']).map(flat),
    }))
    .filter((statement) => statement.actions.some((action) => action.startsWith('bedrock:')));
}

describe('BedrockLedgerApi', () => {
  describe('in a team stack, with every setting changed', () => {
    it('reports no unacknowledged AwsSolutions finding, with WAF and named models', () => {
      const report = new AwsSolutionsChecks().validateScope(stack);
      expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
    });

    it('lets the invoke-model function invoke only the named model and profile, and the profile its foundation model', () => {
      const statements = bedrockStatements();
      expect(statements).toEqual([
        {
          actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          resources: [
            `arn:<AWS::Partition>:bedrock:*::foundation-model/${MODEL}`,
            `arn:<AWS::Partition>:bedrock:*::foundation-model/${PROFILE.replace(/^us\./, '')}`,
            `arn:<AWS::Partition>:bedrock:*:<AWS::AccountId>:inference-profile/${PROFILE}`,
          ],
        },
        { actions: ['bedrock:GetInferenceProfile'], resources: [`arn:<AWS::Partition>:bedrock:*:<AWS::AccountId>:inference-profile/${PROFILE}`] },
      ]);
    });

    it('passes the log level, the ledger retention and the Bedrock region to the functions', () => {
      expect(environment('invokeModel')).toMatchObject({ LOG_LEVEL: 'debug', LEDGER_RETENTION_DAYS: '90', BEDROCK_REGION: 'us-west-2' });
      expect(environment('authorizer')).toMatchObject({ LOG_LEVEL: 'debug', AUTHORIZER_TTL_SECONDS: '0' });
      expect(environment('authorizer')['LEDGER_RETENTION_DAYS']).toBeUndefined();
    });

    it.each(Object.keys(FUNCTIONS))('reserves no concurrency for %s when reservedConcurrency is false', (name) => {
      expect(properties(logicalId(ledger.functions[name as FunctionName].function))['ReservedConcurrentExecutions']).toBeUndefined();
    });

    it('names the API and applies the field log level, depth and resolver limits, still without verbose content', () => {
      expect(properties(logicalId(ledger.graphqlApi.api))).toMatchObject({
        Name: 'team-ledger',
        QueryDepthLimit: 5,
        ResolverCountLimit: 50,
        LogConfig: { FieldLogLevel: 'ALL', ExcludeVerboseContent: true },
        LambdaAuthorizerConfig: { AuthorizerResultTtlInSeconds: 0 },
      });
    });

    it('turns deletion protection off on every table when asked', () => {
      template.allResourcesProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    });

    it('subscribes the alarm email to the alarm topic', () => {
      template.resourceCountIs('AWS::SNS::Subscription', 1);
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'platform@example.com',
        TopicArn: { Ref: logicalId(ledger.monitoring.topic) },
      });
    });

    it('raises the daily-spend alarm at the given number of dollars, in nano-USD', () => {
      expect(properties(logicalId(ledger.monitoring.alarms.get('DailySpend')))).toMatchObject({ Threshold: 25_000_000_000 });
    });

    it('puts a regional web ACL with the managed rule groups and a per-IP rate limit in front of the API', () => {
      template.resourceCountIs('AWS::WAFv2::WebACL', 1);
      const acl = properties(logicalId(ledger.webAcl?.webAcl));
      expect(acl).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
      const rules = Array.isArray(acl['Rules']) ? acl['Rules'].filter(isJson) : [];
      expect(rules.map((rule) => rule['Name'])).toEqual([...MANAGED_RULE_GROUPS, 'RateLimitPerIp']);
      expect(rules.at(-1)).toMatchObject({ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: 'IP' } } });
      for (const rule of rules.slice(0, -1)) {
        expect(rule).toMatchObject({ OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: rule['Name'] } } });
      }
    });

    it('lets prompts larger than 8 KB through the common rule set, counting them instead of blocking', () => {
      template.hasResourceProperties('AWS::WAFv2::WebACL', {
        Rules: Match.arrayWith([
          Match.objectLike({
            Name: 'AWSManagedRulesCommonRuleSet',
            Statement: { ManagedRuleGroupStatement: { RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }] } },
          }),
        ]),
      });
    });

    it('associates the web ACL with the GraphQL API', () => {
      template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
        ResourceArn: { 'Fn::GetAtt': [logicalId(ledger.graphqlApi.api), 'Arn'] },
        WebACLArn: { 'Fn::GetAtt': [logicalId(ledger.webAcl?.webAcl), 'Arn'] },
      });
    });
  });

  describe('validation', () => {
    const invalid: Array<[string, BedrockLedgerApiProps, RegExp]> = [
      ['authorizerTtlSeconds is -1', { authorizerTtlSeconds: -1 }, /authorizerTtlSeconds must be an integer from 0 to 3600, got -1/],
      ['authorizerTtlSeconds is 3601', { authorizerTtlSeconds: 3601 }, /authorizerTtlSeconds must be an integer from 0 to 3600/],
      ['authorizerTtlSeconds is 1.5', { authorizerTtlSeconds: 1.5 }, /authorizerTtlSeconds must be an integer from 0 to 3600/],
      ['ledgerRetentionDays is 0', { ledgerRetentionDays: 0 }, /ledgerRetentionDays must be an integer from 1 to 36500, got 0/],
      ['bedrockRegion is not a region', { bedrockRegion: 'Frankfurt' }, /bedrockRegion must be an AWS region such as us-east-1, got "Frankfurt"/],
      ['a reserved concurrency is 0', { reservedConcurrency: { invokeModel: 0 } }, /reservedConcurrency.invokeModel must be a positive integer/],
      ['apiName has a slash', { apiName: 'team/ledger' }, /apiName must be 1 to 65 letters/],
      ['bedrockModelIds is empty', { bedrockModelIds: [] }, /modelIds is empty; omit it to allow every model/],
      ['a model id is an ARN pattern', { bedrockModelIds: ['anthropic.*'] }, /"anthropic\.\*" is not a Bedrock model or inference profile id/],
      ['queryDepthLimit is 76', { queryDepthLimit: 76 }, /queryDepthLimit must be an integer from 1 to 75, got 76/],
      ['resolverCountLimit is 0', { resolverCountLimit: 0 }, /resolverCountLimit must be an integer from 1 to 10000, got 0/],
      ['wafRateLimitPer5Minutes is 5', { waf: true, wafRateLimitPer5Minutes: 5 }, /rateLimitPer5Minutes must be an integer from 10 to 2000000000, got 5/],
      ['alarmEmail is not an address', { alarmEmail: 'platform team' }, /alarmEmail must be an email address, got "platform team"/],
      ['dailySpendThresholdUsd is 0.5', { dailySpendThresholdUsd: 0.5 }, /dailySpendThresholdUsd must be a whole number of dollars, at least 1, got 0.5/],
    ];

    it.each(invalid)('fails when %s, naming the setting and the allowed values', (_case, props, message) => {
      expect(() => new BedrockLedgerApi(new Stack(new App(), 'Invalid'), 'Ledger', props)).toThrow(message);
    });

    it('names the construct path in the message', () => {
      expect(() => new BedrockLedgerApi(new Stack(new App(), 'Invalid'), 'Ledger', { authorizerTtlSeconds: -1 })).toThrow(/^BedrockLedgerApi Invalid\/Ledger: /);
    });
  });
});
