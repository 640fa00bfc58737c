import { util, type Context } from '@aws-appsync/utils';
import type { InvocationConnection, QueryInvocationsArgs } from '../schema/__generated__/graphql.ts';
import { plainDate } from './lib/dates.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller, targetPrincipal } from './lib/identity.ts';
import { toInvocation, type InvocationItem } from './lib/invocation.ts';
import { INVOCATION_PREFIX, principalPk, rangeEnd } from './lib/ledger-keys.ts';
import { pageSize } from './lib/paging.ts';
import { sortKeyRange } from './lib/queries.ts';

export function request(ctx: Context<QueryInvocationsArgs>) {
  const principalId = targetPrincipal(caller(ctx.identity), ctx.args.principalId);
  const from = ctx.args.from ? `${INVOCATION_PREFIX}${plainDate('from', ctx.args.from)}` : INVOCATION_PREFIX;
  const to = rangeEnd(ctx.args.to ? `${INVOCATION_PREFIX}${plainDate('to', ctx.args.to)}` : INVOCATION_PREFIX);
  if (to < from) util.error(`to (${ctx.args.to}) is before from (${ctx.args.from})`, ERROR_TYPES.validation);
  return {
    operation: 'Query',
    query: sortKeyRange(principalPk(principalId), from, to),
    scanIndexForward: false,
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? null,
  };
}

export function response(ctx: Context<QueryInvocationsArgs>): InvocationConnection {
  if (ctx.error) {
    if (ctx.error.message.indexOf('nextToken') >= 0 || ctx.error.type.indexOf('Validation') >= 0) {
      util.error('nextToken is not valid for this query', ERROR_TYPES.validation);
    }
    util.error('Invocations could not be read; it has been logged', ERROR_TYPES.internal);
  }
  const page = ctx.result as { items: InvocationItem[]; nextToken: string | null };
  return { items: page.items.map(toInvocation), nextToken: page.nextToken ?? null };
}
