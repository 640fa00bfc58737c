import { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { readContext } from '../../infra/context.ts';

const read = (context: Record<string, unknown>): ReturnType<typeof readContext> => readContext(new App({ context }));

describe('readContext', () => {
  it('returns the default stack name and no settings when the context is empty', () => {
    const { stackName, props } = read({});
    expect(stackName).toBe('BedrockLedger');
    expect(props).toEqual({ description: expect.stringContaining('bedrock-ledger') });
  });

  it('reads every setting, from strings as `-c name=value` passes them', () => {
    const { stackName, props } = read({
      stackName: 'LedgerProd',
      region: 'eu-west-2',
      bedrockRegion: 'us-east-1',
      bedrockModelIds: 'anthropic.claude-3-haiku-20240307-v1:0, us.amazon.nova-micro-v1:0',
      apiName: 'ledger-prod',
      authorizerTtlSeconds: '30',
      logLevel: 'warn',
      logRetentionDays: '90',
      ledgerRetentionDays: '400',
      alarmEmail: 'ops@example.com',
      dailySpendThresholdUsd: '250',
      waf: 'true',
      reservedConcurrency: 'false',
    });
    expect(stackName).toBe('LedgerProd');
    expect(props).toMatchObject({
      env: { region: 'eu-west-2' },
      bedrockRegion: 'us-east-1',
      bedrockModelIds: ['anthropic.claude-3-haiku-20240307-v1:0', 'us.amazon.nova-micro-v1:0'],
      apiName: 'ledger-prod',
      authorizerTtlSeconds: 30,
      logLevel: 'warn',
      logRetention: logs.RetentionDays.THREE_MONTHS,
      ledgerRetentionDays: 400,
      alarmEmail: 'ops@example.com',
      dailySpendThresholdUsd: 250,
      waf: true,
      reservedConcurrency: false,
    });
  });

  it('reads typed values as cdk.json holds them', () => {
    expect(read({ authorizerTtlSeconds: 60, waf: false, logRetentionDays: 30 }).props).toMatchObject({
      authorizerTtlSeconds: 60,
      waf: false,
      logRetention: logs.RetentionDays.ONE_MONTH,
    });
  });

  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ['region is not a region', { region: 'europe' }, /context "region" must be an AWS region such as us-east-1, got "europe"/],
    ['logRetentionDays is not a CloudWatch retention', { logRetentionDays: '31' }, /context "logRetentionDays" must be a CloudWatch Logs retention/],
    ['logLevel is unknown', { logLevel: 'verbose' }, /context "logLevel" must be one of debug, info, warn, error, got "verbose"/],
    ['authorizerTtlSeconds is not an integer', { authorizerTtlSeconds: 'soon' }, /context "authorizerTtlSeconds" must be an integer, got "soon"/],
    ['waf is neither true nor false', { waf: 'yes' }, /context "waf" must be true or false, got "yes"/],
    ['reservedConcurrency is true', { reservedConcurrency: 'true' }, /context "reservedConcurrency" can only be false/],
    ['stackName holds an underscore', { stackName: 'bedrock_ledger' }, /context "stackName" must start with a letter/],
  ];

  it.each(invalid)('fails when %s, naming the setting', (_case, context, message) => {
    expect(() => read(context)).toThrow(message);
  });
});
