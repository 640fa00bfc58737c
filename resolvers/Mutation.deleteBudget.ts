import { util, type Context } from '@aws-appsync/utils';
import type { Budget, MutationDeleteBudgetArgs } from '../schema/__generated__/graphql.ts';
import { namedSubject, requireAdminRole, toBudget } from './lib/budget.ts';
import { BUDGET_SK, budgetPk, describeSubject, type BudgetItem, type BudgetSubject } from './lib/budget-keys.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';

/** Removes a principal's or a team's budget (ADMIN only). Reservations in flight still settle or expire. */
export function request(ctx: Context<MutationDeleteBudgetArgs>) {
  requireAdminRole(caller(ctx.identity).role, 'deleteBudget');
  const subject = namedSubject(ctx.args.principalId, ctx.args.team, null);
  ctx.stash.subject = subject;
  return {
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues({ pk: budgetPk(subject), sk: BUDGET_SK }),
    condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } },
  };
}

export function response(ctx: Context<MutationDeleteBudgetArgs>): Budget {
  if (ctx.error) {
    if (ctx.error.type.indexOf('ConditionalCheckFailed') >= 0) {
      util.error(`${describeSubject(ctx.stash.subject as BudgetSubject)} has no budget`, ERROR_TYPES.notFound);
    }
    util.error('The budget could not be deleted; it has been logged', ERROR_TYPES.internal);
  }
  return toBudget(ctx.result as BudgetItem, null);
}
