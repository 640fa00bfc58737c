/**
 * Loads a bundled APPSYNC_JS resolver (the ES module text esbuild produced for AppSync) into an
 * isolated `node:vm` context that offers what AppSync's JavaScript runtime offers: the language
 * built-ins (JSON, Math, a partial Date, String, Array, Object, Number, Boolean…), `util`, `runtime`,
 * `extensions`, a `console` that writes into the evaluation's log list, and the modules
 * `@aws-appsync/utils` and `@aws-appsync/utils/dynamodb`. There is no `require`, `process`, timers,
 * `fetch`, `Buffer`, `eval` or `Function` code generation.
 *
 * Running an ES module in `vm` would need `--experimental-vm-modules`, so the exact bundle text is
 * transformed to CommonJS with esbuild (`transformSync(code, { format: 'cjs' })`) and evaluated as a
 * script with a `require` shim that resolves only `@aws-appsync/utils` and its subpaths. The ORIGINAL
 * ES module text is what gets linted: the CommonJS transform adds helper code (`__export`,
 * `__toCommonJS`, for-in loops) that resolver authors never wrote.
 *
 * Nothing from the host enters the context as an object: `ctx`, util arguments and util results
 * cross the boundary as JSON text and are parsed on the other side, so resolver code cannot reach a
 * host prototype (and from there the host's `Function`).
 */
import { randomBytes } from 'node:crypto';
import { createContext, Script } from 'node:vm';
import type { Context } from 'node:vm';
import { transformSync } from 'esbuild';
import { toEvaluationResult } from './evaluate.ts';
import type { RawOutcome } from './evaluate.ts';
import { ResolverSignal } from './host-api.ts';
import type { CallScope, HostApi, SignalOutcome } from './host-api.ts';
import { assertSupportedCode } from './lint.ts';
import { createEvaluationState } from './types.ts';
import type { AppSyncContext, EvaluationResult, EvaluationState, HandlerName, ResolverModule } from './types.ts';
import { createHostApi } from './util.ts';

export { ResolverCodeError } from './lint.ts';

export interface LoadResolverOptions {
  /** CPU time limit for module initialisation and for each handler call, in milliseconds. Default 1000. */
  readonly timeoutMs?: number;
  /** Host implementations exposed to the code; defaults to the full APPSYNC_JS surface. */
  readonly hostApi?: HostApi;
}

/** The module exports neither `request` nor `response`, or failed while initialising. */
export class ResolverLoadError extends Error {
  override readonly name = 'ResolverLoadError';
}

/**
 * Code evaluated inside the context once per module. It builds `util`/`runtime`/`extensions`/
 * `console` and the module table from the host's list of function paths, each function a thin
 * wrapper that sends its arguments to the host as JSON and parses the host's JSON reply, and it
 * returns the entry points the host drives (`load`, `invoke`). This text is ours, not resolver code,
 * so it may use try/catch.
 */
