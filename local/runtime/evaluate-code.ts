/**
 * The local equivalent of AppSync's EvaluateCode API (`aws appsync evaluate-code`): runs one handler of
 * resolver code against a context, in the same sandbox the local runtime serves resolvers with, and
 * answers in EvaluateCode's response shape: `evaluationResult` as a JSON string, `error` with `message`
 * and `codeErrors`, `logs`, plus the API's `stash` and `outErrors` JSON strings.
 */
import { evaluate } from './evaluate.ts';
import { ResolverCodeError } from './lint.ts';
import { loadResolverModule, ResolverLoadError } from './sandbox.ts';
import { createEvaluationState } from './types.ts';
import type { AppSyncContext, AuthTypeName, HandlerName, ResolverModule } from './types.ts';

export interface EvaluateCodeRequest {
  /** The resolver's ES module text (what AppSync stores: the bundled resolver). */
  readonly code: string;
  /** The context as JSON text (as the API takes it) or as an object. */
  readonly context: string | Readonly<Record<string, unknown>>;
  readonly function: HandlerName;
}

/** EvaluateCode's `CodeError`: where the code was refused. */
export interface CodeError {
  readonly errorType: string;
  readonly value: string;
  readonly location: { readonly line: number; readonly column: number; readonly span: number };
}

export interface EvaluateCodeResponse {
  readonly evaluationResult?: string;
  readonly error?: { readonly message: string; readonly codeErrors?: readonly CodeError[] };
  readonly logs: readonly string[];
  readonly stash?: string;
  readonly outErrors?: string;
}

/** The request itself is invalid (AppSync answers these with BadRequestException, not a result). */
export class EvaluateCodeRequestError extends Error {
  override readonly name = 'EvaluateCodeRequestError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseContext(context: EvaluateCodeRequest['context']): Record<string, unknown> {
  if (typeof context !== 'string') return { ...context };
  let parsed: unknown;
  try {
    parsed = JSON.parse(context);
  } catch (error) {
    throw new EvaluateCodeRequestError(`The context is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(parsed)) throw new EvaluateCodeRequestError('The context must be a JSON object');
  return parsed;
}

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? { ...value } : {});

/** `ctx` from an EvaluateCode context object (reference §1.1); what it omits gets the runtime's defaults. */
export function contextFromJson(json: Readonly<Record<string, unknown>>): AppSyncContext {
  const args = record(json.arguments ?? json.args);
  const info = record(json.info);
  const request = record(json.request);
  const prev = record(json.prev);
  const error = isRecord(json.error) && typeof json.error.message === 'string' && typeof json.error.type === 'string'
    ? { message: json.error.message, type: json.error.type }
    : undefined;
  return {
    arguments: args,
    args,
    identity: json.identity ?? null,
    source: json.source ?? null,
    stash: record(json.stash),
    prev: { result: prev.result ?? null },
    result: json.result ?? null,
    error,
    env: Object.fromEntries(Object.entries(record(json.env)).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    request: {
      headers: Object.fromEntries(Object.entries(record(request.headers)).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
      domainName: typeof request.domainName === 'string' ? request.domainName : null,
    },
    info: {
      fieldName: typeof info.fieldName === 'string' ? info.fieldName : '',
      parentTypeName: typeof info.parentTypeName === 'string' ? info.parentTypeName : '',
      variables: record(info.variables),
      selectionSetList: Array.isArray(info.selectionSetList) ? info.selectionSetList.filter((item): item is string => typeof item === 'string') : [],
      selectionSetGraphQL: typeof info.selectionSetGraphQL === 'string' ? info.selectionSetGraphQL : '',
    },
  };
}

/**
 * What `util.authType()` reports, read from the shape of `ctx.identity` (reference §1.2): EvaluateCode
 * takes no auth mode, so the identity the caller wrote is the only hint. No identity reads as API key.
 */
export function authTypeOf(identity: unknown): AuthTypeName {
  if (!isRecord(identity)) return 'API Key Authorization';
  if (Object.hasOwn(identity, 'resolverContext')) return 'Lambda Authorization';
  if (Object.hasOwn(identity, 'accountId') || Object.hasOwn(identity, 'cognitoIdentityPoolId')) return 'IAM Authorization';
  if (Object.hasOwn(identity, 'sub') && isRecord(identity.claims) && typeof identity.claims['cognito:username'] === 'string') {
    return 'User Pool Authorization';
  }
  if (Object.hasOwn(identity, 'sub')) return 'Open ID Connect Authorization';
  return 'API Key Authorization';
}

/**
 * Evaluates `request.function` of `request.code` with `request.context`, exactly as the local runtime
 * runs resolvers. Code the runtime refuses (APPSYNC_JS restrictions, syntax errors) comes back as
 * `error.codeErrors`. The errorType names AppSync gives code errors are not in the reference; we use
 * `PARSER_ERROR` for syntax errors and `UNSUPPORTED_SYNTAX_TYPE` for constructs APPSYNC_JS forbids.
 */
export function evaluateCode(request: EvaluateCodeRequest): EvaluateCodeResponse {
  if (request.function !== 'request' && request.function !== 'response') {
    throw new EvaluateCodeRequestError(`function must be "request" or "response", got "${String(request.function)}"`);
  }
  const ctx = contextFromJson(parseContext(request.context));
  let module: ResolverModule;
  try {
    module = loadResolverModule(request.code, 'code');
  } catch (error) {
    if (error instanceof ResolverCodeError) {
      return {
        error: {
          message: 'The code contains one or more errors.',
          codeErrors: error.violations.map((violation) => ({
            errorType: violation.rule === 'syntax' ? 'PARSER_ERROR' : 'UNSUPPORTED_SYNTAX_TYPE',
            value: violation.message,
            location: { line: violation.line, column: violation.column, span: 0 },
          })),
        },
        logs: [],
      };
    }
    if (error instanceof ResolverLoadError) return { error: { message: error.message }, logs: [] };
    throw error;
  }
  const state = createEvaluationState({ authType: authTypeOf(ctx.identity) });
  const outcome = evaluate(module, request.function, ctx, state);
  const common = { logs: [...state.logs], stash: JSON.stringify(ctx.stash), outErrors: JSON.stringify(state.errors) };
  if (outcome.kind === 'error') return { error: { message: outcome.error.message }, ...common };
  return { evaluationResult: JSON.stringify(outcome.value ?? null), ...common };
}
