import { util, type Context } from '@aws-appsync/utils';
import type { MutationRotateApiKeyArgs, RotatedApiKey } from '../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './lib/errors.ts';

/** Longest overlap: a week. */
const MAX_OVERLAP_SECONDS = 604800;

/** Pipeline: find-key-by-id → mint-rotated-key → expire-key. The overlap is checked before anything is minted. */
export function request(ctx: Context<MutationRotateApiKeyArgs>) {
  const overlap = ctx.args.overlapSeconds ?? 3600;
  if (overlap < 0 || overlap > MAX_OVERLAP_SECONDS) {
    util.error(`overlapSeconds must be from 0 to ${MAX_OVERLAP_SECONDS}, got ${overlap}`, ERROR_TYPES.validation);
  }
  ctx.stash.overlapSeconds = overlap;
  return {};
}

export function response(ctx: Context<MutationRotateApiKeyArgs>): RotatedApiKey {
  return ctx.prev.result as RotatedApiKey;
}
