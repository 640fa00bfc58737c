/**
 * Runs one handler (`request` or `response`) of a loaded resolver module and reports how it ended:
 * a value, an error (GraphQL error entry), or `runtime.earlyReturn`.
 */
import type { SignalOutcome } from './host-api.ts';
import type {
  AppSyncContext,
  EvaluationResult,
  EvaluationState,
  HandlerName,
  ResolverError,
  ResolverModule,
} from './types.ts';

export type {
  AppSyncContext,
  AppSyncInfo,
  AppSyncRequestInfo,
  AuthTypeName,
  EvaluationResult,
  EvaluationState,
  HandlerName,
  ResolverError,
  ResolverModule,
} from './types.ts';
export { createEvaluationState } from './types.ts';

/** What the sandbox reports after a handler call (JSON parsed on the host side). */
export interface RawOutcome {
  /** v = returned a value, s = stopped by util.error/unauthorized/earlyReturn, x = uncaught JavaScript error. */
  readonly t: 'v' | 's' | 'x';
  readonly v?: unknown;
  readonly e?: { readonly name: string; readonly message: string };
  readonly stash?: Record<string, unknown> | null;
  readonly arguments?: Record<string, unknown> | null;
}

/**
 * The errorType for uncaught JavaScript errors in resolver code is not documented; reference §9
 * item 2 leaves it unsure. We use "Code" (what a third-party implementation uses, §1.5) and the
 * message `<ErrorName>: <message>`.
 */
export const CODE_ERROR_TYPE = 'Code';

export function evaluate(
  module: ResolverModule,
  fn: HandlerName,
  ctx: AppSyncContext,
  state: EvaluationState,
): EvaluationResult {
  const handler = module[fn];
  if (handler === undefined) {
    return {
      kind: 'error',
      error: { message: `${module.name} does not export a ${fn} function`, errorType: CODE_ERROR_TYPE, data: null, errorInfo: null },
    };
  }
  return handler(ctx, state);
}

export function toEvaluationResult(outcome: RawOutcome, signal: SignalOutcome | undefined): EvaluationResult {
  if (outcome.t === 'v') return { kind: 'value', value: outcome.v ?? null };
  if (outcome.t === 's' && signal !== undefined) {
    return signal.kind === 'error' ? { kind: 'error', error: signal.error } : signal;
  }
  const name = outcome.e?.name ?? 'Error';
  const message = outcome.e?.message ?? 'The handler stopped without a result';
  const error: ResolverError = { message: `${name}: ${message}`, errorType: CODE_ERROR_TYPE, data: null, errorInfo: null };
  return { kind: 'error', error };
}
