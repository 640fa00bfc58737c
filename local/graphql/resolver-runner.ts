import type { DataSource } from '../data-sources/types.ts';
import type { Invocable } from '../data-sources/lambda.ts';
import { createEvaluationState, evaluate } from '../runtime/evaluate.ts';
import type { AppSyncContext, AuthTypeName, EvaluationResult, ResolverError, ResolverModule } from '../runtime/types.ts';

/** A data source as the runner sees it (DynamoDB, Lambda, NONE). */
export type DataSourceClient = DataSource;

export interface RunnableStep {
  readonly module: ResolverModule;
  readonly dataSource: DataSourceClient;
}

export type RunnableResolver =
  | { readonly kind: 'UNIT'; readonly module: ResolverModule; readonly dataSource: DataSourceClient }
  /** A direct Lambda resolver: no code; the function gets AppSync's whole event (reference §4.2). */
  | { readonly kind: 'DIRECT'; readonly function: Invocable }
  | { readonly kind: 'PIPELINE'; readonly module: ResolverModule; readonly steps: readonly RunnableStep[] };

/** A resolver stopped with util.error / util.unauthorized or an uncaught error. */
export class ResolverFailure extends Error {
  override name = 'ResolverFailure';
  constructor(readonly error: ResolverError) {
    super(error.message);
  }
}

export interface ResolverRun {
  readonly value: unknown;
  /** Errors added with util.appendError; they accompany the value. */
  readonly appendedErrors: readonly ResolverError[];
  readonly extensions: ReturnType<typeof createEvaluationState>['extensions'];
}

function unwrap(result: EvaluationResult): Exclude<EvaluationResult, { kind: 'error' }> {
  if (result.kind === 'error') throw new ResolverFailure(result.error);
  return result;
}

async function callDataSource(ctx: AppSyncContext, dataSource: DataSourceClient, request: unknown): Promise<void> {
  const out = await dataSource.invoke(request, { identity: ctx.identity });
  ctx.result = out.result ?? null;
  ctx.error = out.error;
}

/** Runs a unit or pipeline resolver as AppSync does (reference §1.3, §1.4). */
export async function runResolver(
  resolver: RunnableResolver,
  ctx: AppSyncContext,
  authType: AuthTypeName | null,
): Promise<ResolverRun> {
  const state = createEvaluationState({ authType });
  const finish = (value: unknown): ResolverRun => ({ value, appendedErrors: state.errors, extensions: state.extensions });

  if (resolver.kind === 'DIRECT') {
    const event = {
      arguments: ctx.arguments,
      identity: ctx.identity ?? null,
      source: ctx.source ?? null,
      request: ctx.request,
      prev: null,
      info: ctx.info,
      stash: ctx.stash,
    };
    const outcome = await resolver.function.invoke(event);
    if (outcome.ok) return finish(outcome.result ?? null);
    // The field fails with the function's message; its errorType is the function's error name, as
    // reported for direct resolvers (reference §4.3 — marked unsure there, §9 item 3).
    throw new ResolverFailure({ message: outcome.error.errorMessage, errorType: outcome.error.errorType, data: null, errorInfo: null });
  }

  if (resolver.kind === 'UNIT') {
    const request = unwrap(evaluate(resolver.module, 'request', ctx, state));
    if (request.kind === 'earlyReturn') return finish(request.value);
    await callDataSource(ctx, resolver.dataSource, request.value);
    const response = unwrap(evaluate(resolver.module, 'response', ctx, state));
    return finish(response.value);
  }

  const before = unwrap(evaluate(resolver.module, 'request', ctx, state));
  ctx.prev = { result: before.value };
  if (before.kind !== 'earlyReturn') {
    for (const step of resolver.steps) {
      ctx.result = null;
      ctx.error = undefined;
      const request = unwrap(evaluate(step.module, 'request', ctx, state));
      if (request.kind === 'earlyReturn') {
        ctx.prev = { result: request.value };
        if (request.skipTo === 'END') break;
        continue;
      }
      await callDataSource(ctx, step.dataSource, request.value);
      const response = unwrap(evaluate(step.module, 'response', ctx, state));
      ctx.prev = { result: response.value };
      if (response.kind === 'earlyReturn' && response.skipTo === 'END') break;
    }
  }
  ctx.result = null;
  ctx.error = undefined;
  const after = unwrap(evaluate(resolver.module, 'response', ctx, state));
  return finish(after.value);
}
