import type { LambdaOutcome } from '../lambda/host.ts';
import type { DataSource, DataSourceResponse } from './types.ts';

/** What the data source needs of a function: invoke it with an event (LambdaHost does this). */
export interface Invocable {
  invoke(event: unknown): Promise<LambdaOutcome>;
}

interface LambdaRequest {
  operation?: unknown;
  invocationType?: unknown;
  payload?: unknown;
}

export interface LambdaDataSourceOptions {
  /** Most resolutions one BatchInvoke call carries (AppSync's maxBatchSize). @default 5 */
  readonly maxBatchSize?: number;
}

const unhandled = (message: string): DataSourceResponse => ({ result: null, error: { message, type: 'Lambda:Unhandled' } });

/**
 * The Lambda data source (reference §4.1, §4.3):
 * - `Invoke` sends `payload` as the function's event; its return value becomes ctx.result; a failed
 *   function becomes ctx.error with type `Lambda:Unhandled` and the function's message.
 * - `invocationType: 'Event'` invokes without waiting; ctx.result is null.
 * - `BatchInvoke`: resolutions that ask within the same tick are sent together as an ARRAY of
 *   payloads (at most maxBatchSize); element i of the returned array answers resolution i. A
 *   returned element shaped `{ data, errorMessage, errorType }` fails only its own resolution
 *   (reference §4.2, marked unsure there).
 */
export function createLambdaDataSource(host: Invocable, options: LambdaDataSourceOptions = {}): DataSource {
  const maxBatchSize = options.maxBatchSize ?? 5;
  let batch: { payload: unknown; settle: (response: DataSourceResponse) => void }[] = [];

  const flush = async (entries: typeof batch) => {
    const outcome = await host.invoke(entries.map((entry) => entry.payload));
    if (!outcome.ok) {
      for (const entry of entries) entry.settle(unhandled(outcome.error.errorMessage));
      return;
    }
    const results = outcome.result;
    if (!Array.isArray(results) || results.length !== entries.length) {
      const message = `BatchInvoke expects an array of ${entries.length} results from the function`;
      for (const entry of entries) entry.settle(unhandled(message));
      return;
    }
    entries.forEach((entry, index) => {
      const element: unknown = results[index];
      const failure = element as { errorMessage?: unknown; errorType?: unknown; data?: unknown } | null;
      if (failure && typeof failure === 'object' && typeof failure.errorMessage === 'string') {
        entry.settle({
          result: failure.data ?? null,
          error: { message: failure.errorMessage, type: typeof failure.errorType === 'string' ? failure.errorType : 'Lambda:Unhandled' },
        });
      } else {
        entry.settle({ result: element ?? null });
      }
    });
  };

  const enqueue = (payload: unknown): Promise<DataSourceResponse> =>
    new Promise((settle) => {
      batch.push({ payload, settle });
      if (batch.length === 1) {
        queueMicrotask(() => {
          const pending = batch;
          batch = [];
          for (let start = 0; start < pending.length; start += maxBatchSize) void flush(pending.slice(start, start + maxBatchSize));
        });
      }
    });

  return {
    async invoke(request: unknown): Promise<DataSourceResponse> {
      const { operation, invocationType, payload } = (request ?? {}) as LambdaRequest;
      if (operation === 'BatchInvoke') return enqueue(payload ?? null);
      if (operation !== 'Invoke') return unhandled(`Unsupported Lambda operation ${String(operation)}`);
      if (invocationType === 'Event') {
        void host.invoke(payload ?? null);
        return { result: null };
      }
      const outcome = await host.invoke(payload ?? null);
      if (outcome.ok) return { result: outcome.result };
      return unhandled(outcome.error.errorMessage);
    },
  };
}
