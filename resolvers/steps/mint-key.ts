import type { Context } from '@aws-appsync/utils';
import type { CreatedApiKey, MutationCreateApiKeyArgs } from '../../schema/__generated__/graphql.ts';
import { caller } from '../lib/identity.ts';
import { unwrapLambdaResult, type LambdaResult } from '../lib/lambda-result.ts';

/** The create-api-key Lambda hashes with the server-side secret, which resolvers never see. */
export function request(ctx: Context<MutationCreateApiKeyArgs>) {
  return { operation: 'Invoke', payload: { input: ctx.args.input, caller: caller(ctx.identity) } };
}

export function response(ctx: Context<MutationCreateApiKeyArgs>): CreatedApiKey {
  return unwrapLambdaResult(ctx.error, ctx.result as LambdaResult<CreatedApiKey>);
}
