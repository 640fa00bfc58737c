import { util, type Context } from '@aws-appsync/utils';
import type { MutationRevokeApiKeyArgs } from '../../schema/__generated__/graphql.ts';
import type { KeyItem } from '../lib/api-key.ts';
import { ERROR_TYPES } from '../lib/errors.ts';
import { caller, isAdmin, refuseReadOnly } from '../lib/identity.ts';
import { KEY_INDEXES } from '../tables.ts';

/** Finds the key by its public id; a USER may only act on their own principal's keys. */
export function request(ctx: Context<MutationRevokeApiKeyArgs>) {
  refuseReadOnly(caller(ctx.identity), ctx.info.fieldName);
  return {
    operation: 'Query',
    index: KEY_INDEXES.byKeyId,
    query: {
      expression: '#keyId = :keyId',
      expressionNames: { '#keyId': 'keyId' },
      expressionValues: util.dynamodb.toMapValues({ ':keyId': ctx.args.keyId }),
    },
    limit: 1,
  };
}

export function response(ctx: Context<MutationRevokeApiKeyArgs>): KeyItem {
  if (ctx.error) util.error('The key could not be read; it has been logged', ERROR_TYPES.internal);
  const item = (ctx.result as { items: KeyItem[] }).items[0];
  const who = caller(ctx.identity);
  if (!item || (!isAdmin(who) && item.principalId !== who.principalId)) {
    util.error(`No API key ${ctx.args.keyId} that this caller may manage`, ERROR_TYPES.notFound);
  }
  return item;
}
