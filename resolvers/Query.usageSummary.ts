import { util, type Context } from '@aws-appsync/utils';
import type { QueryUsageSummaryArgs, UsageSummary } from '../schema/__generated__/graphql.ts';
import { daySpan, plainDate } from './lib/dates.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { DAY_PREFIX, rangeEnd } from './lib/ledger-keys.ts';
import { usageSubject } from './lib/subject.ts';
import { accumulate, emptyAccumulator, toTotals, type Accumulator, type AggregateItem } from './lib/usage.ts';
import { sortKeyRange } from './lib/queries.ts';

/** Longest range one query reads (days × models stays well inside one 1 MB DynamoDB page). */
const MAX_DAYS = 366;

export function request(ctx: Context<QueryUsageSummaryArgs>) {
  const from = plainDate('from', ctx.args.from);
  const to = plainDate('to', ctx.args.to);
  daySpan(from, to, MAX_DAYS);
  const subject = usageSubject(caller(ctx.identity), ctx.args);
  ctx.stash.subject = subject;
  return {
    operation: 'Query',
    query: sortKeyRange(subject.pk, `${DAY_PREFIX}${from}`, rangeEnd(`${DAY_PREFIX}${to}#`)),
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryUsageSummaryArgs>): UsageSummary {
  if (ctx.error) util.error('Usage could not be read; it has been logged', ERROR_TYPES.internal);
  const page = ctx.result as { items: AggregateItem[]; nextToken: string | null };
  if (page.nextToken) {
    util.error('The range holds too many aggregates for one query; narrow it', ERROR_TYPES.validation);
  }
  let total = emptyAccumulator();
  const byModel: Record<string, Accumulator> = {};
  const byDay: Record<string, Accumulator> = {};
  for (const item of page.items) {
    total = accumulate(total, item);
    byModel[item.modelId] = accumulate(byModel[item.modelId] ?? emptyAccumulator(), item);
    byDay[item.date] = accumulate(byDay[item.date] ?? emptyAccumulator(), item);
  }
  return {
    principalId: ctx.stash.subject.principalId,
    team: ctx.stash.subject.team,
    tag: ctx.stash.subject.tag,
    from: ctx.args.from,
    to: ctx.args.to,
    totals: toTotals(total),
    byModel: Object.keys(byModel)
      .sort()
      .map((modelId) => ({ modelId, totals: toTotals(byModel[modelId] ?? emptyAccumulator()) })),
    byDay: Object.keys(byDay)
      .sort()
      .map((date) => ({ date, totals: toTotals(byDay[date] ?? emptyAccumulator()) })),
  };
}
