import { util, type Context } from '@aws-appsync/utils';
import type { CreatedApiKey } from '../../schema/__generated__/graphql.ts';
import type { KeyItem } from '../lib/api-key.ts';
import { ERROR_TYPES } from '../lib/errors.ts';
import { caller } from '../lib/identity.ts';
import { unwrapLambdaResult, type LambdaResult } from '../lib/lambda-result.ts';
import { tagList } from '../lib/tags.ts';

/** Mints the successor of the key found by the previous step: same principal, username, role, team and tags. */
export function request(ctx: Context) {
  const old = ctx.prev.result as KeyItem;
  if (old.status !== 'ACTIVE') util.error(`Key ${old.keyId} is revoked; create a new key instead of rotating it`, ERROR_TYPES.validation);
  ctx.stash.oldKey = old;
  return {
    operation: 'Invoke',
    payload: {
      input: { username: old.username, role: old.role, principalId: old.principalId, team: old.team ?? null, tags: tagList(old.tags) },
      caller: caller(ctx.identity),
    },
  };
}

export function response(ctx: Context): CreatedApiKey {
  const created = unwrapLambdaResult(ctx.error, ctx.result as LambdaResult<CreatedApiKey>);
  ctx.stash.newKey = created;
  return created;
}
