import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnInvocationArgs } from '../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller, readsEveryone, targetPrincipal } from './lib/identity.ts';

/**
 * Runs once when a client subscribes. A USER only ever receives their own principal's invocations,
 * whatever arguments they send: the filter is set from the authorizer's identity. ADMIN and FINANCE
 * keys receive everyone's, narrowed by any of principalId, team and modelId (all must match).
 */
export function request(ctx: Context<SubscriptionOnInvocationArgs>) {
  const who = caller(ctx.identity);
  const { team, modelId } = ctx.args;
  if (!readsEveryone(who) && team && team !== who.team) {
    util.error(`A USER key may watch only its own invocations, not team ${team}`, ERROR_TYPES.unauthorized);
  }
  const filter: Record<string, { eq: string }> = {};
  const principalId = readsEveryone(who) ? ctx.args.principalId : targetPrincipal(who, ctx.args.principalId);
  if (principalId) filter.principalId = { eq: principalId };
  if (team) filter.team = { eq: team };
  if (modelId) filter.modelId = { eq: modelId };
  ctx.stash.filter = filter;
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnInvocationArgs>) {
  const filter = ctx.stash.filter as Record<string, { eq: string }>;
  if (Object.keys(filter).length > 0) extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
  return null;
}
