import type { Context } from '@aws-appsync/utils';
import type { Principal } from '../schema/__generated__/graphql.ts';
import { caller } from './lib/identity.ts';

export function request(ctx: Context) {
  const who = caller(ctx.identity);
  return { payload: who };
}

export function response(ctx: Context): Principal {
  return ctx.result as Principal;
}
