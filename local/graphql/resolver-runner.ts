import type { DataSource } from '../data-sources/types.ts';
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
