import { util, type Context } from '@aws-appsync/utils';
import type { QueryUsageBreakdownArgs, UsageBreakdownConnection } from '../schema/__generated__/graphql.ts';
import { requireReaderRole } from './lib/budget.ts';
import { daySpan, plainDate } from './lib/dates.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { rangeEnd, rollupPk, rollupSk } from './lib/ledger-keys.ts';
import { pagedReadError } from './lib/paging.ts';
import { sortKeyRange } from './lib/queries.ts';
import { TAG_KEY_PATTERN } from './lib/tags.ts';
import { accumulate, emptyAccumulator, toTotals, type AggregateItem } from './lib/usage.ts';

const MAX_DAYS = 366;
const DEFAULT_ROWS = 500;
const MAX_ROWS = 1000;

interface RollupItem extends AggregateItem {
  key: string;
}

/**
 * Spend per day and value of one dimension over a date range, from its rollup partition (sk
 * `<date>#<value>`): one Query whose size is days × values, whatever the number of invocations.
 */
export function request(ctx: Context<QueryUsageBreakdownArgs>) {
  requireReaderRole(caller(ctx.identity).role, 'usageBreakdown');
  const { by, tagKey, limit } = ctx.args;
  const from = plainDate('from', ctx.args.from);
  const to = plainDate('to', ctx.args.to);
  daySpan(from, to, MAX_DAYS);
  if (by === 'TAG' && (!tagKey || !util.matches(TAG_KEY_PATTERN, tagKey))) {
    util.error('by: TAG needs tagKey, 1–64 characters of letters, digits and _ . : / = + @ -', ERROR_TYPES.validation);
  }
  if (by !== 'TAG' && tagKey) util.error('tagKey applies only to by: TAG', ERROR_TYPES.validation);
  if (limit !== null && limit !== undefined && (limit < 1 || limit > MAX_ROWS)) {
    util.error(`limit must be from 1 to ${MAX_ROWS}, got ${limit}`, ERROR_TYPES.validation);
  }
  return {
    operation: 'Query',
    query: sortKeyRange(rollupPk(by, tagKey), rollupSk(from, ''), rangeEnd(rollupSk(to, ''))),
    limit: limit ?? DEFAULT_ROWS,
    nextToken: ctx.args.nextToken ?? null,
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryUsageBreakdownArgs>): UsageBreakdownConnection {
  if (ctx.error) pagedReadError(ctx.error, 'Usage');
  const page = ctx.result as { items: RollupItem[]; nextToken: string | null };
  return {
    by: ctx.args.by,
    tagKey: ctx.args.tagKey ?? null,
    items: page.items.map((item) => ({ date: item.date, key: item.key, totals: toTotals(accumulate(emptyAccumulator(), item)) })),
    nextToken: page.nextToken ?? null,
  };
}
