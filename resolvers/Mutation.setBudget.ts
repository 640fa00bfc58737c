import { util, type Context } from '@aws-appsync/utils';
import type { Budget, MutationSetBudgetArgs } from '../schema/__generated__/graphql.ts';
import { limitToNano, requireAdminRole, toBudget } from './lib/budget.ts';
import { BUDGET_KIND, BUDGET_SK, budgetPk, type BudgetItem } from './lib/budget-keys.ts';
import { plainDate } from './lib/dates.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';

const MAX_THRESHOLDS = 5;

/** Creates or replaces a principal's budget (ADMIN only). */
export function request(ctx: Context<MutationSetBudgetArgs>) {
  requireAdminRole(caller(ctx.identity).role, 'setBudget');
  const input = ctx.args.input;
  const principalId = input.principalId.trim();
  if (principalId.length < 1 || principalId.length > 128) {
    util.error('principalId must be 1–128 characters', ERROR_TYPES.validation);
  }
  const period = input.period ?? 'MONTHLY';
  const custom = period === 'CUSTOM';
  if (custom && (!input.periodStart || !input.periodEnd)) {
    util.error('A CUSTOM budget needs periodStart and periodEnd', ERROR_TYPES.validation);
  }
  if (!custom && (input.periodStart || input.periodEnd)) {
    util.error('periodStart and periodEnd apply to CUSTOM budgets only', ERROR_TYPES.validation);
  }
  const periodStart = custom ? plainDate('periodStart', input.periodStart ?? '') : null;
  const periodEnd = custom ? plainDate('periodEnd', input.periodEnd ?? '') : null;
  if (custom && (periodEnd ?? '') < (periodStart ?? '')) {
    util.error(`periodEnd (${periodEnd}) is before periodStart (${periodStart})`, ERROR_TYPES.validation);
  }
  const thresholds = input.alertThresholdsPercent ?? [80];
  if (thresholds.length > MAX_THRESHOLDS) {
    util.error(`alertThresholdsPercent takes at most ${MAX_THRESHOLDS} values`, ERROR_TYPES.validation);
  }
  const invalid = thresholds.filter((percent, index) => percent < 1 || percent > 100 || thresholds.indexOf(percent) !== index);
  if (invalid.length > 0) {
    util.error(`alertThresholdsPercent must be distinct whole percentages from 1 to 100, got ${invalid[0]}`, ERROR_TYPES.validation);
  }
  const item: BudgetItem = {
    principalId,
    limitNanoUsd: limitToNano(input.limitUsd),
    period,
    periodStart,
    periodEnd,
    hard: input.hard ?? true,
    alertThresholdsPercent: thresholds,
    updatedAt: util.time.nowISO8601(),
  };
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk: budgetPk(principalId), sk: BUDGET_SK }),
    attributeValues: util.dynamodb.toMapValues({ ...item, kind: BUDGET_KIND, listSk: principalId }),
  };
}

export function response(ctx: Context<MutationSetBudgetArgs>): Budget {
  if (ctx.error) util.error('The budget could not be saved; it has been logged', ERROR_TYPES.internal);
  return toBudget(ctx.result as BudgetItem, null);
}
