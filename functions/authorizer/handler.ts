import type { AppSyncAuthorizerEvent, AppSyncAuthorizerResult } from 'aws-lambda';
import type { Caller } from '../../resolvers/lib/identity.ts';
import { createDocumentClient } from '../lib/clients.ts';
import { tableName } from '../lib/config.ts';
import { config } from '../lib/env.ts';
import { keySecretLoader } from '../lib/key-secret.ts';
import { checkKey, touchLastUsed } from '../lib/keys.ts';
import { createLogger, errorFields } from '../lib/logger.ts';

const db = createDocumentClient(config);
const keySecret = keySecretLoader(config);
const log = createLogger('authorizer', config.logLevel, (line) => process.stdout.write(line));

/**
 * AppSync Lambda authorizer: the Authorization header carries an API key minted by createApiKey.
 * Allowed keys yield the caller as resolverContext; AppSync caches the decision for ttlOverride
 * seconds, which is therefore the longest a revoked key keeps working.
 */
export async function handler(event: AppSyncAuthorizerEvent): Promise<AppSyncAuthorizerResult<Caller>> {
  const now = new Date();
  const table = tableName(config, 'keys');
  const decision = await checkKey(db, table, await keySecret(), event.authorizationToken.trim(), now);
  if (!decision.allowed) {
    log.info('denied', { reason: decision.reason });
    return { isAuthorized: false, ttlOverride: 0 };
  }
  const { item } = decision;
  await touchLastUsed(db, table, item, now).catch((error: unknown) =>
    log.warn('lastUsedAt not updated', { keyId: item.keyId, ...errorFields(error) }),
  );
  const untilExpiry = item.expiresAt ? Math.floor((Date.parse(item.expiresAt) - now.getTime()) / 1000) : Infinity;
  return {
    isAuthorized: true,
    resolverContext: {
      principalId: item.principalId,
      keyId: item.keyId,
      role: item.role,
      username: item.username,
      team: item.team ?? '',
      tags: JSON.stringify(item.tags ?? {}),
    },
    ttlOverride: Math.max(0, Math.min(config.authorizerTtlSeconds, untilExpiry)),
  };
}
