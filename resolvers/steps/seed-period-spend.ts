import { runtime, util, type Context } from '@aws-appsync/utils';
import { budgetPeriodSk, budgetPk, subjectOf, type BudgetItem } from '../lib/budget-keys.ts';
import { ERROR_TYPES } from '../lib/errors.ts';

/**
 * Starts the current period's spend counter from what the ledger already holds. A counter that
 * exists (the budget is being replaced mid-period) keeps its own figures: if_not_exists.
 */
export function request(ctx: Context) {
  const periodKey = ctx.stash.periodKey as string | null;
  if (!periodKey) return runtime.earlyReturn(null);
  const budget = ctx.stash.budget as BudgetItem;
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ pk: budgetPk(subjectOf(budget)), sk: budgetPeriodSk(periodKey) }),
    update: {
      expression:
        'SET #kind = :kind, #periodKey = :periodKey, #limit = :limit, ' +
        '#spent = if_not_exists(#spent, :seed), #committed = if_not_exists(#committed, :seed), #reserved = if_not_exists(#reserved, :zero)',
      expressionNames: {
        '#kind': 'kind',
        '#periodKey': 'periodKey',
        '#limit': 'limitNanoUsd',
        '#spent': 'spentNanoUsd',
        '#committed': 'committedNanoUsd',
        '#reserved': 'reservedNanoUsd',
      },
      expressionValues: util.dynamodb.toMapValues({
        ':kind': 'BUDGET_PERIOD',
        ':periodKey': periodKey,
        ':limit': budget.limitNanoUsd,
        ':seed': ctx.stash.seedNanoUsd as number,
        ':zero': 0,
      }),
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error('The budget period could not be started; it has been logged', ERROR_TYPES.internal);
  return ctx.result;
}
