import { util, type Context } from '@aws-appsync/utils';
import type { Price, QueryEffectivePriceArgs } from '../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { toPrice } from './lib/price.ts';
import { pricePk, selectPriceRow, splitPrefix, type PriceItem } from './lib/price-keys.ts';

/** Reads every row of the model's base id (prefixes × Regions × versions) and picks as pricing does. */
export function request(ctx: Context<QueryEffectivePriceArgs>) {
  caller(ctx.identity);
  const modelId = ctx.args.modelId.trim();
  if (modelId.length < 1 || modelId.length > 256 || modelId.startsWith('arn:')) {
    util.error('modelId must be a base model id or a system inference profile id (not an ARN), 1–256 characters', ERROR_TYPES.validation);
  }
  if (ctx.args.at) util.time.parseISO8601ToEpochMilliSeconds(ctx.args.at);
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'pk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': pricePk(splitPrefix(modelId).base) }),
    },
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryEffectivePriceArgs>): Price | null {
  if (ctx.error) util.error('Prices could not be read; it has been logged', ERROR_TYPES.internal);
  const at = ctx.args.at
    ? util.time.epochMilliSecondsToISO8601(util.time.parseISO8601ToEpochMilliSeconds(ctx.args.at))
    : util.time.nowISO8601();
  const items = (ctx.result as { items: PriceItem[] }).items;
  const row = selectPriceRow(items, splitPrefix(ctx.args.modelId.trim()).prefix, ctx.args.region, at);
  return row ? toPrice(row) : null;
}
