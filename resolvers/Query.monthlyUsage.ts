import { util, type Context } from '@aws-appsync/utils';
import type { MonthUsage, QueryMonthlyUsageArgs } from '../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { monthSk } from './lib/ledger-keys.ts';
import { usageSubject } from './lib/subject.ts';
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
  const subject = usageSubject(caller(ctx.identity), ctx.args);
  ctx.stash.subject = subject;
  return {
    operation: 'Query',
    query: sortKeyRange(subject.pk, monthSk(fromMonth), monthSk(toMonth)),
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryMonthlyUsageArgs>): MonthUsage[] {
  if (ctx.error) util.error('Usage could not be read; it has been logged', ERROR_TYPES.internal);
  const items = (ctx.result as { items: (AggregateItem & { month: string })[] }).items;
  const { principalId, team, tag } = ctx.stash.subject;
  // A team's or tag value's month items carry the month behind their index prefix (TEAM#yyyy-mm).
  return items.map((item) => ({ principalId, team, tag, month: item.month.slice(-7), totals: toTotals(accumulate(emptyAccumulator(), item)) }));
}
