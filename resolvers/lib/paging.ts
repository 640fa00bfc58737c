import { util } from '@aws-appsync/utils';
import { ERROR_TYPES } from './errors.ts';

/**
 * Fails a paged read: a nextToken DynamoDB refused is the client's error (ValidationError), anything
 * else is logged and masked as `what` could not be read.
 */
export function pagedReadError(error: { message: string; type: string }, what: string): never {
  if (error.message.indexOf('nextToken') >= 0 || error.type.indexOf('Validation') >= 0) {
    util.error('nextToken is not valid for this query', ERROR_TYPES.validation);
  }
  util.error(`${what} could not be read; it has been logged`, ERROR_TYPES.internal);
}

/** Page size from the client's `limit`: default 20, 1–100. */
export function pageSize(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return 20;
  if (limit < 1 || limit > 100) util.error(`limit must be from 1 to 100, got ${limit}`, ERROR_TYPES.validation);
  return limit;
}
