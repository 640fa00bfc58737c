/**
 * Expected shapes come from CloudWatch's "Specification: Embedded metric format": a LogEvent that is
 * one JSON object; `_aws` holding `Timestamp` (epoch milliseconds) and `CloudWatchMetrics`, an array of
 * MetricDirectives with only `Namespace`, `Dimensions` (arrays of at most 30 keys, each naming a root
 * member whose value is a string) and `Metrics` (at most 100 MetricDefinitions, each `Name` naming a
 * root member whose value is a number, `Unit` one of CloudWatch's units); dimension values of 1 to
 * 1024 characters.
 */
import { describe, expect, it } from 'vitest';
import { emitInvocationMetrics, invocationMetricsLine } from '../../../../functions/lib/metrics.ts';
import type { InvocationMetricsInput } from '../../../../functions/lib/metrics.ts';

const CLOUDWATCH_UNITS = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second',
  'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
]);

const TIMESTAMP = Date.UTC(2026, 10, 26, 12, 30, 15, 123);

function invocation(overrides: Partial<InvocationMetricsInput> = {}): InvocationMetricsInput {
  return {
    invocationId: 'inv-0001',
    principalId: 'principal-7',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    usage: { inputTokens: 12, outputTokens: 34, cacheReadInputTokens: 5, cacheWriteInputTokens: 6 },
    cost: { nanoUsd: '1234567' },
    ...overrides,
  };
}

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parse(line: string): Json {
  const parsed: unknown = JSON.parse(line);
  if (!isJson(parsed)) throw new Error('the line is not a JSON object');
  return parsed;
}

interface Directive {
  readonly Namespace: string;
  readonly Dimensions: string[][];
  readonly Metrics: Array<{ readonly Name: string; readonly Unit?: string }>;
}

function directives(document: Json): Directive[] {
  const aws = document['_aws'];
  if (!isJson(aws) || !Array.isArray(aws['CloudWatchMetrics'])) throw new Error('no _aws.CloudWatchMetrics');
  return aws['CloudWatchMetrics'] as Directive[];
}

describe('invocationMetricsLine', () => {
  const line = invocationMetricsLine(invocation(), TIMESTAMP);
  const document = parse(line);

  it('returns one JSON object on one line, ending in a newline', () => {
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(line.startsWith('{')).toBe(true);
  });

  it('puts the timestamp in _aws.Timestamp as epoch milliseconds, beside CloudWatchMetrics only', () => {
    expect(document['_aws']).toEqual({ Timestamp: TIMESTAMP, CloudWatchMetrics: expect.any(Array) });
  });

  it('declares one directive in the BedrockLedger namespace with only Namespace, Dimensions and Metrics', () => {
    const all = directives(document);
    expect(all).toHaveLength(1);
    expect(Object.keys(all[0] ?? {}).sort()).toEqual(['Dimensions', 'Metrics', 'Namespace']);
    expect(all[0]?.Namespace).toBe('BedrockLedger');
  });

  it('publishes under ModelId × PrincipalId, ModelId alone, and no dimension', () => {
    expect(directives(document)[0]?.Dimensions).toEqual([['ModelId', 'PrincipalId'], ['ModelId'], []]);
  });

  it('adds Team alone as a dimension set, with its member, when the invocation has a team', () => {
    const teamed = parse(invocationMetricsLine({ ...invocation(), team: 'research' }, TIMESTAMP));
    expect(directives(teamed)[0]?.Dimensions).toEqual([['ModelId', 'PrincipalId'], ['ModelId'], [], ['Team']]);
    expect(teamed['Team']).toBe('research');
    expect(document['Team']).toBeUndefined();
  });

  it('gives every dimension key a string member at the root, at most 30 keys per set', () => {
    for (const set of directives(document)[0]?.Dimensions ?? []) {
      expect(set.length).toBeLessThanOrEqual(30);
      for (const key of set) expect(typeof document[key]).toBe('string');
    }
    expect(document['ModelId']).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(document['PrincipalId']).toBe('principal-7');
  });

  it('gives every metric a numeric member at the root and a CloudWatch unit, at most 100 metrics', () => {
    const metrics = directives(document)[0]?.Metrics ?? [];
    expect(metrics.length).toBeLessThanOrEqual(100);
    for (const metric of metrics) {
      expect(typeof document[metric.Name]).toBe('number');
      expect(Number.isFinite(document[metric.Name])).toBe(true);
      expect(CLOUDWATCH_UNITS.has(metric.Unit ?? 'None')).toBe(true);
    }
  });

  it('reports the tokens, the cost in nano-USD and one invocation', () => {
    expect(directives(document)[0]?.Metrics).toEqual([
      { Name: 'InputTokens', Unit: 'Count' },
      { Name: 'OutputTokens', Unit: 'Count' },
      { Name: 'CacheReadInputTokens', Unit: 'Count' },
      { Name: 'CacheWriteInputTokens', Unit: 'Count' },
      { Name: 'CostNanoUsd', Unit: 'None' },
      { Name: 'Invocations', Unit: 'Count' },
    ]);
    expect(document).toMatchObject({
      InputTokens: 12,
      OutputTokens: 34,
      CacheReadInputTokens: 5,
      CacheWriteInputTokens: 6,
      CostNanoUsd: 1234567,
      Invocations: 1,
      invocationId: 'inv-0001',
    });
  });

  it('reports an unpriced invocation with a cost of zero', () => {
    expect(parse(invocationMetricsLine(invocation({ cost: { nanoUsd: '0' } }), TIMESTAMP))['CostNanoUsd']).toBe(0);
  });

  it('cuts a dimension value to the 1024 characters CloudWatch accepts', () => {
    const modelId = `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/${'x'.repeat(2000)}`;
    const value = parse(invocationMetricsLine(invocation({ modelId }), TIMESTAMP))['ModelId'];
    expect(value).toBe(modelId.slice(0, 1024));
  });

  it('never copies fields it was not asked to report, such as the response body', () => {
    const withBody = { ...invocation(), body: '{"content":"a private reply"}' };
    expect(invocationMetricsLine(withBody, TIMESTAMP)).not.toContain('private reply');
  });
});

describe('emitInvocationMetrics', () => {
  it('writes exactly one metrics line per invocation, stamped with the current time', () => {
    const lines: string[] = [];
    emitInvocationMetrics(invocation(), (line) => lines.push(line), () => TIMESTAMP);
    expect(lines).toEqual([invocationMetricsLine(invocation(), TIMESTAMP)]);
  });
});
