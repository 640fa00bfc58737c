import { runtime, util, type Context } from '@aws-appsync/utils';
import type { ApiKey } from '../../schema/__generated__/graphql.ts';
import { toApiKey, type KeyItem } from '../lib/api-key.ts';
import { ERROR_TYPES } from '../lib/errors.ts';

/** Marks the key REVOKED; the authorizer refuses it once AppSync's cached decision expires. */
export function request(ctx: Context) {
  const key = ctx.prev.result as KeyItem;
  if (key.status === 'REVOKED') return runtimeReturn(key);
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ keyHash: key.keyHash }),
    update: {
      expression: 'SET #status = :revoked, #revokedAt = :now',
      expressionNames: { '#status': 'status', '#revokedAt': 'revokedAt' },
      expressionValues: util.dynamodb.toMapValues({ ':revoked': 'REVOKED', ':now': util.time.nowISO8601() }),
    },
    condition: {
      expression: 'attribute_exists(#keyHash)',
      expressionNames: { '#keyHash': 'keyHash' },
    },
  };
}

export function response(ctx: Context): ApiKey {
  if (ctx.error) util.error('The key could not be revoked; it has been logged', ERROR_TYPES.internal);
  return toApiKey(ctx.result as KeyItem);
}

/** Revoking twice is not an error: the key is already what the caller wants. */
function runtimeReturn(key: KeyItem) {
  return runtime.earlyReturn(toApiKey(key));
}
