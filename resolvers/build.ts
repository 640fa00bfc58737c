/**
 * The one bundler. CDK, the local runtime, the tests and the build script all call these functions;
 * they return text and never write.
 */
import { build, buildSync } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const abs = (path: string): string => resolve(PROJECT_ROOT, path);

/**
 * Bundles an APPSYNC_JS resolver or pipeline step into the ES module AppSync runs:
 * `@aws-appsync/utils` stays an import (AppSync provides it), everything else is inlined.
 */
export function bundleResolver(codePath: string): string {
  const result = buildSync({
    entryPoints: [abs(codePath)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
    sourcemap: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
    tsconfig: abs('resolvers/tsconfig.json'),
  });
  return outputText(result.outputFiles, codePath);
}

/**
 * Bundles a Lambda handler into one minified ES module for the Node.js 22 runtime, with the AWS SDK
 * inlined so the deployed code is exactly the tested code.
 */
export function bundleFunction(entry: string): string {
  return outputText(buildSync(functionOptions(entry, false)).outputFiles, entry);
}

/** A Lambda bundle and its source map, to be written side by side as `index.mjs` and `index.mjs.map`. */
export interface FunctionBundle {
  /** The same minified module as `bundleFunction`, ending in a `sourceMappingURL` comment for `index.mjs.map`. */
  readonly code: string;
  /** The external source map (without sources' contents: stack traces need names and lines only). */
  readonly map: string;
}

/** The deployed form of `bundleFunction`: the same bundle with an external source map. */
export function bundleFunctionWithSourceMap(entry: string): FunctionBundle {
  const files = buildSync(functionOptions(entry, true)).outputFiles ?? [];
  const map = files.find((file) => file.path.endsWith('.map'));
  const code = files.find((file) => !file.path.endsWith('.map'));
  if (!map || !code) throw new Error(`esbuild produced no bundle and source map for ${entry}`);
  return { code: code.text, map: map.text };
}

function functionOptions(entry: string, sourceMap: boolean): BuildOptions & { write: false } {
  return {
    entryPoints: [abs(entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    mainFields: ['module', 'main'],
    // CommonJS dependencies inside an ES module bundle need `require`.
    banner: { js: "import { createRequire as __blCreateRequire } from 'node:module'; const require = __blCreateRequire(import.meta.url);" },
    ...(sourceMap ? { sourcemap: 'linked', sourcesContent: false, outfile: abs('.build/index.mjs') } : {}),
  };
}

function outputText(files: readonly { text: string }[] | undefined, source: string): string {
  const file = files?.[0];
  if (!file) throw new Error(`esbuild produced no output for ${source}`);
  return file.text;
}

/** The browser pages' entry points (web/), bundled with GraphiQL, React and the client from node_modules. */
export const WEB_ENTRIES = { explorer: 'web/explorer/main.ts', dashboard: 'web/dashboard/main.ts' } as const;

/**
 * Bundles the GraphQL explorer and the dashboard for browsers: file name (`explorer.js`,
 * `explorer.css`, `dashboard.js`) → text. Everything comes from node_modules; nothing is fetched.
 */
export async function bundleWebPages(): Promise<ReadonlyMap<string, string>> {
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(WEB_ENTRIES).map(([name, path]) => [name, abs(path)])),
    bundle: true,
    write: false,
    outdir: abs('.build/web'),
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    // Browsers have a WebSocket; the client loads the `ws` package only where none exists (Node 20).
    external: ['ws'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: abs('web/tsconfig.json'),
  });
  return new Map(result.outputFiles.map((file) => [file.path.slice(file.path.lastIndexOf('/') + 1), file.text]));
}
