/**
 * Types shared by the APPSYNC_JS sandbox, its `util`/`runtime`/`extensions` implementations and the
 * resolver executor.
 */

/** The authentication mode of the request, as `util.authType()` reports it (reference §1.2). */
export type AuthTypeName =
  | 'API Key Authorization'
  | 'IAM Authorization'
  | 'User Pool Authorization'
  | 'Open ID Connect Authorization'
  | 'Lambda Authorization';

export interface AppSyncRequestInfo {
  headers: Record<string, string>;
  domainName: string | null;
}

export interface AppSyncInfo {
  fieldName: string;
  parentTypeName: string;
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

/** The `ctx` handed to `request`/`response` (reference §1.1). Must be JSON-safe. */
export interface AppSyncContext {
  arguments: Record<string, unknown>;
  /** Alias of `arguments`; the sandbox always makes them one object. */
  args: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  stash: Record<string, unknown>;
  prev: { result: unknown };
  result: unknown;
  error?: { message: string; type: string } | undefined;
  readonly env: Readonly<Record<string, string>>;
  request: AppSyncRequestInfo;
  info: AppSyncInfo;
}

/** One GraphQL error entry produced by resolver code (reference §1.5). */
export interface ResolverError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

export interface SubscriptionInvalidation {
  subscriptionField: string;
  payload: Record<string, unknown>;
}

export interface CacheEviction {
  typeName: string;
  fieldName: string;
  keyValues: Record<string, unknown>;
}

/** What `extensions.*` calls recorded during one field resolution (reference §2.6, §6.3, §6.4). */
export interface ExtensionsRecord {
  subscriptionFilter: unknown;
  subscriptionInvalidationFilter: unknown;
  invalidations: SubscriptionInvalidation[];
  cacheEvictions: CacheEviction[];
}

/**
 * Mutable state of one field resolution, shared by every handler that runs for it (a unit
 * resolver's two handlers, or all steps of a pipeline).
 */
export interface EvaluationState {
  /** Errors added by `util.appendError`. */
  readonly errors: ResolverError[];
  /** Lines written by `console.*`. */
  readonly logs: string[];
  /** Feeds `util.authType()`; `null` when unknown. */
  readonly authType: AuthTypeName | null;
  readonly extensions: ExtensionsRecord;
  /** Headers added by `util.http.addResponseHeader(s)`; last write wins. */
  readonly responseHeaders: Record<string, string>;
}

export function createEvaluationState(options: { authType: AuthTypeName | null }): EvaluationState {
  return {
    errors: [],
    logs: [],
    authType: options.authType,
    extensions: { subscriptionFilter: null, subscriptionInvalidationFilter: null, invalidations: [], cacheEvictions: [] },
    responseHeaders: {},
  };
}

export type EvaluationResult =
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; error: ResolverError }
  | { kind: 'earlyReturn'; value: unknown; skipTo: 'END' | 'NEXT' };

export type HandlerName = 'request' | 'response';

/** A loaded resolver or pipeline function; run its handlers through `evaluate()`. */
export interface ResolverModule {
  readonly name: string;
  readonly request?: (ctx: AppSyncContext, state: EvaluationState) => EvaluationResult;
  readonly response?: (ctx: AppSyncContext, state: EvaluationState) => EvaluationResult;
}
