import type { LambdaResult } from '../../resolvers/lib/lambda-result.ts';
import type { Caller } from '../../resolvers/lib/identity.ts';
import type { CreateApiKeyInput, CreatedApiKey } from '../../schema/__generated__/graphql.ts';
import { createDocumentClient } from '../lib/clients.ts';
import { tableName } from '../lib/config.ts';
import { config } from '../lib/env.ts';
import { handleClientErrors } from '../lib/lambda-result.ts';
import { keySecretLoader } from '../lib/key-secret.ts';
import { createKey, principalTeam } from '../lib/keys.ts';
import { ValidationError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { validateNewKey } from './validate.ts';

const db = createDocumentClient(config);
const keySecret = keySecretLoader(config);
const log = createLogger('create-api-key', config.logLevel, (line) => process.stdout.write(line));

export interface CreateApiKeyEvent {
  readonly input: CreateApiKeyInput;
  readonly caller: Caller;
}

/** Mints a key (the require-admin step has already checked the caller's role). */
export async function handler(event: CreateApiKeyEvent): Promise<LambdaResult<CreatedApiKey>> {
  return handleClientErrors(log, async () => {
    const table = tableName(config, 'keys');
    const validated = validateNewKey(event.input, new Date());
    // A principal has one team: a key added to it keeps the team, and may not name another.
    const existing = validated.principalId ? await principalTeam(db, table, validated.principalId) : undefined;
    if (existing !== undefined && validated.team != null && validated.team !== existing) {
      throw new ValidationError(
        `principal ${validated.principalId ?? ''} belongs to team ${existing ?? '(none)'}; a key added to it cannot name team ${validated.team}`,
      );
    }
    const input = existing === undefined ? validated : { ...validated, team: existing };
    const { key, item } = await createKey(db, table, await keySecret(), input);
    log.info('key created', { keyId: item.keyId, principalId: item.principalId, role: item.role, by: event.caller.keyId });
    return {
      key,
      keyId: item.keyId,
      principalId: item.principalId,
      username: item.username,
      role: item.role,
      expiresAt: item.expiresAt ?? null,
      team: item.team ?? null,
      tags: Object.entries(item.tags ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => ({ key, value })),
    };
  });
}
