import { util, type Context } from '@aws-appsync/utils';
import { ERROR_TYPES } from '../lib/errors.ts';
import { caller, isAdmin } from '../lib/identity.ts';

/** Stops the pipeline unless the caller's key has the ADMIN role. */
export function request(ctx: Context) {
  const who = caller(ctx.identity);
  if (!isAdmin(who)) {
    util.error(`Only an ADMIN key may call ${ctx.info.fieldName}; this key's role is ${who.role}`, ERROR_TYPES.unauthorized);
  }
  return { payload: ctx.prev.result };
}

export function response(ctx: Context) {
  return ctx.result;
}
