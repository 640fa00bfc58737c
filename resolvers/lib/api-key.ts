import type { ApiKey } from '../../schema/__generated__/graphql.ts';
import { tagList } from './tags.ts';

/** A keys-table item; `keyHash` never leaves the resolver. */
export interface KeyItem {
  keyHash: string;
  keyId: string;
  principalId: string;
  username: string;
  role: ApiKey['role'];
  status: ApiKey['status'];
  prefix: string;
  createdAt: string;
  expiresAt?: string | null;
  revokedAt?: string | null;
  lastUsedAt?: string | null;
  /** The principal's team (cost centre). */
  team?: string | null;
  /** Cost-allocation tags every request of the key carries. */
  tags?: Record<string, string> | null;
}

export function toApiKey(item: KeyItem): ApiKey {
  return {
    keyId: item.keyId,
    principalId: item.principalId,
    username: item.username,
    role: item.role,
    status: item.status,
    prefix: item.prefix,
    createdAt: item.createdAt,
    expiresAt: item.expiresAt ?? null,
    revokedAt: item.revokedAt ?? null,
    lastUsedAt: item.lastUsedAt ?? null,
    team: item.team ?? null,
    tags: tagList(item.tags),
  };
}
