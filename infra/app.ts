/**
 * CDK app entry (`cdk synth`, `cdk deploy`; cdk.json runs it with tsx). Reads typed context, with the
 * defaults below and in cdk.json, and synthesizes one env-agnostic stack unless a region is given.
 * Needs no credentials and does no lookups.
 *
 * Context: stackName, region, bedrockRegion, authorizerTtlSeconds, logRetentionDays
 * (e.g. `npx cdk deploy -c region=eu-west-1 -c authorizerTtlSeconds=30`).
 */
import { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { API } from '../resolvers/manifest.ts';
import { LedgerStack } from './stacks/ledger-stack.ts';

interface LedgerContext {
  readonly stackName: string;
  readonly region: string | undefined;
  readonly bedrockRegion: string | undefined;
  readonly authorizerTtlSeconds: number;
  readonly logRetention: logs.RetentionDays;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function readContext(app: App): LedgerContext {
  const text = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`context "${key}" must be a string, got ${JSON.stringify(value)}`);
    return value;
  };
  const integer = (key: string): number | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = typeof value === 'string' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isInteger(parsed)) {
      throw new Error(`context "${key}" must be an integer, got ${JSON.stringify(value)}`);
    }
    return parsed;
  };
  const region = (key: string): string | undefined => {
    const value = text(key);
    if (value !== undefined && !REGION.test(value)) throw new Error(`context "${key}" must be an AWS region such as us-east-1, got "${value}"`);
    return value;
  };

  const stackName = text('stackName') ?? 'BedrockLedger';
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new Error(`context "stackName" must start with a letter and hold only letters, digits and hyphens, got "${stackName}"`);
  }
  const days = integer('logRetentionDays') ?? logs.RetentionDays.ONE_MONTH;
  const logRetention = Object.values(logs.RetentionDays).find((value): value is logs.RetentionDays => value === days);
  if (logRetention === undefined) {
    throw new Error(`context "logRetentionDays" must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …), got ${days}`);
  }
  return {
    stackName,
    region: region('region'),
    bedrockRegion: region('bedrockRegion'),
    authorizerTtlSeconds: integer('authorizerTtlSeconds') ?? API.authorizer.resultTtlSeconds,
    logRetention,
  };
}

const app = new App();
const context = readContext(app);
new LedgerStack(app, context.stackName, {
  ...(context.region === undefined ? {} : { env: { region: context.region } }),
  description: 'bedrock-ledger: AppSync GraphQL proxy for Amazon Bedrock with per-API-key usage and cost',
  authorizerTtlSeconds: context.authorizerTtlSeconds,
  logRetention: context.logRetention,
  ...(context.bedrockRegion === undefined ? {} : { bedrockRegion: context.bedrockRegion }),
});
app.synth();
