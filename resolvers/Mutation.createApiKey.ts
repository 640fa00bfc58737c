import type { Context } from '@aws-appsync/utils';
import type { CreatedApiKey, MutationCreateApiKeyArgs } from '../schema/__generated__/graphql.ts';

/** Pipeline: require-admin → mint-key. */
export function request(_ctx: Context<MutationCreateApiKeyArgs>) {
  return {};
}

export function response(ctx: Context<MutationCreateApiKeyArgs>): CreatedApiKey {
  return ctx.prev.result as CreatedApiKey;
}
