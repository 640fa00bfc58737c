import { util, type Context } from '@aws-appsync/utils';
import { ERROR_TYPES } from '../lib/errors.ts';
import { caller } from '../lib/identity.ts';

interface KeyResult {
  keyId?: string;
  principalId?: string;
  role?: string;
  status?: string;
  team?: string | null;
  tags?: { key: string; value: string }[];
  newKey?: { keyId: string; principalId: string; role: string };
  previous?: { keyId: string; expiresAt?: string | null };
}

interface PriceResult {
  modelId?: string;
  region?: string;
  effectiveFrom?: string;
  version?: string;
  inputPer1k?: string;
  outputPer1k?: string;
  cacheReadPer1k?: string | null;
  cacheWritePer1k?: string | null;
  cacheWrite1hPer1k?: string | null;
}

/** setPrincipalTeam's result: the principal's keys with their new team. */
interface TeamChangeResult {
  previousTeam?: string | null;
  keys?: { keyId: string; principalId: string; team?: string | null }[];
}

/** What the audit keeps of a mutation's result: identifiers and values, never the key's secret. */
function describe(action: string, result: KeyResult & PriceResult & TeamChangeResult): { target: string; details: Record<string, unknown> } {
  if (action === 'setPrice') {
    return {
      target: `${result.modelId}|${result.region}|${result.effectiveFrom}`,
      details: {
        version: result.version,
        inputPer1k: result.inputPer1k,
        outputPer1k: result.outputPer1k,
        cacheReadPer1k: result.cacheReadPer1k ?? null,
        cacheWritePer1k: result.cacheWritePer1k ?? null,
        cacheWrite1hPer1k: result.cacheWrite1hPer1k ?? null,
      },
    };
  }
  if (action === 'setPrincipalTeam') {
    const keys = result.keys ?? [];
    const first = keys[0];
    return {
      target: first ? first.principalId : '',
      details: { team: first?.team ?? null, previousTeam: result.previousTeam ?? null, keyIds: keys.map((key) => key.keyId) },
    };
  }
  if (action === 'rotateApiKey') {
    return {
      target: result.previous?.keyId ?? '',
      details: { newKeyId: result.newKey?.keyId, principalId: result.newKey?.principalId, role: result.newKey?.role, previousExpiresAt: result.previous?.expiresAt ?? null },
    };
  }
  return {
    target: result.keyId ?? '',
    details: {
      principalId: result.principalId,
      role: result.role ?? null,
      status: result.status ?? null,
      team: result.team ?? null,
      tags: result.tags ?? [],
    },
  };
}

/** Appends the audit record of the mutation whose result the previous step produced; passes it on. */
export function request(ctx: Context) {
  const who = caller(ctx.identity);
  const action = ctx.info.fieldName;
  const { target, details } = describe(action, ctx.prev.result as KeyResult & PriceResult & TeamChangeResult);
  const now = util.time.nowISO8601();
  const id = util.autoId();
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk: `AUDIT#${now.slice(0, 10)}`, sk: `${now}#${id}` }),
    attributeValues: util.dynamodb.toMapValues({
      id,
      action,
      actorPrincipalId: who.principalId,
      actorKeyId: who.keyId,
      target,
      details: JSON.stringify(details),
      createdAt: now,
    }),
  };
}

export function response(ctx: Context) {
  if (ctx.error) util.error('The change was made but its audit record failed; it has been logged', ERROR_TYPES.internal);
  return ctx.prev.result;
}
