import { util, type Context } from '@aws-appsync/utils';
import type { BudgetEvent, MutationPublishBudgetEventArgs } from '../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './lib/errors.ts';

/**
 * Hands a recorded budget event to onBudgetEvent subscribers: AppSync publishes a mutation's result, so
 * this returns its input (NONE data source). Only IAM may call it (`@aws_iam`): the invoke-model
 * function, after the event is durably recorded in the budgets table.
 */
export function request(ctx: Context<MutationPublishBudgetEventArgs>) {
  const input = ctx.args.input;
  if (!input.principalId === !input.team) {
    util.error('A budget event belongs to exactly one of a principal and a team', ERROR_TYPES.validation);
  }
  return { payload: input };
}

export function response(ctx: Context<MutationPublishBudgetEventArgs>): BudgetEvent {
  return ctx.result as BudgetEvent;
}
