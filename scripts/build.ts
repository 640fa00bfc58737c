/**
 * Writes every bundle that deploys into .build/ (ignored) and prints their sizes: the resolver and
 * step modules AppSync runs and the Lambda handlers. CDK and the local runtime bundle in memory with
 * the same functions; this script is only for looking at the output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT, bundleFunction, bundleResolver, bundleWebPages } from '../resolvers/build.ts';
import { dashboardFiles } from '../local/web/pages.ts';
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

// The dashboard as static files (deploy .build/web/dashboard/ anywhere) and the explorer's bundles.
const web = await bundleWebPages();
for (const [file, text] of await dashboardFiles(web)) write(`web/dashboard/${file}`, text);
for (const file of ['explorer.js', 'explorer.css']) write(`web/${file}`, web.get(file) ?? '');
