import { util, type Context } from '@aws-appsync/utils';
import { BUDGET_KIND, BUDGET_SK, budgetPk, subjectOf, type BudgetItem } from '../lib/budget-keys.ts';
import { ERROR_TYPES } from '../lib/errors.ts';

/** Writes the budget definition; the spend already read travels on in the stash. */
export function request(ctx: Context) {
  ctx.stash.seedNanoUsd = ctx.prev.result as number;
  const item = ctx.stash.budget as BudgetItem;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk: budgetPk(subjectOf(item)), sk: BUDGET_SK }),
    // byKind lists principals' budgets by principal id, and teams' as `TEAM#<team>`.
    attributeValues: util.dynamodb.toMapValues({ ...item, kind: BUDGET_KIND, listSk: item.team ? budgetPk(subjectOf(item)) : item.principalId }),
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error('The budget could not be saved; it has been logged', ERROR_TYPES.internal);
  return ctx.result;
}
