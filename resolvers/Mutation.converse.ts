import type { Context } from '@aws-appsync/utils';
import type { InvokeModelResult, MutationConverseArgs } from '../schema/__generated__/graphql.ts';
import { caller } from './lib/identity.ts';
import { unwrapLambdaResult, type LambdaResult } from './lib/lambda-result.ts';

/** The invoke-model Lambda serves Converse too: same ledger, budgets and idempotency. */
export function request(ctx: Context<MutationConverseArgs>) {
  return {
    operation: 'Invoke',
    payload: { action: 'converse', input: ctx.args.input, caller: caller(ctx.identity) },
  };
}

export function response(ctx: Context<MutationConverseArgs>): InvokeModelResult {
  return unwrapLambdaResult(ctx.error, ctx.result as LambdaResult<InvokeModelResult>);
}
