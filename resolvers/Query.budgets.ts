import { util, type Context } from '@aws-appsync/utils';
import type { BudgetConnection, QueryBudgetsArgs } from '../schema/__generated__/graphql.ts';
import { requireReaderRole, toBudget } from './lib/budget.ts';
import { BUDGET_KIND, type BudgetItem } from './lib/budget-keys.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { pageSize } from './lib/paging.ts';
import { BUDGET_INDEXES } from './tables.ts';

/** Every budget definition, by principal id, through the byKind index (ADMIN only). */
export function request(ctx: Context<QueryBudgetsArgs>) {
  requireReaderRole(caller(ctx.identity).role, 'budgets');
  return {
    operation: 'Query',
    index: BUDGET_INDEXES.byKind,
    query: {
      expression: '#kind = :kind',
      expressionNames: { '#kind': 'kind' },
      expressionValues: util.dynamodb.toMapValues({ ':kind': BUDGET_KIND }),
    },
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? null,
  };
}

export function response(ctx: Context<QueryBudgetsArgs>): BudgetConnection {
  if (ctx.error) util.error('Budgets could not be read; it has been logged', ERROR_TYPES.internal);
  const page = ctx.result as { items: BudgetItem[]; nextToken: string | null };
  return { items: page.items.map((item) => toBudget(item, null)), nextToken: page.nextToken ?? null };
}
