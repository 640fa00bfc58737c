import { util, type Context } from '@aws-appsync/utils';
import type { Budget, MutationDeleteBudgetArgs } from '../schema/__generated__/graphql.ts';
import { requireAdminRole, toBudget } from './lib/budget.ts';
import { BUDGET_SK, budgetPk, type BudgetItem } from './lib/budget-keys.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';

/** Removes a principal's budget (ADMIN only). Reservations in flight still settle or expire. */
export function request(ctx: Context<MutationDeleteBudgetArgs>) {
  requireAdminRole(caller(ctx.identity).role, 'deleteBudget');
  return {
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues({ pk: budgetPk(ctx.args.principalId), sk: BUDGET_SK }),
    condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } },
  };
}

export function response(ctx: Context<MutationDeleteBudgetArgs>): Budget {
  if (ctx.error) {
    if (ctx.error.type.indexOf('ConditionalCheckFailed') >= 0) {
      util.error(`Principal ${ctx.args.principalId} has no budget`, ERROR_TYPES.notFound);
    }
    util.error('The budget could not be deleted; it has been logged', ERROR_TYPES.internal);
  }
  return toBudget(ctx.result as BudgetItem, null);
}
