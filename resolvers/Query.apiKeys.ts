import { util, type Context } from '@aws-appsync/utils';
import type { ApiKeyConnection, QueryApiKeysArgs } from '../schema/__generated__/graphql.ts';
import { toApiKey, type KeyItem } from './lib/api-key.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller, isAdmin, targetPrincipal } from './lib/identity.ts';
import { pageSize } from './lib/paging.ts';
import { KEY_INDEXES } from './tables.ts';

export function request(ctx: Context<QueryApiKeysArgs>) {
  const who = caller(ctx.identity);
  const page = { limit: pageSize(ctx.args.limit), nextToken: ctx.args.nextToken ?? null, scanIndexForward: false };
  if (isAdmin(who) && !ctx.args.principalId) {
    return {
      operation: 'Query',
      index: KEY_INDEXES.byKind,
      query: {
        expression: '#kind = :kind',
        expressionNames: { '#kind': 'kind' },
        expressionValues: util.dynamodb.toMapValues({ ':kind': 'KEY' }),
      },
      ...page,
    };
  }
  return {
    operation: 'Query',
    index: KEY_INDEXES.byPrincipal,
    query: {
      expression: '#principalId = :principalId',
      expressionNames: { '#principalId': 'principalId' },
      expressionValues: util.dynamodb.toMapValues({ ':principalId': targetPrincipal(who, ctx.args.principalId) }),
    },
    ...page,
  };
}

export function response(ctx: Context<QueryApiKeysArgs>): ApiKeyConnection {
  if (ctx.error) util.error('API keys could not be read; it has been logged', ERROR_TYPES.internal);
  const page = ctx.result as { items: KeyItem[]; nextToken: string | null };
  return { items: page.items.map(toApiKey), nextToken: page.nextToken ?? null };
}
