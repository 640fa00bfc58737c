import { util, type Context } from '@aws-appsync/utils';
import type { BudgetEventConnection, QueryBudgetEventsArgs } from '../schema/__generated__/graphql.ts';
import { namedSubject, requireBudgetReader, toBudgetEvent, type BudgetEventItem } from './lib/budget.ts';
import { BUDGET_EVENT_PREFIX, budgetPk } from './lib/budget-keys.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { pageSize } from './lib/paging.ts';

/** The events of one budget (a principal's or a team's), newest period first; without arguments, the caller's own. */
export function request(ctx: Context<QueryBudgetEventsArgs>) {
  const who = caller(ctx.identity);
  const subject = namedSubject(ctx.args.principalId, ctx.args.team, who);
  requireBudgetReader(who, subject);
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :prefix)',
      expressionNames: { '#pk': 'pk', '#sk': 'sk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': budgetPk(subject), ':prefix': BUDGET_EVENT_PREFIX }),
    },
    scanIndexForward: false,
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? null,
  };
}

export function response(ctx: Context<QueryBudgetEventsArgs>): BudgetEventConnection {
  if (ctx.error) util.error('Budget events could not be read; it has been logged', ERROR_TYPES.internal);
  const page = ctx.result as { items: BudgetEventItem[]; nextToken: string | null };
  return { items: page.items.map(toBudgetEvent), nextToken: page.nextToken ?? null };
}
