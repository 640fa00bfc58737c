import { randomUUID } from 'node:crypto';
import {
  GraphQLError,
  Kind,
  execute,
  getOperationAST,
  parse,
  validate,
  specifiedRules,
  defaultFieldResolver,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import type { AuthMode } from '../../resolvers/manifest.ts';
import type { AppSyncContext, AuthTypeName, ResolverError, SubscriptionInvalidation } from '../runtime/types.ts';
import type { AuthorizerCache } from './authorizer-cache.ts';
import { authTable } from './auth.ts';
import { depthLimitRule } from './limits.ts';
import { iamIdentity, verifySigV4, type LocalIamCredentials } from './sigv4.ts';
import { selectionSetGraphQL, selectionSetList } from './info.ts';
import { ResolverFailure, runResolver, type ResolverRun, type RunnableResolver } from './resolver-runner.ts';

export interface GraphqlApiOptions {
  readonly schema: GraphQLSchema;
  /** Resolvers by schema coordinate (`Query.me`). */
  readonly resolvers: ReadonlyMap<string, RunnableResolver>;
  readonly defaultAuth: AuthMode;
  readonly additionalAuth: readonly AuthMode[];
  /** The API_KEY-mode keys (AppSync `da2-…` keys). */
  readonly apiKeys: readonly string[];
  readonly authorizer: AuthorizerCache | null;
  /** Credentials AWS_IAM (SigV4) requests may be signed with. */
  readonly iamCredentials?: readonly LocalIamCredentials[];
  /** AppSync's query limits (reference: API settings queryDepthLimit / resolverCountLimit). */
  readonly limits?: { readonly queryDepth: number; readonly resolverCount: number };
  /** ctx.env */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Called once for each root Mutation field that resolved without an error to a non-null value,
   * with the value as the caller selected it (the real-time endpoint publishes it, reference §6.1).
   */
  readonly onMutationResult?: (result: MutationResult) => void;
  /** Called with what a Mutation's resolvers asked with `extensions.invalidateSubscriptions` (reference §6.4). */
  readonly onInvalidateSubscriptions?: (invalidations: readonly SubscriptionInvalidation[]) => void;
}

/** A successful root Mutation field: its name, serialized value (keyed by response keys) and selection. */
export interface MutationResult {
  readonly fieldName: string;
  readonly value: unknown;
  readonly field: FieldNode;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
}

/** The caller of a request, as authenticated from its headers (HTTP or WebSocket). */
export interface Caller {
  readonly mode: AuthMode;
  readonly identity: unknown;
  /** Fields the Lambda authorizer denied this caller (`Type.field`), reference §5.3. */
  readonly deniedFields?: readonly string[];
}

/** What SigV4 verification needs beyond the headers: the request line and body as sent. */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: string;
}

/** A subscription registered by `start` (reference §6.1): what to match and how to project events. */
export interface StartedSubscription {
  readonly fieldName: string;
  /** The response key (alias or field name) the subscriber reads. */
  readonly responseKey: string;
  /** Coerced arguments, for basic argument filtering. */
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly field: FieldNode;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** What `extensions.setSubscriptionFilter` set in the subscription resolver, or null. */
  readonly filter: unknown;
  /** What `extensions.setSubscriptionInvalidationFilter` set, or null. */
  readonly invalidationFilter: unknown;
}

export type StartOutcome =
  | { readonly ok: true; readonly subscription: StartedSubscription }
  /** `operation` is set when the document is not a subscription (UnsupportedOperation). */
  | { readonly ok: false; readonly errors: readonly unknown[]; readonly operation?: string };

/** A response as AppSync sends it: status, headers and a JSON body. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

interface RequestContext {
  readonly caller: Caller;
  readonly headers: Record<string, string>;
  readonly variables: Record<string, unknown>;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  /** Resolver runs so far in this request, against limits.resolverCount. */
  resolverRuns: number;
  /** Sees each root field's coerced arguments and resolver run (used by subscription `start`). */
  readonly observeRoot?: (args: Record<string, unknown>, run: ResolverRun | null) => void;
}

const AUTH_TYPE_NAMES: Readonly<Record<AuthMode, AuthTypeName>> = {
  API_KEY: 'API Key Authorization',
  AWS_LAMBDA: 'Lambda Authorization',
  AWS_IAM: 'IAM Authorization',
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=UTF-8', 'x-amzn-requestid': randomUUID(), ...headers },
  body,
});

