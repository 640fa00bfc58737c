/**
 * The deploy settings, read from the CDK app's context (`-c name=value`, or cdk.json) and typed as
 * the stack's props. Every setting is optional; the defaults are those of `BedrockLedgerApi`.
 *
 * stackName, region, bedrockRegion, bedrockModelIds (comma-separated), apiName, authorizerTtlSeconds,
 * logLevel, logRetentionDays, ledgerRetentionDays, alarmEmail, dailySpendThresholdUsd, waf,
 * reservedConcurrency (`false` to reserve none).
 */
import type { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { FunctionLogLevel } from './constructs/bedrock-ledger-api.ts';
import type { LedgerStackProps } from './stacks/ledger-stack.ts';

export class ContextError extends Error {
  override name = 'ContextError';
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const LOG_LEVELS: readonly FunctionLogLevel[] = ['debug', 'info', 'warn', 'error'];
const isLogLevel = (value: string): value is FunctionLogLevel => (LOG_LEVELS as readonly string[]).includes(value);

/** The stack's name and props from the app's context; every setting is optional. */
export function readContext(app: App): { readonly stackName: string; readonly props: LedgerStackProps } {
  const raw = (key: string): unknown => {
    const value: unknown = app.node.tryGetContext(key);
    return value === null || value === '' ? undefined : value;
  };
  const text = (key: string): string | undefined => {
    const value = raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new ContextError(`context "${key}" must be a string, got ${JSON.stringify(value)}`);
    return value;
  };
  const integer = (key: string): number | undefined => {
    const value = raw(key);
    if (value === undefined) return undefined;
    const parsed = typeof value === 'string' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isInteger(parsed)) {
      throw new ContextError(`context "${key}" must be an integer, got ${JSON.stringify(value)}`);
    }
    return parsed;
  };
  const flag = (key: string): boolean | undefined => {
    const value = raw(key);
    if (value === undefined) return undefined;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new ContextError(`context "${key}" must be true or false, got ${JSON.stringify(value)}`);
  };
  const region = (key: string): string | undefined => {
    const value = text(key);
    if (value !== undefined && !REGION.test(value)) throw new ContextError(`context "${key}" must be an AWS region such as us-east-1, got "${value}"`);
    return value;
  };

  const stackName = text('stackName') ?? 'BedrockLedger';
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new ContextError(`context "stackName" must start with a letter and hold only letters, digits and hyphens, got "${stackName}"`);
  }
  const days = integer('logRetentionDays');
  const logRetention = days === undefined ? undefined : Object.values(logs.RetentionDays).find((value): value is logs.RetentionDays => value === days);
  if (days !== undefined && logRetention === undefined) {
    throw new ContextError(`context "logRetentionDays" must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …), got ${days}`);
  }
  const logLevel = text('logLevel');
  if (logLevel !== undefined && !isLogLevel(logLevel)) {
    throw new ContextError(`context "logLevel" must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const models = raw('bedrockModelIds');
  const bedrockModelIds =
    models === undefined
      ? undefined
      : typeof models === 'string'
        ? models.split(',').map((id) => id.trim()).filter((id) => id !== '')
        : Array.isArray(models) && models.every((id): id is string => typeof id === 'string')
          ? models
          : undefined;
  if (models !== undefined && bedrockModelIds === undefined) {
    throw new ContextError(`context "bedrockModelIds" must be a comma-separated list of model ids, got ${JSON.stringify(models)}`);
  }
  const reserved = flag('reservedConcurrency');
  if (reserved === true) throw new ContextError('context "reservedConcurrency" can only be false (reserve none); the amounts are props of BedrockLedgerApi');

  const definedOnly = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
  const targetRegion = region('region');
  return {
    stackName,
    props: definedOnly<LedgerStackProps>({
      ...(targetRegion === undefined ? {} : { env: { region: targetRegion } }),
      description: 'bedrock-ledger: AppSync GraphQL proxy for Amazon Bedrock with per-API-key usage and cost',
      bedrockRegion: region('bedrockRegion'),
      bedrockModelIds,
      apiName: text('apiName'),
      authorizerTtlSeconds: integer('authorizerTtlSeconds'),
      logLevel: logLevel !== undefined && isLogLevel(logLevel) ? logLevel : undefined,
      logRetention,
      ledgerRetentionDays: integer('ledgerRetentionDays'),
      alarmEmail: text('alarmEmail'),
      dailySpendThresholdUsd: integer('dailySpendThresholdUsd'),
      waf: flag('waf'),
      reservedConcurrency: reserved,
    }),
  };
}

