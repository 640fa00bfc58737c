import { describe, expect, it } from 'vitest';
import { createEvaluationState, evaluate } from '../../../../local/runtime/evaluate.ts';
import { loadResolverModule } from '../../../../local/runtime/sandbox.ts';
import { makeContext, runExpression } from './context.ts';

describe('evaluate', () => {
  it('returns the handler value', () => {
    expect(runExpression('{ id: ctx.args.id }', { ctx: makeContext({ arguments: { id: '123' } }) })).toEqual({
      kind: 'value',
      value: { id: '123' },
    });
  });

  it('turns util.error into an error with message, errorType, data and errorInfo', () => {
    expect(runExpression("util.error('Post not found', 'NotFound', { id: '123' }, { reason: 'gone' })")).toEqual({
      kind: 'error',
      error: { message: 'Post not found', errorType: 'NotFound', data: { id: '123' }, errorInfo: { reason: 'gone' } },
    });
  });

  it('fills the omitted parts of util.error with null', () => {
    expect(runExpression("util.error('boom')")).toEqual({
      kind: 'error',
      error: { message: 'boom', errorType: null, data: null, errorInfo: null },
    });
  });

  it('records util.appendError and still returns the handler value', () => {
    const state = createEvaluationState({ authType: null });
    const result = runExpression("(util.appendError('partial', 'Partial', { n: 1 }), util.appendError('again'), 'value')", { state });
    expect(result).toEqual({ kind: 'value', value: 'value' });
    expect(state.errors).toEqual([
      { message: 'partial', errorType: 'Partial', data: { n: 1 }, errorInfo: null },
      { message: 'again', errorType: null, data: null, errorInfo: null },
    ]);
  });

  it('reports util.unauthorized with the field and parent type of ctx.info', () => {
    const ctx = makeContext({
      info: { fieldName: 'usageSummary', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    });
    expect(runExpression('util.unauthorized()', { ctx })).toEqual({
      kind: 'error',
      error: { message: 'Not Authorized to access usageSummary on type Query', errorType: 'Unauthorized', data: null, errorInfo: null },
    });
  });

  it('reports runtime.earlyReturn with its value and skipTo END', () => {
    expect(runExpression("runtime.earlyReturn({ cached: true }, { skipTo: 'END' })", { imports: '' })).toEqual({
      kind: 'earlyReturn',
      value: { cached: true },
      skipTo: 'END',
    });
  });

  it('defaults runtime.earlyReturn to skipTo NEXT', () => {
    expect(runExpression('runtime.earlyReturn({ a: 1 })', { imports: '' })).toEqual({ kind: 'earlyReturn', value: { a: 1 }, skipTo: 'NEXT' });
  });

  it('keeps stash writes made before runtime.earlyReturn', () => {
    const ctx = makeContext();
    runExpression("(ctx.stash.before = 1, runtime.earlyReturn(null))", { imports: '', ctx });
    expect(ctx.stash).toEqual({ before: 1 });
  });

  it("reports an uncaught JavaScript error with errorType 'Code'", () => {
    expect(runExpression('ctx.args.missing.deeper')).toEqual({
      kind: 'error',
      error: {
        message: expect.stringMatching(/^TypeError: /),
        errorType: 'Code',
        data: null,
        errorInfo: null,
      },
    });
  });

  it("answers util.authType() from the evaluation state", () => {
    const state = createEvaluationState({ authType: 'Lambda Authorization' });
    expect(runExpression('util.authType()', { state })).toEqual({ kind: 'value', value: 'Lambda Authorization' });
  });

  it('records extensions calls on the evaluation state', () => {
    const state = createEvaluationState({ authType: null });
    runExpression(
      "(extensions.setSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: 'principalId', operator: 'eq', value: 'p1' }] }] }), extensions.invalidateSubscriptions({ subscriptionField: 'onUsage', payload: { principalId: 'p1' } }), null)",
      { imports: "import { extensions } from '@aws-appsync/utils';", state },
    );
    expect(state.extensions.subscriptionFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'principalId', operator: 'eq', value: 'p1' }] }],
    });
    expect(state.extensions.invalidations).toEqual([{ subscriptionField: 'onUsage', payload: { principalId: 'p1' } }]);
  });

  it('runs request and response of one module with ctx.result between them', () => {
    const module = loadResolverModule(
      "export function request(ctx) { return { payload: ctx.args }; }\nexport function response(ctx) { return { echoed: ctx.result, stashed: ctx.stash.n }; }",
      'Query.echo',
    );
    const ctx = makeContext({ arguments: { a: 1 }, stash: { n: 2 } });
    const state = createEvaluationState({ authType: null });
    expect(evaluate(module, 'request', ctx, state)).toEqual({ kind: 'value', value: { payload: { a: 1 } } });
    ctx.result = { a: 1 };
    expect(evaluate(module, 'response', ctx, state)).toEqual({ kind: 'value', value: { echoed: { a: 1 }, stashed: 2 } });
  });
});
