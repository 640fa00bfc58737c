import type { Context } from '@aws-appsync/utils';
import type { InvokeModelResult, MutationInvokeModelArgs } from '../schema/__generated__/graphql.ts';
import { caller } from './lib/identity.ts';
import { unwrapLambdaResult, type LambdaResult } from './lib/lambda-result.ts';

/** The invoke-model Lambda's event: the input as the client sent it and the authorizer's caller. */
export function request(ctx: Context<MutationInvokeModelArgs>) {
  return {
    operation: 'Invoke',
    payload: { input: ctx.args.input, caller: caller(ctx.identity) },
  };
}

export function response(ctx: Context<MutationInvokeModelArgs>): InvokeModelResult {
  return unwrapLambdaResult(ctx.error, ctx.result as LambdaResult<InvokeModelResult>);
}
