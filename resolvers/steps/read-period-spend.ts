import { runtime, util, type Context } from '@aws-appsync/utils';
import type { BudgetItem } from '../lib/budget-keys.ts';
import { ERROR_TYPES } from '../lib/errors.ts';
import { DAY_PREFIX, monthSk, principalPk, rangeEnd, teamPk } from '../lib/ledger-keys.ts';
import { sortKeyRange } from '../lib/queries.ts';

/**
 * What the ledger already holds for the budget's current period: the month aggregate for a monthly
 * budget, the day aggregates of the range for a custom one — the principal's, or for a team's budget
 * the team's (same items in the team's partition). Nothing to read outside the period.
 */
export function request(ctx: Context) {
  const budget = ctx.stash.budget as BudgetItem;
  const periodKey = ctx.stash.periodKey as string | null;
  if (!periodKey) return runtime.earlyReturn(0);
  const pk = budget.team ? teamPk(budget.team) : principalPk(budget.principalId ?? '');
  if (budget.period === 'MONTHLY') {
    return { operation: 'GetItem', key: util.dynamodb.toMapValues({ pk, sk: monthSk(periodKey.slice(1)) }), consistentRead: true };
  }
  return {
    operation: 'Query',
    query: sortKeyRange(pk, `${DAY_PREFIX}${budget.periodStart}`, rangeEnd(`${DAY_PREFIX}${budget.periodEnd}#`)),
    consistentRead: true,
  };
}

export function response(ctx: Context): number {
  if (ctx.error) util.error('The period spend could not be read; it has been logged', ERROR_TYPES.internal);
  const result = ctx.result as { costNanoUsd?: number; items?: { costNanoUsd?: number }[]; nextToken?: string | null } | null;
  if (!result) return 0;
  if (!result.items) return result.costNanoUsd ?? 0;
  if (result.nextToken) util.error('The custom period holds too many days of usage to seed in one read; shorten it', ERROR_TYPES.validation);
  return result.items.reduce((sum, item) => sum + (item.costNanoUsd ?? 0), 0);
}
