import { util, type Context } from '@aws-appsync/utils';
import type { Budget, MutationSetBudgetArgs } from '../schema/__generated__/graphql.ts';
import { limitToNano, namedSubject, requireAdminRole, toBudget } from './lib/budget.ts';
import { budgetPeriodKey, type BudgetItem } from './lib/budget-keys.ts';
import { plainDate } from './lib/dates.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';

const MAX_THRESHOLDS = 5;

/**
 * Creates or replaces a principal's or a team's budget (ADMIN only). Pipeline: this handler validates and builds
 * the item → read-period-spend (what the ledger already holds for the current period) → put-budget →
 * seed-period-spend (the period's counter starts from that spend, so spend recorded before the
 * budget existed counts).
 */
export function request(ctx: Context<MutationSetBudgetArgs>) {
  requireAdminRole(caller(ctx.identity).role, 'setBudget');
  const input = ctx.args.input;
  const subject = namedSubject(input.principalId, input.team, null);
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
    principalId: subject.kind === 'PRINCIPAL' ? subject.id : null,
    team: subject.kind === 'TEAM' ? subject.id : null,
    limitNanoUsd: limitToNano(input.limitUsd),
    period,
    periodStart,
    periodEnd,
    hard: input.hard ?? true,
    alertThresholdsPercent: thresholds,
    updatedAt: util.time.nowISO8601(),
  };
  ctx.stash.budget = item;
  ctx.stash.periodKey = budgetPeriodKey(item, util.time.nowISO8601());
  return {};
}

export function response(ctx: Context<MutationSetBudgetArgs>): Budget {
  return toBudget(ctx.stash.budget as BudgetItem, null);
}
