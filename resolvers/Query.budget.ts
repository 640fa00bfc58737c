import { util, type Context } from '@aws-appsync/utils';
import type { Budget, QueryBudgetArgs } from '../schema/__generated__/graphql.ts';
import { namedSubject, requireBudgetReader, toBudget } from './lib/budget.ts';
import { BUDGET_PERIOD_PREFIX, BUDGET_SK, budgetPk, type BudgetItem, type BudgetPeriodItem } from './lib/budget-keys.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { rangeEnd } from './lib/ledger-keys.ts';
import { sortKeyRange } from './lib/queries.ts';

/**
 * One query reads the definition and its period counters (one per month or custom period). Without
 * arguments, the caller's own principal's budget.
 */
export function request(ctx: Context<QueryBudgetArgs>) {
  const who = caller(ctx.identity);
  const subject = namedSubject(ctx.args.principalId, ctx.args.team, who);
  requireBudgetReader(who, subject);
  return {
    operation: 'Query',
    query: sortKeyRange(budgetPk(subject), BUDGET_SK, rangeEnd(BUDGET_PERIOD_PREFIX)),
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryBudgetArgs>): Budget | null {
  if (ctx.error) util.error('The budget could not be read; it has been logged', ERROR_TYPES.internal);
  const items = (ctx.result as { items: (BudgetItem & BudgetPeriodItem & { sk: string })[] }).items;
  const definition = items.find((item) => item.sk === BUDGET_SK);
  if (!definition) return null;
  return toBudget(definition, items.filter((item) => item.sk !== BUDGET_SK));
}
