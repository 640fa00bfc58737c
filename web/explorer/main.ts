/**
 * The local runtime's GraphQL explorer: GraphiQL, pre-filled with example operations, sending the
 * headers typed in its header editor (`Authorization: bdl_…` or `x-api-key: da2-…`), with
 * subscriptions over AppSync's real-time protocol through the project's own client.
 */
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { GraphQLError, getOperationAST, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createLedgerClient, LedgerGraphqlError, type LedgerClient } from '../../client/ledger-client.ts';
import { EXAMPLE_TABS } from './examples.ts';

type Headers = Record<string, unknown>;
interface FetcherParams {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

const endpoint = new URL('/graphql', window.location.href).toString();
/** The local AppSync API key, put in the page by the local runtime so the schema loads before a key is typed. */
const localApiKey = document.querySelector<HTMLMetaElement>('meta[name="bedrock-ledger-api-key"]')?.content ?? '';

function headerValue(headers: Headers, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === 'string' && entry[1].trim() !== '' ? entry[1].trim() : undefined;
}

function isSubscription(query: string, operationName: string | null | undefined): boolean {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  return getOperationAST(document, operationName ?? undefined)?.operation === 'subscription';
}

/** One client per credential, so a subscription keeps its socket while others come and go. */
const clients = new Map<string, LedgerClient>();
function clientFor(headers: Headers): LedgerClient | null {
  const token = headerValue(headers, 'authorization');
  const apiKey = headerValue(headers, 'x-api-key');
  const id = token ? `token:${token}` : apiKey ? `key:${apiKey}` : null;
  if (!id) return null;
  let client = clients.get(id);
  if (!client) {
    client = token ? createLedgerClient({ url: endpoint, token }) : createLedgerClient({ url: endpoint, apiKey: apiKey ?? '' });
    clients.set(id, client);
  }
  return client;
}

const errorResult = (message: string, errorType?: string | null): ExecutionResult => ({ errors: [new GraphQLError(message, { extensions: { errorType: errorType ?? null } })] });

/**
 * A subscription as the AsyncIterable GraphiQL consumes. Hand-written rather than an async generator:
 * GraphiQL's Stop calls return() while a generator would be suspended awaiting the next event, and
 * the unsubscribe must happen at once, not after one more event.
 */
function subscription(client: LedgerClient, query: string, variables: Record<string, unknown>): AsyncIterableIterator<ExecutionResult> {
  const queue: ExecutionResult[] = [];
  const waiting: ((result: IteratorResult<ExecutionResult>) => void)[] = [];
  let finished = false;
  const counter = document.documentElement.dataset;
  const push = (result: ExecutionResult) => {
    const reader = waiting.shift();
    if (reader) reader({ value: result, done: false });
    else queue.push(result);
  };
  const finish = () => {
    finished = true;
    for (const reader of waiting.splice(0)) reader({ value: undefined, done: true });
  };
  const active = client.subscribe(query, variables, {
    next: (data) => push({ data: data as ExecutionResult['data'] }),
    error: (error) => {
      push(errorResult(error.message, error instanceof LedgerGraphqlError ? error.errorType : null));
      finish();
    },
    complete: finish,
  });
  // Live subscriptions are counted on the page, so a watcher (or a test) can see when events will arrive.
  const started = active.started.then(
    () => {
      counter.subscriptions = String(Number(counter.subscriptions ?? 0) + 1);
      return true;
    },
    () => false,
  );
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next() {
      const value = queue.shift();
      if (value) return Promise.resolve({ value, done: false });
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return() {
      if (!finished) {
        active.unsubscribe();
        finish();
        void started.then((counted) => {
          if (counted) counter.subscriptions = String(Number(counter.subscriptions ?? 1) - 1);
        });
      }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

async function post(params: FetcherParams, headers: Headers): Promise<ExecutionResult> {
  const sent: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(headers)) if (typeof value === 'string' && value.trim() !== '') sent[name] = value.trim();
  const response = await fetch(endpoint, { method: 'POST', headers: sent, body: JSON.stringify(params) });
  return (await response.json()) as ExecutionResult;
}

function fetcher(params: FetcherParams, options?: { headers?: Headers }): Promise<ExecutionResult> | AsyncIterableIterator<ExecutionResult> {
  const headers = options?.headers ?? {};
  if (params.operationName === 'IntrospectionQuery' && localApiKey) return post(params, { 'x-api-key': localApiKey });
  if (isSubscription(params.query, params.operationName)) {
    const client = clientFor(headers);
    if (!client) return Promise.resolve(errorResult('Add an Authorization (or x-api-key) header in the Headers tab to subscribe', 'UnauthorizedException'));
    return subscription(client, params.query, params.variables ?? {});
  }
  return post(params, headers);
}

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      defaultTabs: EXAMPLE_TABS,
      defaultHeaders: JSON.stringify({ Authorization: '' }, null, 2),
      isHeadersEditorEnabled: true,
      // Keys typed in the Headers tab stay in the page; they are not written to the browser's storage.
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
}
