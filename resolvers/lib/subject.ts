import { util } from '@aws-appsync/utils';
import type { InputMaybe, TagInput } from '../../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './errors.ts';
import { readsEveryone, targetPrincipal, type Caller } from './identity.ts';
import { principalPk, tagPk, teamPk } from './ledger-keys.ts';
import { tagProblem, teamProblem, type Tag } from './tags.ts';

/**
 * Whose aggregates a usage read is about: one principal, one team or one tag value. Each has the same
 * aggregate items in its own partition (`pk`).
 */
export interface UsageSubject {
  pk: string;
  principalId: string | null;
  team: string | null;
  tag: Tag | null;
}

const matches = (pattern: string, text: string): boolean => util.matches(pattern, text);

/**
 * The subject of a read from its arguments (at most one of principalId, team, tag). A USER reads their
 * own principal and their own team only; tags cut across principals, so only ADMIN and FINANCE read
 * them. Nothing named: the caller's own principal.
 */
export function usageSubject(
  who: Caller,
  args: { principalId?: InputMaybe<string>; team?: InputMaybe<string>; tag?: InputMaybe<TagInput> },
): UsageSubject {
  const named = (args.principalId ? 1 : 0) + (args.team ? 1 : 0) + (args.tag ? 1 : 0);
  if (named > 1) util.error('Name at most one of principalId, team and tag', ERROR_TYPES.validation);
  if (args.team) {
    const problem = teamProblem(args.team, matches);
    if (problem) util.error(problem, ERROR_TYPES.validation);
    if (!readsEveryone(who) && args.team !== who.team) {
      util.error(`A USER key may read only its own team's usage, not team ${args.team}`, ERROR_TYPES.unauthorized);
    }
    return { pk: teamPk(args.team), principalId: null, team: args.team, tag: null };
  }
  if (args.tag) {
    const problem = tagProblem(args.tag, matches);
    if (problem) util.error(problem, ERROR_TYPES.validation);
    if (!readsEveryone(who)) util.error('Only an ADMIN or FINANCE key may read usage by tag', ERROR_TYPES.unauthorized);
    return { pk: tagPk(args.tag.key, args.tag.value), principalId: null, team: null, tag: { key: args.tag.key, value: args.tag.value } };
  }
  const principalId = targetPrincipal(who, args.principalId);
  return { pk: principalPk(principalId), principalId, team: null, tag: null };
}
