import type { LambdaHost } from '../lambda/host.ts';
import type { DataSource, DataSourceResponse } from './types.ts';

interface LambdaRequest {
  operation?: unknown;
  payload?: unknown;
}

/**
 * The Lambda data source: `Invoke` sends `payload` as the function's event and hands its return value
 * to the response handler; a failed function becomes ctx.error with type `Lambda:Unhandled`
 * (reference §4.1, §4.3).
 */
export function createLambdaDataSource(host: LambdaHost): DataSource {
  return {
    async invoke(request: unknown): Promise<DataSourceResponse> {
      const { operation, payload } = (request ?? {}) as LambdaRequest;
      if (operation !== 'Invoke') {
        return { result: null, error: { message: `Unsupported Lambda operation ${String(operation)}`, type: 'Lambda:Unhandled' } };
      }
      const outcome = await host.invoke(payload ?? null);
      if (outcome.ok) return { result: outcome.result };
      return { result: null, error: { message: outcome.error.errorMessage, type: 'Lambda:Unhandled' } };
    },
  };
}
