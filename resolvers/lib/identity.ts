import { util } from '@aws-appsync/utils';
import type { Role } from '../../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './errors.ts';

/** What the authorizer puts in `resolverContext` (flat strings, as AppSync requires). */
export interface Caller {
  principalId: string;
  keyId: string;
  role: Role;
  username: string;
  /** The principal's team (cost centre); '' when it has none. */
  team?: string;
  /** The key's cost-allocation tags as a JSON object ('{}' when none): resolverContext holds strings only. */
  tags?: string;
}

interface LambdaIdentity {
  resolverContext?: Partial<Caller>;
}

/** The caller behind a Lambda-authorized request; fails the field for any other auth mode. */
export function caller(identity: unknown): Caller {
  const context = (identity as LambdaIdentity | null)?.resolverContext;
  if (!context || !context.principalId || !context.keyId || !context.role) {
    util.error('This field needs an API key issued by createApiKey in the Authorization header', ERROR_TYPES.unauthorized);
  }
  return {
    principalId: context.principalId,
    keyId: context.keyId,
    role: context.role,
    username: context.username ?? '',
    team: context.team ?? '',
    tags: context.tags ?? '{}',
  };
}

export const isAdmin = (who: Caller): boolean => who.role === 'ADMIN';

/** ADMIN and FINANCE keys may read every principal; only ADMIN may change things. */
export const readsEveryone = (who: Caller): boolean => who.role === 'ADMIN' || who.role === 'FINANCE';

/** Fails the field for a FINANCE key, which is read-only. */
export function refuseReadOnly(who: Caller, fieldName: string): void {
  if (who.role === 'FINANCE') {
    util.error(`A FINANCE key is read-only and may not call ${fieldName}`, ERROR_TYPES.unauthorized);
  }
}

/**
 * The principal a read is about: a USER always reads their own; an ADMIN reads the one named,
 * or their own when none is named.
 */
export function targetPrincipal(who: Caller, requested: string | null | undefined): string {
  if (!requested) return who.principalId;
  if (requested !== who.principalId && !readsEveryone(who)) {
    util.error(
      `A USER key may read only its own principal (${who.principalId}), not ${requested}`,
      ERROR_TYPES.unauthorized,
    );
  }
  return requested;
}
