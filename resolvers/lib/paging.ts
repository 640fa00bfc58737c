import { util } from '@aws-appsync/utils';
import { ERROR_TYPES } from './errors.ts';

/** Page size from the client's `limit`: default 20, 1–100. */
export function pageSize(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return 20;
  if (limit < 1 || limit > 100) util.error(`limit must be from 1 to 100, got ${limit}`, ERROR_TYPES.validation);
  return limit;
}
