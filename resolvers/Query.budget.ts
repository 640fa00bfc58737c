import { util, type Context } from '@aws-appsync/utils';
import type { Budget, QueryBudgetArgs } from '../schema/__generated__/graphql.ts';
import { toBudget } from './lib/budget.ts';
import { BUDGET_PERIOD_PREFIX, BUDGET_SK, budgetPk, type BudgetItem, type BudgetPeriodItem } from './lib/budget-keys.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller, targetPrincipal } from './lib/identity.ts';
import { rangeEnd } from './lib/ledger-keys.ts';
import { sortKeyRange } from './lib/queries.ts';

/** One query reads the definition and its period counters (one per month or custom period). */
export function request(ctx: Context<QueryBudgetArgs>) {
  const principalId = targetPrincipal(caller(ctx.identity), ctx.args.principalId);
  return {
    operation: 'Query',
    query: sortKeyRange(budgetPk(principalId), BUDGET_SK, rangeEnd(BUDGET_PERIOD_PREFIX)),
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
