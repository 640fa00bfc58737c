import { util, type Context } from '@aws-appsync/utils';
import type { RotatedApiKey } from '../../schema/__generated__/graphql.ts';
import { toApiKey, type KeyItem } from '../lib/api-key.ts';
import { ERROR_TYPES } from '../lib/errors.ts';

/** Ends the old key after the overlap (keeping an earlier expiry it already had). */
export function request(ctx: Context) {
  const old = ctx.stash.oldKey as KeyItem;
  const overlapEnd = util.time.epochMilliSecondsToISO8601(util.time.nowEpochMilliSeconds() + (ctx.stash.overlapSeconds as number) * 1000);
  const expiresAt = old.expiresAt && old.expiresAt < overlapEnd ? old.expiresAt : overlapEnd;
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ keyHash: old.keyHash }),
    update: {
      expression: 'SET #expiresAt = :expiresAt, #rotatedTo = :rotatedTo',
      expressionNames: { '#expiresAt': 'expiresAt', '#rotatedTo': 'rotatedToKeyId' },
      expressionValues: util.dynamodb.toMapValues({ ':expiresAt': expiresAt, ':rotatedTo': (ctx.stash.newKey as { keyId: string }).keyId }),
    },
    condition: { expression: 'attribute_exists(#keyHash)', expressionNames: { '#keyHash': 'keyHash' } },
  };
}

export function response(ctx: Context): RotatedApiKey {
  if (ctx.error) util.error('The old key could not be given its expiry; it has been logged', ERROR_TYPES.internal);
  return { newKey: ctx.stash.newKey as RotatedApiKey['newKey'], previous: toApiKey(ctx.result as KeyItem) };
}
