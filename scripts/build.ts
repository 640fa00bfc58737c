/**
 * Writes every bundle that deploys into .build/ (ignored) and prints their sizes: the resolver and
 * step modules AppSync runs and the Lambda handlers. CDK and the local runtime bundle in memory with
 * the same functions; this script is only for looking at the output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT, bundleFunction, bundleResolver } from '../resolvers/build.ts';
import { FUNCTIONS, RESOLVERS, STEPS, resolverCodePath, stepCodePath, type Coordinate, type FunctionName, type StepName } from '../resolvers/manifest.ts';

const out = join(PROJECT_ROOT, '.build');
const write = (path: string, text: string) => {
  const target = join(out, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`${path}\t${Buffer.byteLength(text)} bytes\n`);
};

for (const name of Object.keys(FUNCTIONS) as FunctionName[]) write(`functions/${name}/index.mjs`, bundleFunction(FUNCTIONS[name].entry));
for (const coordinate of Object.keys(RESOLVERS) as Coordinate[]) write(`resolvers/${coordinate}.js`, bundleResolver(resolverCodePath(coordinate)));
for (const step of Object.keys(STEPS) as StepName[]) write(`resolvers/steps/${step}.js`, bundleResolver(stepCodePath(step)));
