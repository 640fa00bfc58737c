import { describe, expect, it } from 'vitest';
import { createEvaluationState, evaluate } from '../../../../local/runtime/evaluate.ts';
import { loadResolverModule, ResolverCodeError, ResolverLoadError } from '../../../../local/runtime/sandbox.ts';
import { makeContext, runExpression } from './context.ts';

function requestModule(body: string, name = 'Query.test'): string {
  return `import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n${body}\n}\nexport function response(ctx) {\n  return ctx.result;\n}\n`;
}

function codeErrorOf(body: string): string {
  const module = loadResolverModule(requestModule(body), 'Query.test');
  const result = evaluate(module, 'request', makeContext(), createEvaluationState({ authType: null }));
  if (result.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  expect(result.error.errorType).toBe('Code');
  return result.error.message;
}

describe('loadResolverModule', () => {
  describe('isolation', () => {
    it('offers no Node.js globals to resolver code', () => {
      const result = runExpression(
        `[typeof process, typeof globalThis.require, typeof setTimeout, typeof setInterval, typeof fetch, typeof Buffer, typeof queueMicrotask]`,
      );
      expect(result).toEqual({ kind: 'value', value: Array(7).fill('undefined') });
    });

    it('offers util, runtime and extensions as globals without an import', () => {
      const result = runExpression('[typeof util.autoId, typeof runtime.earlyReturn, typeof extensions.setSubscriptionFilter]', {
        imports: '',
      });
      expect(result).toEqual({ kind: 'value', value: ['function', 'function', 'function'] });
    });

    it('fails a handler that requires a Node.js module', () => {
      expect(codeErrorOf("return require('node:fs');")).toMatch(/Cannot find module 'node:fs'/);
    });

    it('refuses code generation from strings, so the Function constructor cannot reach the host', () => {
      expect(codeErrorOf("return ({}).constructor.constructor('return process')();")).toMatch(/code generation|EvalError/i);
    });

    it('refuses code generation through the constructor of a util function', () => {
      expect(codeErrorOf("return util.autoId.constructor('return this')();")).toMatch(/code generation|EvalError/i);
    });

    it('keeps util frozen so resolver code cannot replace its functions', () => {
      expect(codeErrorOf("util.autoId = () => 'x'; return util.autoId();")).toMatch(/TypeError/);
    });

    it('makes ctx.env read-only', () => {
      const module = loadResolverModule(requestModule("ctx.env.TABLE = 'other';\nreturn ctx.env.TABLE;"), 'Query.env');
      const result = evaluate(module, 'request', makeContext({ env: { TABLE: 'ledger' } }), createEvaluationState({ authType: null }));
      expect(result).toMatchObject({ kind: 'error', error: { errorType: 'Code' } });
    });

    it('copies ctx in, so the handler cannot change the caller objects except stash and arguments', () => {
      const module = loadResolverModule(
        requestModule("ctx.stash.seen = true;\nctx.args.page = 2;\nctx.identity.sub = 'changed';\nreturn null;"),
        'Query.copy',
      );
      const identity = { sub: 'user-1' };
      const ctx = makeContext({ identity, arguments: { page: 1 } });
      evaluate(module, 'request', ctx, createEvaluationState({ authType: null }));
      expect(ctx.stash).toEqual({ seen: true });
      expect(ctx.arguments).toEqual({ page: 2 });
      expect(identity).toEqual({ sub: 'user-1' });
    });

    it('makes ctx.args and ctx.arguments the same object inside the sandbox', () => {
      expect(runExpression('ctx.args === ctx.arguments')).toEqual({ kind: 'value', value: true });
    });

    it('stops a handler that exceeds its CPU time limit', () => {
      const module = loadResolverModule(
        `export function request(ctx) {
  const big = Array(100000).fill(0);
  let total = 0;
  for (const a of big) { for (const b of big) { total += a + b; } }
  return total;
}`,
        'Query.slow',
        { timeoutMs: 50 },
      );
      const result = evaluate(module, 'request', makeContext(), createEvaluationState({ authType: null }));
      expect(result).toMatchObject({ kind: 'error', error: { errorType: 'Code', message: expect.stringMatching(/timed out/) } });
    });

    it('writes console output into the evaluation log list', () => {
      const state = createEvaluationState({ authType: null });
      runExpression("(console.log('hello', { a: 1 }), console.error('bad'), null)", { state });
      expect(state.logs).toEqual(['hello {"a":1}', 'ERROR bad']);
    });
  });

  describe('APPSYNC_JS restrictions', () => {
    const forbidden: ReadonlyArray<readonly [string, string, string]> = [
      ['try/catch', 'try { return 1; } catch (e) { return 2; }', 'no-try'],
      ['throw', "throw new Error('x');", 'no-throw'],
      ['while', 'while (ctx.args.x) { return 1; }\nreturn 0;', 'no-while'],
      ['do-while', 'do { return 1; } while (ctx.args.x);', 'no-while'],
      ['a classic for loop', 'for (let i = 0; i < 3; i += 1) { ctx.stash.i = i; }\nreturn 0;', 'no-for'],
      ['continue', 'for (const x of [1]) { if (x) { continue; } }\nreturn 0;', 'no-continue'],
      ['an async function', 'const f = async () => 1;\nreturn f;', 'no-async'],
      ['a class', 'class A {}\nreturn A;', 'no-classes'],
      ['a generator', 'function* g() { yield 1; }\nreturn g;', 'no-generators'],
      ['++', 'let i = 0;\ni++;\nreturn i;', 'no-disallowed-unary-operators'],
      ['--', 'let i = 0;\ni--;\nreturn i;', 'no-disallowed-unary-operators'],
      ['a regex literal', "return /a+/.test('aa');", 'no-regex'],
      ['the in operator', "return 'a' in ctx.args;", 'no-in-operator'],
      ['instanceof', 'return ctx.args instanceof Object;', 'no-disallowed-binary-operators'],
    ];

    for (const [construct, body, rule] of forbidden) {
      it(`refuses ${construct} at load, naming the rule and location`, () => {
        let caught: unknown;
        try {
          loadResolverModule(requestModule(body), 'Query.bad');
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(ResolverCodeError);
        if (!(caught instanceof ResolverCodeError)) return;
        expect(caught.violations.map((v) => v.rule)).toContain(rule.startsWith('no-throw') ? 'appsync_js/no-throw' : `@aws-appsync/${rule}`);
        expect(caught.violations[0]?.line).toBeGreaterThanOrEqual(3);
        expect(caught.message).toContain('Query.bad:');
      });
    }

    it('accepts for-of, for-in, arrow functions, spread and template literals', () => {
      const result = runExpression(
        '(() => { const out = []; for (const k in { a: 1 }) { out.push(`${k}!`); } for (const v of [1, 2]) { out.push(v); } return [...out]; })()',
      );
      expect(result).toEqual({ kind: 'value', value: ['a!', 1, 2] });
    });
  });

  it('fails to load a module that exports no handler', () => {
    expect(() => loadResolverModule('export const x = 1;', 'Query.empty')).toThrow(ResolverLoadError);
  });

  it('reports a missing handler as a Code error', () => {
    const module = loadResolverModule('export function request(ctx) { return {}; }', 'Query.onlyRequest');
    const result = evaluate(module, 'response', makeContext(), createEvaluationState({ authType: null }));
    expect(result).toMatchObject({ kind: 'error', error: { errorType: 'Code' } });
  });
});
