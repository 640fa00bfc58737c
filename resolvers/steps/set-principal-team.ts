import type { Context } from '@aws-appsync/utils';
import type { MutationSetPrincipalTeamArgs } from '../../schema/__generated__/graphql.ts';
import { caller } from '../lib/identity.ts';
import { unwrapLambdaResult, type LambdaResult } from '../lib/lambda-result.ts';

interface PrincipalTeamChange {
  previousTeam: string | null;
  keys: unknown[];
}

/** The keys table's writer (the create-api-key Lambda) moves every key of the principal in one transaction. */
export function request(ctx: Context<MutationSetPrincipalTeamArgs>) {
  return {
    operation: 'Invoke',
    payload: { action: 'setPrincipalTeam', principalId: ctx.args.principalId, team: ctx.args.team ?? null, caller: caller(ctx.identity) },
  };
}

export function response(ctx: Context<MutationSetPrincipalTeamArgs>): PrincipalTeamChange {
  return unwrapLambdaResult(ctx.error, ctx.result as LambdaResult<PrincipalTeamChange>);
}
