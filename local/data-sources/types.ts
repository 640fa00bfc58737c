/** One data source kind behind one interface: the executor hands it the request handler's return value. */
export interface DataSourceError {
  message: string;
  type: string;
}

export interface DataSourceResponse {
  /** Becomes `ctx.result` in the response handler (plain JSON). */
  result: unknown;
  /** Becomes `ctx.error`; the response handler decides whether it reaches the client. */
  error?: DataSourceError;
}

export interface DataSource {
  invoke(request: unknown, ctx: { identity: unknown }): Promise<DataSourceResponse>;
}
