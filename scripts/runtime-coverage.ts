/**
 * Lists every function the APPSYNC_JS surface declares in @aws-appsync/utils' type definitions
 * (`util`, `extensions`, `runtime` and the `@aws-appsync/utils/dynamodb` helpers) and says which the
 * local runtime implements and which its tests name. `npm run coverage:runtime` prints it as
 * Markdown; test/conformance/runtime-coverage.test.ts keeps it honest.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../resolvers/build.ts';
import { createHostApi } from '../local/runtime/util.ts';

const require = createRequire(import.meta.url);

/** Names the type definitions declare, e.g. `util.time.nowISO8601`, `dynamodb.get`. */
export function declaredFunctions(): string[] {
  const libDir = dirname(require.resolve('@aws-appsync/utils/lib/index.d.ts'));
  const program = ts.createProgram([join(libDir, 'index.d.ts'), join(libDir, 'dynamodb-helpers.d.ts')], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const names = new Set<string>();

  const walk = (type: ts.Type, path: string, depth: number) => {
    if (type.getCallSignatures().length > 0) {
      names.add(path);
      return;
    }
    if (depth > 3) return;
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) continue;
      walk(checker.getTypeOfSymbolAtLocation(property, declaration), `${path}.${property.getName()}`, depth + 1);
    }
  };

  const index = program.getSourceFile(join(libDir, 'index.d.ts'));
  const helpers = program.getSourceFile(join(libDir, 'dynamodb-helpers.d.ts'));
  if (!index || !helpers) throw new Error('@aws-appsync/utils type definitions not found; run npm ci');
  for (const statement of index.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(index);
      if (['util', 'extensions', 'runtime'].includes(name)) walk(checker.getTypeAtLocation(declaration), name, 0);
    }
  }
  const helperModule = checker.getSymbolAtLocation(helpers);
  for (const exported of helperModule ? checker.getExportsOfModule(helperModule) : []) {
    const declaration = exported.valueDeclaration ?? exported.declarations?.[0];
    if (!declaration || !(exported.flags & ts.SymbolFlags.Function || exported.flags & ts.SymbolFlags.Variable)) continue;
    const type = checker.getTypeOfSymbolAtLocation(exported, declaration);
    if (type.getCallSignatures().length > 0) names.add(`dynamodb.${exported.getName()}`);
    else walk(type, `dynamodb.${exported.getName()}`, 1);
  }
  return [...names].sort();
}

function testSources(): string {
  const texts: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (path.endsWith('.test.ts')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of ['test/unit/local/runtime', 'test/conformance']) visit(join(PROJECT_ROOT, dir));
  return texts.join('\n');
}

export interface CoverageRow {
  readonly name: string;
  readonly implemented: boolean;
  readonly tested: boolean;
}

export function runtimeCoverage(): CoverageRow[] {
  const implemented = new Set(Object.keys(createHostApi()));
  const tests = testSources();
  return declaredFunctions().map((name) => {
    const parts = name.split('.');
    const short = parts.slice(-2).join('.');
    // Helpers of @aws-appsync/utils/dynamodb are imported by name, so tests call them bare.
    const called = parts[0] === 'dynamodb' ? `${parts.slice(1).join('.')}(` : `${short}(`;
    return { name, implemented: implemented.has(name), tested: tests.includes(name) || tests.includes(called) };
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const rows = runtimeCoverage();
  const lines = [
    '| function | implemented | named in tests |',
    '|---|---|---|',
    ...rows.map((row) => `| \`${row.name}\` | ${row.implemented ? 'yes' : 'no'} | ${row.tested ? 'yes' : 'no'} |`),
  ];
  const done = rows.filter((row) => row.implemented).length;
  process.stdout.write(`${lines.join('\n')}\n\n${done} of ${rows.length} declared functions implemented; ${rows.filter((row) => row.tested).length} named in tests.\n`);
}
