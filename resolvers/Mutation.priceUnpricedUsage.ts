import type { Context } from '@aws-appsync/utils';
import type { MutationPriceUnpricedUsageArgs, UnpricedPricingRun } from '../schema/__generated__/graphql.ts';
import { requireAdminRole } from './lib/budget.ts';
import { caller } from './lib/identity.ts';
import { unwrapLambdaResult, type LambdaResult } from './lib/lambda-result.ts';

/** Exact money needs the Lambda (bigint); the resolver checks the role and passes the caller on. */
export function request(ctx: Context<MutationPriceUnpricedUsageArgs>) {
  const who = caller(ctx.identity);
  requireAdminRole(who.role, 'priceUnpricedUsage');
  return { operation: 'Invoke', payload: { month: ctx.args.month, caller: who } };
}

export function response(ctx: Context<MutationPriceUnpricedUsageArgs>): UnpricedPricingRun {
  return unwrapLambdaResult(ctx.error, ctx.result as LambdaResult<UnpricedPricingRun>);
}
