/**
 * Refuses resolver code that APPSYNC_JS would reject at save time (reference §1.6), using the rules of
 * `@aws-appsync/eslint-plugin` that need no type information (its `base` set), plus `throw`, which
 * AppSync forbids but the plugin does not check. The type-aware rules (`recommended`) run in
 * `npm run lint` over the TypeScript sources.
 */
import appsyncPlugin from '@aws-appsync/eslint-plugin';
import { Linter } from 'eslint';
import type { ESLint, Rule } from 'eslint';

export interface CodeViolation {
  readonly rule: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export class ResolverCodeError extends Error {
  override readonly name = 'ResolverCodeError';
  constructor(
    readonly resolverName: string,
    readonly violations: readonly CodeViolation[],
  ) {
    super(
      `${resolverName} uses JavaScript that APPSYNC_JS does not support:\n` +
        violations.map((v) => `  ${resolverName}:${v.line}:${v.column} ${v.rule}: ${v.message}`).join('\n'),
    );
  }
}

/** Rules of the plugin's `base` configuration (they run without a TypeScript program). */
const BASE_RULES = [
  'no-async',
  'no-await',
  'no-classes',
  'no-for',
  'no-continue',
  'no-generators',
  'no-yield',
  'no-labels',
  'no-regex',
  'no-this',
  'no-try',
  'no-while',
  'no-disallowed-unary-operators',
  'no-disallowed-binary-operators',
  'no-promise',
  'no-disallowed-re-assignment',
  'no-in-operator',
] as const;

const noThrow: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'APPSYNC_JS has no throw statement; use util.error' } },
  create: (context) => ({
    ThrowStatement: (node) => {
      context.report({ node, message: 'Throw statements are not supported; use util.error().' });
    },
  }),
};

const localPlugin: ESLint.Plugin = { rules: { 'no-throw': noThrow } };

const LINT_CONFIG: Linter.Config[] = [
  {
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@aws-appsync': appsyncPlugin, appsync_js: localPlugin },
    rules: {
      ...Object.fromEntries(BASE_RULES.map((rule) => [`@aws-appsync/${rule}`, 'error' as const])),
      'appsync_js/no-throw': 'error',
    },
  },
];

/** Lints the ES module text a resolver was bundled to; returns every violation (empty when the code is acceptable). */
export function findUnsupportedCode(code: string): CodeViolation[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, LINT_CONFIG, { filename: 'resolver.js' });
  return messages.map((message) => ({
    rule: message.ruleId ?? (message.fatal === true ? 'syntax' : 'unknown'),
    message: message.message,
    line: message.line,
    column: message.column,
  }));
}

/** Throws ResolverCodeError when `code` uses constructs APPSYNC_JS forbids. */
export function assertSupportedCode(code: string, resolverName: string): void {
  const violations = findUnsupportedCode(code);
  if (violations.length > 0) throw new ResolverCodeError(resolverName, violations);
}
