import type { CreateApiKeyInput } from '../../schema/__generated__/graphql.ts';
import { ValidationError } from '../lib/errors.ts';
import type { NewKeyInput } from '../lib/keys.ts';
import { validateTags, validateTeam } from '../lib/tags.ts';

const PRINCIPAL_ID = /^prn_[A-Za-z0-9]{1,64}$/;

/** Checks a createApiKey input; throws ValidationError naming the field and the fix. */
export function validateNewKey(input: CreateApiKeyInput, now: Date): NewKeyInput {
  const username = input.username.trim();
  if (username.length < 1 || username.length > 128) {
    throw new ValidationError('username must be 1–128 characters after trimming');
  }
  if (input.principalId != null && !PRINCIPAL_ID.test(input.principalId)) {
    throw new ValidationError(`principalId "${input.principalId}" is not a principal id (prn_…)`);
  }
  if (input.expiresAt != null && Date.parse(input.expiresAt) <= now.getTime()) {
    throw new ValidationError(`expiresAt (${input.expiresAt}) must be in the future`);
  }
  return {
    username,
    role: input.role ?? 'USER',
    principalId: input.principalId ?? undefined,
    expiresAt: input.expiresAt ?? undefined,
    team: validateTeam(input.team),
    tags: validateTags(input.tags, 'createApiKey'),
  };
}
