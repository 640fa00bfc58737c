import { describe, expect, it } from 'vitest';
import { authTypeOf, evaluateCode, EvaluateCodeRequestError } from '../../../../local/runtime/evaluate-code.ts';

const GET_ITEM = `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  console.log('looking up', ctx.args.id);
  ctx.stash.looked = ctx.args.id;
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) };
}
export function response(ctx) {
  if (!ctx.result) {
    util.error('No such item', 'NotFound', null, { id: ctx.args.id });
  }
  return ctx.result;
}`;

describe('evaluateCode', () => {
  it('returns the request handler result as a JSON string, with logs and stash', () => {
    const out = evaluateCode({ code: GET_ITEM, context: JSON.stringify({ arguments: { id: 'a1' } }), function: 'request' });
    expect(out.error).toBeUndefined();
    // Reference §2.3: toMapValues gives typed attribute values.
    expect(JSON.parse(out.evaluationResult ?? 'null')).toEqual({ operation: 'GetItem', key: { id: { S: 'a1' } } });
    expect(out.logs).toEqual(['looking up a1']);
    expect(JSON.parse(out.stash ?? '{}')).toEqual({ looked: 'a1' });
  });

  it('runs the response handler against ctx.result from the context', () => {
    const out = evaluateCode({ code: GET_ITEM, context: { arguments: { id: 'a1' }, result: { id: 'a1', n: 3 } }, function: 'response' });
    expect(out.evaluationResult).toBe('{"id":"a1","n":3}');
  });

  it('reports util.error as error.message without an evaluationResult', () => {
    const out = evaluateCode({ code: GET_ITEM, context: '{"arguments":{"id":"zz"},"result":null}', function: 'response' });
    expect(out.evaluationResult).toBeUndefined();
    expect(out.error).toEqual({ message: 'No such item' });
  });

  it('returns the value of a handler that called util.appendError, and the error in outErrors', () => {
    const code = `import { util } from '@aws-appsync/utils';
export function request(ctx) { return {}; }
export function response(ctx) { util.appendError('half done', 'Partial'); return { ok: true }; }`;
    const out = evaluateCode({ code, context: '{}', function: 'response' });
    // Reference §1.5: appendError records an error and execution continues.
    expect(out.evaluationResult).toBe('{"ok":true}');
    expect(JSON.parse(out.outErrors ?? '[]')).toEqual([{ message: 'half done', errorType: 'Partial', data: null, errorInfo: null }]);
  });

  it('returns the value given to runtime.earlyReturn', () => {
    const code = `import { runtime } from '@aws-appsync/utils';
export function request(ctx) { runtime.earlyReturn({ cached: true }); return { never: true }; }
export function response(ctx) { return ctx.result; }`;
    expect(evaluateCode({ code, context: '{}', function: 'request' }).evaluationResult).toBe('{"cached":true}');
  });

  it('fails code that breaks the APPSYNC_JS restrictions with codeErrors that locate it', () => {
    const code = `export function request(ctx) {
  let n = 0;
  while (n < 3) { n = n + 1; }
  return { n };
}
export function response(ctx) { return ctx.result; }`;
    const out = evaluateCode({ code, context: '{}', function: 'request' });
    expect(out.evaluationResult).toBeUndefined();
    expect(out.error?.codeErrors).toEqual([expect.objectContaining({ errorType: 'UNSUPPORTED_SYNTAX_TYPE', location: expect.objectContaining({ line: 3 }) })]);
  });

  it('fails code that does not parse with a PARSER_ERROR code error', () => {
    const out = evaluateCode({ code: 'export function request(ctx) { return { ; }', context: '{}', function: 'request' });
    expect(out.error?.codeErrors?.[0]?.errorType).toBe('PARSER_ERROR');
    expect(out.error?.codeErrors?.[0]?.location.line).toBe(1);
  });

  it('fails a context that is not a JSON object', () => {
    expect(() => evaluateCode({ code: GET_ITEM, context: '[1,2]', function: 'request' })).toThrow(EvaluateCodeRequestError);
    expect(() => evaluateCode({ code: GET_ITEM, context: '{nope', function: 'request' })).toThrow(EvaluateCodeRequestError);
  });

  it('gives util.authType() the mode the identity in the context implies', () => {
    const code = `import { util } from '@aws-appsync/utils';
export function request(ctx) { return util.authType(); }
export function response(ctx) { return null; }`;
    const lambda = evaluateCode({ code, context: { identity: { resolverContext: { role: 'USER' } } }, function: 'request' });
    expect(lambda.evaluationResult).toBe('"Lambda Authorization"');
    expect(evaluateCode({ code, context: {}, function: 'request' }).evaluationResult).toBe('"API Key Authorization"');
  });
});

describe('authTypeOf', () => {
  it('reads the auth mode from the identity shapes of reference §1.2', () => {
    expect(authTypeOf(null)).toBe('API Key Authorization');
    expect(authTypeOf({ resolverContext: {} })).toBe('Lambda Authorization');
    expect(authTypeOf({ accountId: '1', cognitoIdentityPoolId: null })).toBe('IAM Authorization');
    expect(authTypeOf({ sub: 's', claims: { 'cognito:username': 'u' } })).toBe('User Pool Authorization');
    expect(authTypeOf({ sub: 's', claims: {} })).toBe('Open ID Connect Authorization');
  });
});
