import { util, type Context } from '@aws-appsync/utils';
import type { PrincipalSpend, QueryTopSpendersArgs } from '../schema/__generated__/graphql.ts';
import { requireReaderRole } from './lib/budget.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { tagMonthKey, teamMonthKey } from './lib/ledger-keys.ts';
import { nanoToUsd } from './lib/money.ts';
import { pageSize } from './lib/paging.ts';
import { TAG_KEY_PATTERN } from './lib/tags.ts';
import { LEDGER_INDEXES } from './tables.ts';

interface MonthItem {
  pk: string;
  month: string;
  invocations?: number;
  costNanoUsd: number;
}

/**
 * A month's principal, team or tag-value aggregates through the byMonthCost index, highest cost first.
 * Each kind has its own index partition (aggregates.ts: yyyy-mm, TEAM#yyyy-mm, TAG#<key>#yyyy-mm).
 */
export function request(ctx: Context<QueryTopSpendersArgs>) {
  requireReaderRole(caller(ctx.identity).role, 'topSpenders');
  const { month, tagKey } = ctx.args;
  const by = ctx.args.by ?? 'PRINCIPAL';
  if (!util.matches('^\\d{4}-(0[1-9]|1[0-2])$', month)) {
    util.error(`month must look like 2026-11, got "${month}"`, ERROR_TYPES.validation);
  }
  if (by === 'TAG' && (!tagKey || !util.matches(TAG_KEY_PATTERN, tagKey))) {
    util.error('by: TAG needs tagKey, 1–64 characters of letters, digits and _ . : / = + @ -', ERROR_TYPES.validation);
  }
  if (by !== 'TAG' && tagKey) util.error('tagKey applies only to by: TAG', ERROR_TYPES.validation);
  const partition = by === 'TEAM' ? teamMonthKey(month) : by === 'TAG' ? tagMonthKey(tagKey ?? '', month) : month;
  ctx.stash.by = by;
  return {
    operation: 'Query',
    index: LEDGER_INDEXES.byMonthCost,
    query: {
      expression: '#month = :month',
      expressionNames: { '#month': 'month' },
      expressionValues: util.dynamodb.toMapValues({ ':month': partition }),
    },
    scanIndexForward: false,
    limit: pageSize(ctx.args.limit),
  };
}

export function response(ctx: Context<QueryTopSpendersArgs>): PrincipalSpend[] {
  if (ctx.error) util.error('Spend could not be read; it has been logged', ERROR_TYPES.internal);
  const items = (ctx.result as { items: MonthItem[] }).items;
  const by = ctx.stash.by as string;
  return items.map((item) => {
    // pk is PRINCIPAL#<id>, TEAM#<team> or TAG#<key>#<value>.
    const rest = item.pk.slice(item.pk.indexOf('#') + 1);
    const tagValue = rest.slice(rest.indexOf('#') + 1);
    const key = by === 'TAG' ? tagValue : rest;
    return {
      key,
      principalId: by === 'PRINCIPAL' ? rest : null,
      team: by === 'TEAM' ? rest : null,
      tag: by === 'TAG' ? { key: ctx.args.tagKey ?? '', value: tagValue } : null,
      month: ctx.args.month,
      invocations: item.invocations ?? 0,
      costNanoUsd: `${item.costNanoUsd}`,
      costUsd: nanoToUsd(`${item.costNanoUsd}`),
    };
  });
}
