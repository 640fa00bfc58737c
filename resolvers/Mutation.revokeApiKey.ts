import type { Context } from '@aws-appsync/utils';
import type { ApiKey, MutationRevokeApiKeyArgs } from '../schema/__generated__/graphql.ts';

/** Pipeline: find-key-by-id → revoke-key. */
export function request(_ctx: Context<MutationRevokeApiKeyArgs>) {
  return {};
}

export function response(ctx: Context<MutationRevokeApiKeyArgs>): ApiKey {
  return ctx.prev.result as ApiKey;
}
