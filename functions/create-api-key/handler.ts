import type { LambdaResult } from '../../resolvers/lib/lambda-result.ts';
import type { Caller } from '../../resolvers/lib/identity.ts';
import type { ApiKey, CreateApiKeyInput, CreatedApiKey } from '../../schema/__generated__/graphql.ts';
import { toApiKey } from '../../resolvers/lib/api-key.ts';
import { createDocumentClient } from '../lib/clients.ts';
import { tableName } from '../lib/config.ts';
import { config } from '../lib/env.ts';
import { handleClientErrors } from '../lib/lambda-result.ts';
import { keySecretLoader } from '../lib/key-secret.ts';
import { createKey, principalTeam, setPrincipalTeam } from '../lib/keys.ts';
import { validateTeam } from '../lib/tags.ts';
import { ValidationError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { validateNewKey } from './validate.ts';

const db = createDocumentClient(config);
const keySecret = keySecretLoader(config);
const log = createLogger('create-api-key', config.logLevel, (line) => process.stdout.write(line));

export interface CreateApiKeyEvent {
  readonly action?: 'createApiKey';
  readonly input: CreateApiKeyInput;
  readonly caller: Caller;
}

export interface SetPrincipalTeamEvent {
  readonly action: 'setPrincipalTeam';
  readonly principalId: string;
  readonly team: string | null;
  readonly caller: Caller;
}

/** The principal's keys with their new team, and the team they had (for the audit record). */
export interface PrincipalTeamChange {
  readonly previousTeam: string | null;
  readonly keys: ApiKey[];
}

/** Mints a key, or moves a principal's keys to another team (the require-admin step has checked the caller's role). */
export async function handler(event: CreateApiKeyEvent): Promise<LambdaResult<CreatedApiKey>>;
export async function handler(event: SetPrincipalTeamEvent): Promise<LambdaResult<PrincipalTeamChange>>;
export async function handler(event: CreateApiKeyEvent | SetPrincipalTeamEvent): Promise<LambdaResult<CreatedApiKey | PrincipalTeamChange>> {
  if (event.action === 'setPrincipalTeam') return moveToTeam(event);
  return mintKey(event);
}

async function moveToTeam(event: SetPrincipalTeamEvent): Promise<LambdaResult<PrincipalTeamChange>> {
  return handleClientErrors(log, async () => {
    const team = validateTeam(event.team);
    const { previousTeam, keys } = await setPrincipalTeam(db, tableName(config, 'keys'), event.principalId, team);
    log.info('principal moved to team', { principalId: event.principalId, team, previousTeam, keys: keys.length, by: event.caller.keyId });
    return { previousTeam, keys: keys.map(toApiKey) };
  });
}

async function mintKey(event: CreateApiKeyEvent): Promise<LambdaResult<CreatedApiKey>> {
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
