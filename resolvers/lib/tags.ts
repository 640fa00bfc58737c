/**
 * Teams (cost centres) and cost-allocation tags: their shape, shared by the Lambdas that store them
 * and the resolvers that query by them. Plain functions only, so they obey APPSYNC_JS. `#` is never
 * allowed: it separates the parts of the ledger's keys.
 */

/** A team id: 1–64 characters of letters, digits, `_ . : / + @ -`, starting with a letter or digit. */
export const TEAM_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:/+@-]{0,63}$';

/**
 * A tag key: 1–64 characters of letters, digits, `_ . : / = + @ -`, not starting with `aws:`
 * (reserved by AWS for its own tags).
 */
export const TAG_KEY_PATTERN = '^[A-Za-z0-9_.:/=+@-]{1,64}$';

/** A tag value: 1–128 characters of letters, digits, spaces and `_ . : / = + @ -`. */
export const TAG_VALUE_PATTERN = '^[A-Za-z0-9 _.:/=+@-]{1,128}$';

/** At most this many tags on one key, and on one invocation (the key's and the request's together). */
export const MAX_TAGS = 10;

export interface Tag {
  key: string;
  value: string;
}

/** Why a tag is refused, or null when it is acceptable. */
export function tagProblem(tag: Tag, matches: (pattern: string, text: string) => boolean): string | null {
  if (!matches(TAG_KEY_PATTERN, tag.key) || tag.key.toLowerCase().indexOf('aws:') === 0) {
    return `tag key "${tag.key}" must be 1–64 characters of letters, digits and _ . : / = + @ -, and not start with aws:`;
  }
  if (!matches(TAG_VALUE_PATTERN, tag.value)) {
    return `tag value "${tag.value}" (key ${tag.key}) must be 1–128 characters of letters, digits, spaces and _ . : / = + @ -`;
  }
  return null;
}

export function teamProblem(team: string, matches: (pattern: string, text: string) => boolean): string | null {
  return matches(TEAM_PATTERN, team)
    ? null
    : `team "${team}" must be 1–64 characters of letters, digits and _ . : / + @ -, starting with a letter or digit`;
}

/** Tags as a list sorted by key, from the map the ledger stores. */
export function tagList(tags: Record<string, string> | null | undefined): Tag[] {
  if (!tags) return [];
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] ?? '' }));
}
