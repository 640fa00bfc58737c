/**
 * The local runtime's pages: the GraphQL explorer at `/` and the dashboard at `/dashboard/`. Their
 * scripts are bundled from web/ and node_modules (GraphiQL, React) by the one bundler the first time a
 * page is asked for, then kept in memory; nothing is fetched from the network.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, bundleWebPages } from '../../resolvers/build.ts';
import type { ApiResponse } from '../graphql/execute.ts';
import { RawBody } from '../server.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The explorer's page; the local AppSync API key lets it load the schema before a key is typed. */
export function explorerHtml(appSyncApiKey: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="bedrock-ledger-api-key" content="${escapeAttribute(appSyncApiKey)}" />
    <title>bedrock-ledger · GraphQL explorer</title>
    <link rel="stylesheet" href="/explorer.css" />
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">Loading the explorer…</div>
    <script type="module" src="/explorer.js"></script>
  </body>
</html>
`;
}

/** The dashboard as static files (`index.html`, `dashboard.js`, `dashboard.css`), to serve or deploy anywhere. */
export async function dashboardFiles(bundles?: ReadonlyMap<string, string>): Promise<ReadonlyMap<string, string>> {
  const built = bundles ?? (await bundleWebPages());
  const script = built.get('dashboard.js');
  if (script === undefined) throw new Error('The web bundle has no dashboard.js');
  return new Map([
    ['index.html', readFileSync(join(PROJECT_ROOT, 'web/dashboard/index.html'), 'utf8')],
    ['dashboard.css', readFileSync(join(PROJECT_ROOT, 'web/dashboard/dashboard.css'), 'utf8')],
    ['dashboard.js', script],
  ]);
}

const page = (file: string, text: string): ApiResponse => ({
  status: 200,
  headers: { 'content-type': CONTENT_TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream', 'cache-control': 'no-cache' },
  body: new RawBody(text),
});

/** GET path → page for the local server (null when the path is not a page). */
export function createWebPages(options: { readonly appSyncApiKey: string }): (path: string) => Promise<ApiResponse | null> {
  let bundles: Promise<ReadonlyMap<string, string>> | null = null;
  const bundle = () => {
    bundles ??= bundleWebPages().catch((error: unknown) => {
      bundles = null;
      throw error;
    });
    return bundles;
  };
  return async (path) => {
    if (path === '/' || path === '/index.html') return page('index.html', explorerHtml(options.appSyncApiKey));
    if (path === '/explorer.js' || path === '/explorer.css') {
      const text = (await bundle()).get(path.slice(1));
      return text === undefined ? null : page(path, text);
    }
    if (path === '/dashboard') return { status: 301, headers: { location: '/dashboard/' }, body: null };
    if (path.startsWith('/dashboard/')) {
      const file = path === '/dashboard/' ? 'index.html' : path.slice('/dashboard/'.length);
      const text = (await dashboardFiles(await bundle())).get(file);
      return text === undefined ? null : page(file, text);
    }
    return null;
  };
}
