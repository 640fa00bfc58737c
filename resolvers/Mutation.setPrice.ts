import type { Context } from '@aws-appsync/utils';
import type { MutationSetPriceArgs, Price } from '../schema/__generated__/graphql.ts';

/** Pipeline: put-price → record-audit. */
export function request(_ctx: Context<MutationSetPriceArgs>) {
  return {};
}

export function response(ctx: Context<MutationSetPriceArgs>): Price {
  return ctx.prev.result as Price;
}
