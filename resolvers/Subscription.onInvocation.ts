import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnInvocationArgs } from '../schema/__generated__/graphql.ts';
import { caller, isAdmin, targetPrincipal } from './lib/identity.ts';

/**
 * Runs once when a client subscribes. A USER only ever receives their own principal's invocations,
 * whatever arguments they send: the filter is set from the authorizer's identity.
 */
export function request(ctx: Context<SubscriptionOnInvocationArgs>) {
  const who = caller(ctx.identity);
  ctx.stash.principalId = isAdmin(who) ? ctx.args.principalId ?? null : targetPrincipal(who, ctx.args.principalId);
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnInvocationArgs>) {
  if (ctx.stash.principalId) {
    extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ principalId: { eq: ctx.stash.principalId } }));
  }
  return null;
}
