/**
 * CloudWatch metrics of one recorded invocation, written as ONE log line in CloudWatch's Embedded
 * Metric Format (EMF): CloudWatch Logs extracts the metrics from the function's log group, so the
 * invocation never waits on a PutMetricData call.
 *
 * Metrics (namespace `BedrockLedger`): InputTokens, OutputTokens, CacheReadInputTokens,
 * CacheWriteInputTokens and Invocations (unit Count) and CostNanoUsd (unit None): the cost in integer
 * nano-USD, exactly as the ledger recorded it. CloudWatch stores metric values as doubles, so sums of
 * CostNanoUsd are a display (dashboards divide by 1e9 to show USD); the ledger stays the record of money.
 *
 * Dimension sets: ModelId × PrincipalId (cost per principal and model), ModelId alone (per model) and
 * none (the whole API, for the daily-spend alarm).
 */

export const METRICS_NAMESPACE = 'BedrockLedger';

export const METRIC = {
  inputTokens: 'InputTokens',
  outputTokens: 'OutputTokens',
  cacheReadInputTokens: 'CacheReadInputTokens',
  cacheWriteInputTokens: 'CacheWriteInputTokens',
  costNanoUsd: 'CostNanoUsd',
  invocations: 'Invocations',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

export const DIMENSION = { modelId: 'ModelId', principalId: 'PrincipalId', team: 'Team' } as const;

/** Every dimension combination the metrics are published under. */
export const DIMENSION_SETS: readonly (readonly string[])[] = [[DIMENSION.modelId, DIMENSION.principalId], [DIMENSION.modelId], []];

/** CloudWatch's longest dimension value. */
const MAX_DIMENSION_VALUE_LENGTH = 1024;

/** What one recorded invocation reports: the fields of the invokeModel result the metrics need. */
export interface InvocationMetricsInput {
  readonly invocationId: string;
  readonly principalId: string;
  readonly modelId: string;
  readonly usage: {
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly cacheReadInputTokens: number;
    readonly cacheWriteInputTokens: number;
  };
  /** Integer nano-USD as a decimal string, as the ledger recorded it. */
  readonly cost: { readonly nanoUsd: string };
  /** The principal's team: its invocations are also published under Team alone. */
  readonly team?: string | null;
}

/** The EMF document of one invocation, as one JSON line ending in a newline. */
export function invocationMetricsLine(invocation: InvocationMetricsInput, timestampMs: number): string {
  const values: Record<MetricName, number> = {
    [METRIC.inputTokens]: count(invocation.usage.inputTokens),
    [METRIC.outputTokens]: count(invocation.usage.outputTokens),
    [METRIC.cacheReadInputTokens]: count(invocation.usage.cacheReadInputTokens),
    [METRIC.cacheWriteInputTokens]: count(invocation.usage.cacheWriteInputTokens),
    [METRIC.costNanoUsd]: nanoUsd(invocation.cost.nanoUsd),
    [METRIC.invocations]: 1,
  };
  const document = {
    _aws: {
      Timestamp: Math.trunc(timestampMs),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          // A dimension set may name only keys the document has: Team only for invocations with a team.
          Dimensions: [...DIMENSION_SETS.map((set) => [...set]), ...(invocation.team ? [[DIMENSION.team]] : [])],
          Metrics: (Object.keys(values) as MetricName[]).map((name) => ({ Name: name, Unit: name === METRIC.costNanoUsd ? 'None' : 'Count' })),
        },
      ],
    },
    [DIMENSION.modelId]: dimensionValue(invocation.modelId),
    [DIMENSION.principalId]: dimensionValue(invocation.principalId),
    ...(invocation.team ? { [DIMENSION.team]: dimensionValue(invocation.team) } : {}),
    ...values,
    invocationId: invocation.invocationId,
  };
  return `${JSON.stringify(document)}\n`;
}

/** Writes the invocation's metrics line to stdout, where Lambda ships it to CloudWatch Logs unprefixed. */
export function emitInvocationMetrics(
  invocation: InvocationMetricsInput,
  write: (line: string) => void = (line) => process.stdout.write(line),
  now: () => number = Date.now,
): void {
  write(invocationMetricsLine(invocation, now()));
}

/** Token counts are non-negative integers; anything else is reported as 0 rather than break the line. */
function count(value: number): number {
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

function nanoUsd(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : 0;
}

/** CloudWatch refuses empty dimension values and values over 1024 characters. */
function dimensionValue(value: string): string {
  const trimmed = value.slice(0, MAX_DIMENSION_VALUE_LENGTH);
  return trimmed.trim() === '' ? 'unknown' : trimmed;
}
