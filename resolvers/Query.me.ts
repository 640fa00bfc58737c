import type { Context } from '@aws-appsync/utils';
import type { Principal } from '../schema/__generated__/graphql.ts';
import { caller } from './lib/identity.ts';
import { tagList } from './lib/tags.ts';

export function request(ctx: Context) {
  const who = caller(ctx.identity);
  return {
    payload: {
      principalId: who.principalId,
      username: who.username,
      role: who.role,
      keyId: who.keyId,
      team: who.team ? who.team : null,
      tags: tagList(JSON.parse(who.tags ?? '{}') as Record<string, string>),
    },
  };
}

export function response(ctx: Context): Principal {
  return ctx.result as Principal;
}