/** HTTP 401 exactly as AppSync rejects credentials (reference §5.4). */
const unauthorized = (message: string): ApiResponse =>
  json(401, { errors: [{ errorType: 'UnauthorizedException', message }] }, { 'x-amzn-errortype': 'UnauthorizedException' });

const malformed = (message: string): ApiResponse =>
  json(400, { errors: [{ message, errorType: 'MalformedHttpRequestException' }] }, { 'x-amzn-errortype': 'MalformedHttpRequestException' });

/**
 * The GraphQL endpoint of the local runtime: authenticates like AppSync, validates and executes the
 * document against the schema, runs the bundled resolvers, and formats errors as AppSync does.
 */
export function createGraphqlApi(options: GraphqlApiOptions) {
  const modes = new Set<AuthMode>([options.defaultAuth, ...options.additionalAuth]);
  const fieldModes = authTable(options.schema, options.defaultAuth);

  async function authenticate(
    headers: Record<string, string>,
    query: string,
    variables: Record<string, unknown>,
    operationName: string | null,
    raw?: RawRequest,
  ): Promise<Caller | ApiResponse> {
    const apiKey = headers['x-api-key'];
    const token = headers.authorization;
    if (apiKey !== undefined && modes.has('API_KEY')) {
      return options.apiKeys.includes(apiKey) ? { mode: 'API_KEY', identity: null } : unauthorized('You are not authorized to make this call.');
    }
    if (token?.startsWith('AWS4-HMAC-SHA256') && modes.has('AWS_IAM')) {
      const verified = raw
        ? verifySigV4({ ...raw, headers }, options.iamCredentials ?? [])
        : ({ ok: false, reason: 'no request to verify' } as const);
      if (!verified.ok) return unauthorized('You are not authorized to make this call.');
      const sourceIp = (headers['x-forwarded-for'] ?? '').split(',').map((ip) => ip.trim()).filter((ip) => ip !== '');
      return { mode: 'AWS_IAM', identity: iamIdentity(verified.credentials, sourceIp) };
    }
    if (token !== undefined && token.trim() !== '' && modes.has('AWS_LAMBDA') && options.authorizer) {
      const decision = await options.authorizer.authorize(token, {
        requestContext: { apiId: 'local', accountId: '000000000000', requestId: randomUUID(), queryString: query, operationName, variables },
        requestHeaders: headers,
      });
      if (!decision.isAuthorized) return unauthorized('You are not authorized to make this call.');
      return { mode: 'AWS_LAMBDA', identity: { resolverContext: decision.resolverContext ?? {} }, deniedFields: decision.deniedFields };
    }
    return unauthorized('Valid authorization header not provided.');
  }

  const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = async (source, args, context, info) => {
    const coordinate = `${info.parentType.name}.${info.fieldName}`;
    const allowed = fieldModes.get(coordinate) ?? [options.defaultAuth];
    if (!allowed.includes(context.caller.mode) || context.caller.deniedFields?.includes(coordinate)) {
      throw new GraphQLError(`Not Authorized to access ${info.fieldName} on type ${info.parentType.name}`, {
        extensions: { errorType: 'Unauthorized' },
      });
    }
    const resolver = options.resolvers.get(coordinate);
    if (resolver) {
      context.resolverRuns += 1;
      const limit = options.limits?.resolverCount;
      if (limit !== undefined && context.resolverRuns > limit) {
        throw new GraphQLError(`Resolver count limit of ${limit} exceeded for this request`, { extensions: { errorType: 'ResolverCountLimitExceeded' } });
      }
    }
    const isRoot = info.path.prev === undefined;
    if (!resolver) {
      if (isRoot) context.observeRoot?.(args, null);
      return defaultFieldResolver(source, args, context, info);
    }
    const field = info.fieldNodes[0];
    const ctx: AppSyncContext = {
      arguments: args,
      args,
      identity: context.caller.identity,
      source: source ?? null,
      stash: {},
      prev: { result: null },
      result: null,
      error: undefined,
      env: options.environment,
      request: { headers: context.headers, domainName: null },
      info: {
        fieldName: info.fieldName,
        parentTypeName: info.parentType.name,
        variables: context.variables,
        selectionSetList: selectionSetList(field?.selectionSet, context.fragments),
        selectionSetGraphQL: field ? selectionSetGraphQL(field) : '',
      },
    };
    try {
      const run = await runResolver(resolver, ctx, AUTH_TYPE_NAMES[context.caller.mode]);
      if (isRoot) context.observeRoot?.(args, run);
      if (run.appendedErrors.length > 0) {
        // Appended errors travel with the value (reference §1.5).
        (context as RequestContext & { appended?: { path: readonly (string | number)[]; error: ResolverError }[] }).appended?.push(
          ...run.appendedErrors.map((error) => ({ path: pathOf(info.path), error })),
        );
      }
      return run.value;
    } catch (error) {
      if (error instanceof ResolverFailure) {
        throw new GraphQLError(error.error.message, {
          extensions: { errorType: error.error.errorType, data: error.error.data, errorInfo: error.error.errorInfo },
        });
      }
      throw error;
    }
  };

  const validationRules = options.limits ? [...specifiedRules, depthLimitRule(options.limits.queryDepth)] : specifiedRules;

  async function handle(request: { method: string; path?: string; query?: string; headers: Record<string, string>; body: string }): Promise<ApiResponse> {
    if (request.body.trim() === '') return malformed('Request body is empty.');
    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(request.body) as typeof payload;
    } catch {
      return malformed('Unable to parse GraphQL query.');
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || typeof payload.query !== 'string') {
      return malformed('Unable to parse GraphQL query.');
    }
    const query = payload.query;
    const variables = (typeof payload.variables === 'object' && payload.variables !== null ? payload.variables : {}) as Record<string, unknown>;
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : null;

    const caller = await authenticate(request.headers, query, variables, operationName, {
      method: request.method,
      path: request.path ?? '/graphql',
      query: request.query ?? '',
      body: request.body,
    });
    if ('status' in caller) return caller;

    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return json(200, { data: null, errors: [formatPlainError(error as GraphQLError)] });
    }
    const validationErrors = validate(options.schema, document, validationRules);
    if (validationErrors.length > 0) {
      return json(200, { data: null, errors: validationErrors.map(formatPlainError) });
    }
    const operation = getOperationAST(document, operationName);
    if (operation?.operation === 'subscription') {
      return json(200, { data: null, errors: [{ message: 'Subscriptions are served over the realtime WebSocket endpoint', errorType: 'UnsupportedOperation', path: null }] });
    }
    const fragments = fragmentsOf(document);
    const invalidations: SubscriptionInvalidation[] = [];
    const context: RequestContext & { appended: { path: readonly (string | number)[]; error: ResolverError }[] } = {
      caller,
      headers: request.headers,
      variables,
      fragments,
      resolverRuns: 0,
      appended: [],
      ...(operation?.operation === 'mutation'
        ? { observeRoot: (_args: Record<string, unknown>, run: ResolverRun | null) => invalidations.push(...(run?.extensions.invalidations ?? [])) }
        : {}),
    };
    const result: ExecutionResult = await execute({
      schema: options.schema,
      document,
      variableValues: variables,
      operationName,
      contextValue: context,
      fieldResolver,
    });
    const errors = [
      ...(result.errors ?? []).map(formatExecutionError),
      ...context.appended.map(({ path, error }) => appSyncError(path, error)),
    ];
    if (operation?.operation === 'mutation' && options.onMutationResult) {
      publishMutationResults(options.onMutationResult, operation.selectionSet.selections, result, fragments);
    }
    if (invalidations.length > 0) options.onInvalidateSubscriptions?.(invalidations);
    return json(200, errors.length > 0 ? { data: result.data ?? null, errors } : { data: result.data ?? null });
  }

  /**
   * A real-time `start` (reference §6.1, §7.3): validates the subscription document, checks the
   * caller may read the field (the same auth path as HTTP) and runs the field's resolver once; its
   * value is not sent, its `extensions.setSubscriptionFilter` filter is kept.
   */
  async function startSubscription(request: {
    readonly caller: Caller;
    readonly headers: Record<string, string>;
    readonly query: string;
    readonly variables: Record<string, unknown>;
    readonly operationName: string | null;
  }): Promise<StartOutcome> {
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return { ok: false, errors: [formatPlainError(error as GraphQLError)] };
    }
    const validationErrors = validate(options.schema, document, validationRules);
    if (validationErrors.length > 0) return { ok: false, errors: validationErrors.map(formatPlainError) };
    const operation = getOperationAST(document, request.operationName);
    if (!operation) return { ok: false, errors: [{ path: null, locations: [], message: 'Unable to parse GraphQL query.' }] };
    if (operation.operation !== 'subscription') return { ok: false, errors: [], operation: operation.operation };
    const field = operation.selectionSet.selections.find((selection): selection is FieldNode => selection.kind === Kind.FIELD);
    if (!field) return { ok: false, errors: [{ path: null, locations: [], message: 'A subscription must select one field.' }] };
    const fragments = fragmentsOf(document);
    const observed: { root: { args: Record<string, unknown>; run: ResolverRun | null } | null } = { root: null };
    const context: RequestContext & { appended: { path: readonly (string | number)[]; error: ResolverError }[] } = {
      caller: request.caller,
      headers: request.headers,
      variables: request.variables,
      fragments,
      resolverRuns: 0,
      appended: [],
      observeRoot: (args, run) => {
        observed.root = { args, run };
      },
    };
    const result: ExecutionResult = await execute({
      schema: options.schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
      fieldResolver,
    });
    // The subscription resolver's value is never sent (reference §6.1), so a null for a non-null
    // subscription field is no error at start.
    const nullRoot = `Cannot return null for non-nullable field ${options.schema.getSubscriptionType()?.name ?? 'Subscription'}.${field.name.value}.`;
    const errors = [
      ...(result.errors ?? []).filter((error) => error.message !== nullRoot).map(formatExecutionError),
      ...context.appended.map(({ path, error }) => appSyncError(path, error)),
    ];
    const seen = observed.root;
    if (errors.length > 0 || !seen) return { ok: false, errors };
    return {
      ok: true,
      subscription: {
        fieldName: field.name.value,
        responseKey: field.alias?.value ?? field.name.value,
        arguments: seen.args,
        field,
        fragments,
        filter: seen.run?.extensions.subscriptionFilter ?? null,
        invalidationFilter: seen.run?.extensions.subscriptionInvalidationFilter ?? null,
      },
    };
  }

  return { handle, authenticate, startSubscription };
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** Hands each root Mutation field that resolved to a non-null value without an error to the hook. */
function publishMutationResults(
  hook: (result: MutationResult) => void,
  selections: readonly SelectionNode[],
  result: ExecutionResult,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): void {
  const failed = new Set((result.errors ?? []).map((error) => error.path?.[0]));
  for (const selection of selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = selection.alias?.value ?? selection.name.value;
    const value = result.data?.[key];
    if (value === null || value === undefined || failed.has(key)) continue;
    try {
      hook({ fieldName: selection.name.value, value, field: selection, fragments });
    } catch (error) {
      // Publishing never fails the mutation that triggered it.
      process.emitWarning(`publishing ${selection.name.value}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function pathOf(path: { prev: unknown; key: string | number } | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  let cursor = path as { prev?: unknown; key: string | number } | undefined;
  while (cursor) {
    out.unshift(cursor.key);
    cursor = cursor.prev as typeof cursor;
  }
  return out;
}

/** AppSync's error entry: errorType, data and errorInfo at the top level (reference §1.5). */
function appSyncError(path: readonly (string | number)[] | null, error: ResolverError, locations: unknown = null) {
  return {
    path,
    data: error.data ?? null,
    errorType: error.errorType ?? null,
    errorInfo: error.errorInfo ?? null,
    locations,
    message: error.message,
  };
}

function locationsOf(error: GraphQLError) {
  return (error.locations ?? []).map((location) => ({ ...location, sourceName: null }));
}

function formatExecutionError(error: GraphQLError) {
  const extensions = error.extensions as { errorType?: string; data?: unknown; errorInfo?: unknown };
  if (extensions.errorType === undefined && error.originalError && !(error.originalError instanceof GraphQLError)) {
    // An unexpected failure in the runtime itself: masked, as AppSync masks internal errors.
    return appSyncError(error.path ?? null, { message: 'An internal failure occurred', errorType: 'InternalFailure', data: null, errorInfo: null }, locationsOf(error));
  }
  return appSyncError(
    error.path ?? null,
    { message: error.message, errorType: extensions.errorType ?? null, data: extensions.data ?? null, errorInfo: extensions.errorInfo ?? null },
    locationsOf(error),
  );
}

/** Parse and validation errors: no errorType, `path` null (reference §8.1). */
function formatPlainError(error: GraphQLError) {
  const errorType = (error.extensions as { errorType?: unknown }).errorType;
  if (typeof errorType === 'string') return { path: null, errorType, locations: locationsOf(error), message: error.message };
  return { path: null, locations: locationsOf(error), message: error.message };
}