const BOOTSTRAP = String.raw`(function (hostCall, pathsJson) {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const freeze = Object.freeze;
  const hasOwn = Object.hasOwn;
  const SIGNAL = freeze({ signal: true });

  for (const name of ['Promise', 'Proxy', 'Reflect', 'WebAssembly', 'SharedArrayBuffer', 'Atomics',
    'WeakRef', 'FinalizationRegistry', 'Intl', 'eval']) {
    delete globalThis[name];
  }
  // APPSYNC_JS Date has no setters and no locale formatting (reference §1.6, no-disallowed-methods).
  for (const name of Object.getOwnPropertyNames(Date.prototype)) {
    if (name.startsWith('set') || name.startsWith('toLocale') || name === 'toGMTString') {
      delete Date.prototype[name];
    }
  }

  function makeFunction(path) {
    return function () {
      const args = [];
      for (let i = 0; i < arguments.length; i += 1) args.push(arguments[i]);
      const reply = parse(hostCall(path, stringify(args)));
      if (reply.t === 'v') return reply.v;
      if (reply.t === 's') throw SIGNAL;
      throw new Error(reply.m);
    };
  }

  function deepFreeze(value) {
    if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
      freeze(value);
      for (const key of Object.keys(value)) deepFreeze(value[key]);
    }
    return value;
  }

  const roots = {};
  for (const path of parse(pathsJson)) {
    const parts = path.split('.');
    let node = roots;
    for (let i = 0; i < parts.length - 1; i += 1) {
      if (!hasOwn(node, parts[i])) node[parts[i]] = {};
      node = node[parts[i]];
    }
    node[parts[parts.length - 1]] = makeFunction(path);
  }
  for (const name of ['util', 'runtime', 'extensions', 'console', 'dynamodb']) {
    if (!hasOwn(roots, name)) roots[name] = {};
  }
  deepFreeze(roots);
  for (const name of ['util', 'runtime', 'extensions', 'console']) {
    Object.defineProperty(globalThis, name, { value: roots[name], writable: false, configurable: false, enumerable: false });
  }

  const modules = {
    '@aws-appsync/utils': freeze({ util: roots.util, runtime: roots.runtime, extensions: roots.extensions }),
    '@aws-appsync/utils/dynamodb': roots.dynamodb,
  };
  function require(id) {
    if (hasOwn(modules, id)) return modules[id];
    throw new Error("Cannot find module '" + id + "': the local APPSYNC_JS runtime provides only " +
      Object.keys(modules).join(' and '));
  }

  function describe(error) {
    if (error !== null && typeof error === 'object') {
      return { name: String(error.name), message: String(error.message) };
    }
    return { name: 'Error', message: String(error) };
  }

  let exported = {};
  return freeze({
    load(factory) {
      const module = { exports: {} };
      factory(module.exports, require, module);
      exported = module.exports;
      return stringify({
        request: typeof exported.request === 'function',
        response: typeof exported.response === 'function',
      });
    },
    invoke(requestJson) {
      const request = parse(requestJson);
      const ctx = request.ctx;
      ctx.args = ctx.arguments;
      Object.defineProperty(ctx, 'env', { value: deepFreeze(ctx.env), writable: false, enumerable: true, configurable: false });
      let outcome;
      try {
        outcome = { t: 'v', v: exported[request.fn](ctx) };
      } catch (error) {
        outcome = error === SIGNAL ? { t: 's' } : { t: 'x', e: describe(error) };
      }
      outcome.stash = ctx.stash;
      outcome.arguments = ctx.arguments;
      try {
        return stringify(outcome);
      } catch (error) {
        return stringify({ t: 'x', e: { name: 'TypeError', message: 'The handler returned a value that is not JSON: ' + describe(error).message } });
      }
    },
  });
})`;

interface ActiveCall {
  readonly scope: CallScope;
  signal: SignalOutcome | undefined;
}

/**
 * Lints, transforms and evaluates a bundled resolver; returns its handlers. Throws ResolverCodeError
 * for unsupported JavaScript and ResolverLoadError when the module cannot be initialised.
 */
/** The CPU limit for a module's top-level code (see below). */
const LOAD_TIMEOUT_MS = 10_000;

