/**
 * The contract between the sandbox and the host-side implementations of `util`, `runtime`,
 * `extensions`, `console` and the `@aws-appsync/utils/dynamodb` helpers.
 *
 * Resolver code never sees these host functions: the sandbox calls them through a bridge that passes
 * arguments and results as JSON text, so no host object (and no host prototype) enters the context.
 */
import type { AppSyncInfo, EvaluationState, ResolverError } from './types.ts';

/** How a handler stopped early: `util.error`/`util.unauthorized` or `runtime.earlyReturn`. */
export type SignalOutcome =
  | { kind: 'error'; error: ResolverError }
  | { kind: 'earlyReturn'; value: unknown; skipTo: 'END' | 'NEXT' };

/** What a host function may consult while serving one handler call. */
export interface CallScope {
  readonly state: EvaluationState;
  readonly info: AppSyncInfo;
}

/** A host implementation of one sandbox function; `args` is already a JSON copy. */
export type HostFunction = (args: readonly unknown[], scope: CallScope) => unknown;

/** Host functions keyed by their dotted path in the sandbox (`util.time.nowISO8601`, `dynamodb.get`). */
export type HostApi = Readonly<Record<string, HostFunction>>;

/** Thrown by host functions that never return (`util.error`, `runtime.earlyReturn`); the bridge unwinds the handler. */
export class ResolverSignal extends Error {
  override readonly name = 'ResolverSignal';
  constructor(readonly outcome: SignalOutcome) {
    super(outcome.kind);
  }
}

/** Thrown by host functions for invalid input; resolver code sees it as an uncaught error. */
export class UtilArgumentError extends Error {
  override readonly name = 'UtilArgumentError';
}

export function stringArg(args: readonly unknown[], index: number, fn: string): string {
  const value = args[index];
  if (typeof value !== 'string') {
    throw new UtilArgumentError(`${fn} expects a string as argument ${index + 1}, got ${describeType(value)}`);
  }
  return value;
}

export function numberArg(args: readonly unknown[], index: number, fn: string): number {
  const value = args[index];
  if (typeof value !== 'number') {
    throw new UtilArgumentError(`${fn} expects a number as argument ${index + 1}, got ${describeType(value)}`);
  }
  return value;
}

export function optionalStringArg(args: readonly unknown[], index: number, fn: string): string | undefined {
  const value = args[index];
  return value === undefined || value === null ? undefined : stringArg(args, index, fn);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
