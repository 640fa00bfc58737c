import { util, type Context } from '@aws-appsync/utils';
import type { MonthUsage, QueryMonthlyUsageArgs } from '../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller, targetPrincipal } from './lib/identity.ts';
import { monthSk, principalPk } from './lib/ledger-keys.ts';
import { accumulate, emptyAccumulator, toTotals, type AggregateItem } from './lib/usage.ts';
import { sortKeyRange } from './lib/queries.ts';

const MONTH = '^\\d{4}-(0[1-9]|1[0-2])$';
const MAX_MONTHS = 36;

export function request(ctx: Context<QueryMonthlyUsageArgs>) {
  const { fromMonth, toMonth } = ctx.args;
  if (!util.matches(MONTH, fromMonth) || !util.matches(MONTH, toMonth)) {
    util.error(`fromMonth and toMonth must look like 2026-11, got "${fromMonth}" and "${toMonth}"`, ERROR_TYPES.validation);
  }
  const span = (Number(toMonth.slice(0, 4)) - Number(fromMonth.slice(0, 4))) * 12 + Number(toMonth.slice(5)) - Number(fromMonth.slice(5)) + 1;
  if (span < 1 || span > MAX_MONTHS) {
    util.error(`The range ${fromMonth}..${toMonth} must run forward and span at most ${MAX_MONTHS} months`, ERROR_TYPES.validation);
  }
  const principalId = targetPrincipal(caller(ctx.identity), ctx.args.principalId);
  ctx.stash.principalId = principalId;
  return {
    operation: 'Query',
    query: sortKeyRange(principalPk(principalId), monthSk(fromMonth), monthSk(toMonth)),
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryMonthlyUsageArgs>): MonthUsage[] {
  if (ctx.error) util.error('Usage could not be read; it has been logged', ERROR_TYPES.internal);
  const items = (ctx.result as { items: (AggregateItem & { month: string })[] }).items;
  return items.map((item) => ({ principalId: ctx.stash.principalId, month: item.month, totals: toTotals(accumulate(emptyAccumulator(), item)) }));
}
