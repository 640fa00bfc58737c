/** Fixture factories for runtime tests: a `ctx` with overrides and a one-expression resolver. */
import { createEvaluationState, evaluate } from '../../../../local/runtime/evaluate.ts';
import type { AppSyncContext, EvaluationResult, EvaluationState } from '../../../../local/runtime/evaluate.ts';
import { loadResolverModule } from '../../../../local/runtime/sandbox.ts';

export function makeContext(overrides: Partial<AppSyncContext> = {}): AppSyncContext {
  const args = overrides.arguments ?? {};
  return {
    arguments: args,
    args,
    identity: null,
    source: null,
    stash: {},
    prev: { result: null },
    result: null,
    env: {},
    request: { headers: {}, domainName: null },
    info: {
      fieldName: 'getPost',
      parentTypeName: 'Query',
      variables: {},
      selectionSetList: ['id'],
      selectionSetGraphQL: '{\n  id\n}',
    },
    ...overrides,
  };
}

/** Runs `request` of a module whose body returns `expression`, with the given imports line. */
export function runExpression(
  expression: string,
  options: { imports?: string; state?: EvaluationState; ctx?: AppSyncContext } = {},
): EvaluationResult {
  const imports = options.imports ?? "import { util } from '@aws-appsync/utils';";
  const module = loadResolverModule(`${imports}\nexport function request(ctx) {\n  return ${expression};\n}\n`, 'Test.expression');
  return evaluate(module, 'request', options.ctx ?? makeContext(), options.state ?? createEvaluationState({ authType: null }));
}

/** The value of `expression`, failing the test if the handler did not return normally. */
export function valueOf(expression: string, imports?: string): unknown {
  const result = runExpression(expression, imports === undefined ? {} : { imports });
  if (result.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

/** Parses the JSON string a util.transform function returns. */
export function parsedValueOf(expression: string): unknown {
  const value = valueOf(expression);
  if (typeof value !== 'string') throw new Error(`expected a JSON string, got ${JSON.stringify(value)}`);
  return JSON.parse(value);
}
