/**
 * The one bundler. CDK, the local runtime, the tests and the build script all call these functions;
 * they return text and never write.
 */
import { buildSync } from 'esbuild';
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
  const result = buildSync({
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
  });
  return outputText(result.outputFiles, entry);
}

function outputText(files: readonly { text: string }[] | undefined, source: string): string {
  const file = files?.[0];
  if (!file) throw new Error(`esbuild produced no output for ${source}`);
  return file.text;
}
