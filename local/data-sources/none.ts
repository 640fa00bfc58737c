import type { DataSource, DataSourceResponse } from './types.ts';

/** The NONE data source: the request handler returns `{ payload }` and `ctx.result` is that payload (reference §4.4). */
export function createNoneDataSource(): DataSource {
  return {
    invoke(request: unknown): Promise<DataSourceResponse> {
      const payload = typeof request === 'object' && request !== null && Object.hasOwn(request, 'payload')
        ? Reflect.get(request, 'payload')
        : null;
      return Promise.resolve({ result: payload ?? null });
    },
  };
}
