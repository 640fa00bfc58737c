import type { LambdaResult } from '../../resolvers/lib/lambda-result.ts';
import { ClientError } from './errors.ts';
import { errorFields, type Logger } from './logger.ts';

/**
 * Runs a handler body: expected failures (ClientError) become a LambdaResult error the resolver
 * turns into a GraphQL error with their errorType; anything else is logged and rethrown, so AppSync
 * sees a failed invocation and the resolver masks it.
 */
export async function handleClientErrors<T>(log: Logger, body: () => Promise<T>): Promise<LambdaResult<T>> {
  try {
    return { data: await body() };
  } catch (error) {
    if (error instanceof ClientError) {
      return { error: { message: error.message, errorType: error.errorType, errorInfo: error.errorInfo } };
    }
    log.error('unexpected failure', errorFields(error));
    throw error;
  }
}
