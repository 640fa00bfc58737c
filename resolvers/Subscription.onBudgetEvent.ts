import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnBudgetEventArgs } from '../schema/__generated__/graphql.ts';
import { caller, readsEveryone } from './lib/identity.ts';

/**
 * Runs once when a client subscribes; the filter is set from the authorizer's identity, never from the
 * arguments alone. A USER receives the events of their own principal's budget and of their team's
 * budget, whatever arguments they send; an ADMIN or FINANCE key receives every budget's, narrowed by
 * principalId or team when given.
 */
export function request(ctx: Context<SubscriptionOnBudgetEventArgs>) {
  const who = caller(ctx.identity);
  if (readsEveryone(who)) {
    const narrowed: Record<string, { eq: string }> = {};
    if (ctx.args.principalId) narrowed.principalId = { eq: ctx.args.principalId };
    if (ctx.args.team) narrowed.team = { eq: ctx.args.team };
    ctx.stash.filter = Object.keys(narrowed).length > 0 ? narrowed : null;
  } else {
    const own = { principalId: { eq: who.principalId } };
    ctx.stash.filter = who.team ? { or: [own, { team: { eq: who.team } }] } : own;
  }
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnBudgetEventArgs>) {
  if (ctx.stash.filter) {
    extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(ctx.stash.filter as Record<string, unknown>));
  }
  return null;
}
