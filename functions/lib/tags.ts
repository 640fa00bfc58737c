/**
 * Validation of teams and cost-allocation tags where they enter: on a key (createApiKey) and on a
 * request (invokeModel, converse). A request's tags add to its key's; they may not change a tag the
 * key fixes, so an allocation an admin put on a key cannot be dodged by the caller.
 */
import { MAX_TAGS, tagProblem, teamProblem, type Tag } from '../../resolvers/lib/tags.ts';
import { ValidationError } from './errors.ts';

const matches = (pattern: string, text: string): boolean => new RegExp(pattern).test(text);

/** A list of tags as the map the ledger stores; refuses a bad tag, a repeated key or too many. */
export function validateTags(tags: readonly Tag[] | null | undefined, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!tags) return out;
  if (tags.length > MAX_TAGS) throw new ValidationError(`${where} carries ${tags.length} tags; at most ${MAX_TAGS} are allowed`);
  for (const tag of tags) {
    const problem = tagProblem(tag, matches);
    if (problem) throw new ValidationError(`${where}: ${problem}`);
    if (Object.hasOwn(out, tag.key)) throw new ValidationError(`${where}: tag key "${tag.key}" is given twice`);
    out[tag.key] = tag.value;
  }
  return out;
}

export function validateTeam(team: string | null | undefined): string | null {
  if (team == null) return null;
  const problem = teamProblem(team, matches);
  if (problem) throw new ValidationError(problem);
  return team;
}

/** The key's tags plus the request's; a request may add tags but not change one its key fixes. */
export function mergeTags(keyTags: Readonly<Record<string, string>>, requestTags: Readonly<Record<string, string>>): Record<string, string> {
  const merged: Record<string, string> = { ...keyTags };
  for (const [key, value] of Object.entries(requestTags)) {
    const fixed = keyTags[key];
    if (fixed !== undefined && fixed !== value) {
      throw new ValidationError(`tag "${key}" is fixed to "${fixed}" by the API key; the request may not set it to "${value}"`);
    }
    merged[key] = value;
  }
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new ValidationError(`the key's and the request's tags together are ${Object.keys(merged).length}; at most ${MAX_TAGS} are allowed`);
  }
  return merged;
}

/** The tags as part of an idempotency fingerprint: absent when there are none, so untagged requests hash as before. */
export const withTags = (tags: Readonly<Record<string, string>>): { tags?: Readonly<Record<string, string>> } =>
  Object.keys(tags).length > 0 ? { tags } : {};

/** The tags a key carries, from the caller the authorizer resolved (a JSON object in resolverContext). */
export function callerTags(encoded: string | null | undefined): Record<string, string> {
  if (!encoded) return {};
  const parsed: unknown = JSON.parse(encoded);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') out[key] = value;
  return out;
}
