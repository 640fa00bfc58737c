import type { Context } from '@aws-appsync/utils';
import type { ApiKey, MutationSetPrincipalTeamArgs } from '../schema/__generated__/graphql.ts';

/** Pipeline: require-admin → set-principal-team → record-audit. */
export function request(_ctx: Context<MutationSetPrincipalTeamArgs>) {
  return {};
}

export function response(ctx: Context<MutationSetPrincipalTeamArgs>): ApiKey[] {
  return (ctx.prev.result as { keys: ApiKey[] }).keys;
}