export function loadResolverModule(code: string, name: string, options: LoadResolverOptions = {}): ResolverModule {
  assertSupportedCode(code, name);
  const timeout = options.timeoutMs ?? 1000;
  const hostApi = options.hostApi ?? createHostApi();

  const cjs = transformSync(code, { format: 'cjs', target: 'es2022', sourcefile: `${name}.js`, logLevel: 'silent' }).code;

  // Calls made while the module initialises (top-level code) get a throwaway state.
  const loadScope: CallScope = {
    state: createEvaluationState({ authType: null }),
    info: { fieldName: '', parentTypeName: '', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
  };
  const holder: { active: ActiveCall | undefined } = { active: undefined };

  const hostCall = (path: string, argsJson: string): string => {
    const call = holder.active ?? { scope: loadScope, signal: undefined };
    const fn = hostApi[path];
    if (fn === undefined) return JSON.stringify({ t: 'e', m: `${path} is not available in the local runtime` });
    try {
      const parsed: unknown = JSON.parse(argsJson);
      const value = fn(Array.isArray(parsed) ? parsed : [], call.scope);
      return value === undefined ? '{"t":"v"}' : JSON.stringify({ t: 'v', v: value });
    } catch (error) {
      if (error instanceof ResolverSignal) {
        call.signal = error.outcome;
        return '{"t":"s"}';
      }
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return JSON.stringify({ t: 'e', m: message });
    }
  };

  const context: Context = createContext({}, { name: `appsync-js:${name}`, codeGeneration: { strings: false, wasm: false } });
  const key = `__appsyncRuntime_${randomBytes(6).toString('hex')}`;
  const bootstrap: unknown = new Script(BOOTSTRAP, { filename: 'appsync-js-runtime.js' }).runInContext(context);
  if (typeof bootstrap !== 'function') throw new ResolverLoadError('The sandbox bootstrap did not evaluate to a function');
  const entryPoints: unknown = bootstrap(hostCall, JSON.stringify(Object.keys(hostApi)));
  Object.defineProperty(context, key, { value: entryPoints, writable: false, enumerable: false, configurable: false });

  const factory: unknown = new Script(`(function (exports, require, module) {'use strict';\n${cjs}\n})`, {
    filename: `${name}.js`,
    lineOffset: -1,
  }).runInContext(context);
  Object.defineProperty(context, `${key}_factory`, { value: factory, writable: false, enumerable: false });

  let shape: { request?: boolean; response?: boolean };
  try {
    // Loading runs once at start-up, often while everything else starts too: it gets a wider CPU
    // limit than a request, so a busy machine does not fail a module that only initialises.
    const loaded: unknown = new Script(`${key}.load(${key}_factory)`).runInContext(context, { timeout: Math.max(timeout, LOAD_TIMEOUT_MS) });
    shape = typeof loaded === 'string' ? parseShape(loaded) : {};
  } catch (error) {
    throw new ResolverLoadError(`${name} failed while loading: ${errorText(error)}`, { cause: error });
  }
  if (shape.request !== true && shape.response !== true) {
    throw new ResolverLoadError(`${name} exports neither a request nor a response function`);
  }

  const invokeScript = new Script(`${key}.invoke(${key}_request)`);
  const run = (fn: HandlerName) => (ctx: AppSyncContext, state: EvaluationState): EvaluationResult => {
    const call: ActiveCall = { scope: { state, info: ctx.info }, signal: undefined };
    Object.defineProperty(context, `${key}_request`, {
      value: JSON.stringify({ fn, ctx: contextForSandbox(ctx) }),
      writable: true,
      enumerable: false,
      configurable: true,
    });
    holder.active = call;
    let reply: unknown;
    try {
      reply = invokeScript.runInContext(context, { timeout });
    } catch (error) {
      // The vm throws (host-realm) only when the CPU limit is hit or the context is broken.
      return { kind: 'error', error: codeError(errorText(error)) };
    } finally {
      holder.active = undefined;
    }
    const outcome = typeof reply === 'string' ? (JSON.parse(reply) as RawOutcome) : undefined;
    if (outcome === undefined) return { kind: 'error', error: codeError('The sandbox returned no outcome') };
    syncBack(ctx, outcome);
    return toEvaluationResult(outcome, call.signal);
  };

  return {
    name,
    ...(shape.request === true ? { request: run('request') } : {}),
    ...(shape.response === true ? { response: run('response') } : {}),
  };
}

/** The JSON-safe view of `ctx` sent into the sandbox (`args` is re-created there as an alias). */
function contextForSandbox(ctx: AppSyncContext): Record<string, unknown> {
  return {
    arguments: ctx.arguments,
    identity: ctx.identity ?? null,
    source: ctx.source ?? null,
    stash: ctx.stash,
    prev: ctx.prev,
    result: ctx.result ?? null,
    ...(ctx.error ? { error: ctx.error } : {}),
    env: ctx.env,
    request: ctx.request,
    info: ctx.info,
  };
}

/** Carries the handler's writes to `ctx.stash` and `ctx.arguments` back into the host's `ctx` (same objects). */
function syncBack(ctx: AppSyncContext, outcome: RawOutcome): void {
  if (outcome.stash !== undefined && outcome.stash !== null) replaceContents(ctx.stash, outcome.stash);
  if (outcome.arguments !== undefined && outcome.arguments !== null) {
    replaceContents(ctx.arguments, outcome.arguments);
    if (ctx.args !== ctx.arguments) replaceContents(ctx.args, outcome.arguments);
  }
}

function replaceContents(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, source);
}

function parseShape(text: string): { request?: boolean; response?: boolean } {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) return {};
  return {
    request: Object.hasOwn(parsed, 'request') && Reflect.get(parsed, 'request') === true,
    response: Object.hasOwn(parsed, 'response') && Reflect.get(parsed, 'response') === true,
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function codeError(message: string): { message: string; errorType: string; data: null; errorInfo: null } {
  return { message, errorType: 'Code', data: null, errorInfo: null };
}
