import { util } from '@aws-appsync/utils';
import { ERROR_TYPES } from './errors.ts';

/**
 * What our Lambda data sources return. Expected failures (bad input, Bedrock errors) come back as
 * `error` so the Lambda does not count as failed; only unexpected crashes reach `ctx.error`.
 */
export type LambdaResult<T> =
  | { data: T; error?: undefined }
  | { data?: undefined; error: { message: string; errorType: string; errorInfo?: Record<string, unknown> | null } };

/** The data of a Lambda result, or the field fails with the Lambda's errorType. */
export function unwrapLambdaResult<T>(error: unknown, result: LambdaResult<T> | null | undefined): T {
  if (error || !result) {
    // Unexpected failures are masked: the Lambda logged them in full.
    util.error('The request failed unexpectedly; it has been logged', ERROR_TYPES.internal);
  }
  if (result.error) {
    util.error(result.error.message, result.error.errorType, null, result.error.errorInfo ?? null);
  }
  return result.data as T;
}
