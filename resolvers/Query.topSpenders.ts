import { util, type Context } from '@aws-appsync/utils';
import type { PrincipalSpend, QueryTopSpendersArgs } from '../schema/__generated__/graphql.ts';
import { requireReaderRole } from './lib/budget.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { nanoToUsd } from './lib/money.ts';
import { pageSize } from './lib/paging.ts';
import { LEDGER_INDEXES } from './tables.ts';

interface MonthItem {
  pk: string;
  month: string;
  invocations?: number;
  costNanoUsd: number;
}

/** A month's principal aggregates through the byMonthCost index, highest cost first. */
export function request(ctx: Context<QueryTopSpendersArgs>) {
  requireReaderRole(caller(ctx.identity).role, 'topSpenders');
  if (!util.matches('^\\d{4}-(0[1-9]|1[0-2])$', ctx.args.month)) {
    util.error(`month must look like 2026-11, got "${ctx.args.month}"`, ERROR_TYPES.validation);
  }
  return {
    operation: 'Query',
    index: LEDGER_INDEXES.byMonthCost,
    query: {
      expression: '#month = :month',
      expressionNames: { '#month': 'month' },
      expressionValues: util.dynamodb.toMapValues({ ':month': ctx.args.month }),
    },
    scanIndexForward: false,
    limit: pageSize(ctx.args.limit),
  };
}

export function response(ctx: Context<QueryTopSpendersArgs>): PrincipalSpend[] {
  if (ctx.error) util.error('Spend could not be read; it has been logged', ERROR_TYPES.internal);
  const items = (ctx.result as { items: MonthItem[] }).items;
  return items.map((item) => ({
    principalId: item.pk.slice('PRINCIPAL#'.length),
    month: item.month,
    invocations: item.invocations ?? 0,
    costNanoUsd: `${item.costNanoUsd}`,
    costUsd: nanoToUsd(`${item.costNanoUsd}`),
  }));
}
