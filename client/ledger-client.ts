/**
 * A small typed client for the bedrock-ledger API, for browsers and Node 20+.
 *
 *   const ledger = createLedgerClient({ url, token: 'bdl_…' });
 *   const { me } = await ledger.query(MeDocument);
 *   const sub = ledger.subscribe(OnInvocationDocument, {}, { next: ({ onInvocation }) => … });
 *
 * Queries and mutations go over HTTP (fetch); subscriptions over AppSync's real-time WebSocket
 * protocol (`graphql-ws` sub-protocol, auth in a `header-<base64url JSON>` sub-protocol). Results and
 * variables are typed by the TypedDocumentNode documents generated from client/operations.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** `apiKey` is an AppSync API key (`da2-…`, API_KEY mode); `token` goes in `Authorization` (Lambda keys `bdl_…`). */
export type LedgerClientOptions = LedgerClientCommon & ({ readonly apiKey: string; readonly token?: never } | { readonly token: string; readonly apiKey?: never });

interface LedgerClientCommon {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql` or `https://….appsync-api.<region>.amazonaws.com/graphql`. */
  readonly url: string;
  /** The real-time endpoint; derived from `url` as AppSync clients do when omitted. */
  readonly realtimeUrl?: string;
  /** A WebSocket constructor; defaults to the global one, else the `ws` package (Node 20). */
  readonly webSocket?: WebSocketConstructor;
}

/** One entry of a GraphQL `errors` array as AppSync formats it. */
export interface LedgerErrorEntry {
  readonly message: string;
  readonly errorType?: string | null;
  readonly path?: readonly (string | number)[] | null;
  readonly errorInfo?: unknown;
}

/** The API answered with errors; `errorType` is the first error's, for switching on. */
export class LedgerGraphqlError extends Error {
  override name = 'LedgerGraphqlError';
  readonly errorType: string | null;
  constructor(
    readonly errors: readonly LedgerErrorEntry[],
    /** The partial data that came with the errors, if any. */
    readonly data: unknown = null,
    /** The HTTP status, for errors that came over HTTP. */
    readonly status: number | null = null,
  ) {
    const first = errors[0];
    super(first ? `${first.errorType ? `${first.errorType}: ` : ''}${first.message}` : 'The API answered with an error');
    this.errorType = first?.errorType ?? null;
  }
}

/** The endpoint could not be reached, answered something that is not GraphQL, or the socket failed. */
export class LedgerConnectionError extends Error {
  override name = 'LedgerConnectionError';
}

/** What a subscriber receives. */
export interface SubscriptionHandlers<TResult> {
  next(data: TResult): void;
  error?(error: LedgerGraphqlError | LedgerConnectionError): void;
  complete?(): void;
}

export interface LedgerSubscription {
  /** Resolves when the server acknowledged the subscription (`start_ack`); rejects when it refused it. */
  readonly started: Promise<void>;
  unsubscribe(): void;
}

/** Optional arguments when every variable is optional. */
type VariablesArgs<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface LedgerClient {
  query<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...variables: VariablesArgs<TVariables>): Promise<TResult>;
  mutate<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...variables: VariablesArgs<TVariables>): Promise<TResult>;
  subscribe<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables, handlers: SubscriptionHandlers<TResult>): LedgerSubscription;
  /** Untyped, for tools that hold operations as text (the explorer). */
  subscribe(document: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<unknown>): LedgerSubscription;
  /** Closes the real-time connection, if one is open; active subscriptions complete. */
  close(): void;
}

/** The WebSocket surface this client uses; the browser's WebSocket and the `ws` package both offer it. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: (() => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: (() => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketConstructor = new (url: string, protocols: string[]) => WebSocketLike;

const APPSYNC_HOST = /^https:\/\/(\w{26})\.appsync-api\.([\w-]+)\.amazonaws\.com(\.cn)?\/graphql$/;

/** The real-time URL AppSync clients derive from a GraphQL URL (AppSync domains, else `<url>/realtime`). */
export function realtimeUrlFor(graphqlUrl: string): string {
  const appsync = APPSYNC_HOST.exec(graphqlUrl);
  if (appsync) return graphqlUrl.replace('https://', 'wss://').replace('.appsync-api.', '.appsync-realtime-api.');
  return `${graphqlUrl.replace(/^https:\/\//, 'wss://').replace(/^http:\/\//, 'ws://')}/realtime`;
}

/** base64url without padding, of UTF-8 text (browser and Node). */
function base64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function isErrorList(value: unknown): value is LedgerErrorEntry[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'object' && entry !== null && typeof (entry as { message?: unknown }).message === 'string');
}

interface GraphqlBody {
  readonly data?: unknown;
  readonly errors?: unknown;
}

interface ActiveSubscription {
  readonly message: string;
  readonly handlers: SubscriptionHandlers<unknown>;
  settle(error?: LedgerGraphqlError | LedgerConnectionError): void;
}

export function createLedgerClient(options: LedgerClientOptions): LedgerClient {
  const url = new URL(options.url);
  const authHeaders: Record<string, string> = options.apiKey !== undefined ? { 'x-api-key': options.apiKey } : { authorization: options.token };
  /** The connection-time and start-time authorization object of §7.2 (host of the GraphQL endpoint). */
  const realtimeAuth: Record<string, string> =
    options.apiKey !== undefined ? { host: url.host, 'x-api-key': options.apiKey } : { Authorization: options.token, host: url.host };

  async function request(document: TypedDocumentNode<unknown, unknown>, variables: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=UTF-8', ...authHeaders },
        body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
      });
    } catch (error) {
      throw new LedgerConnectionError(`Cannot reach ${options.url}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`, { cause: error });
    }
    const text = await response.text();
    let body: GraphqlBody;
    try {
      body = JSON.parse(text) as GraphqlBody;
    } catch (error) {
      throw new LedgerConnectionError(`${options.url} answered HTTP ${response.status} with a body that is not JSON`, { cause: error });
    }
    if (isErrorList(body.errors) && body.errors.length > 0) throw new LedgerGraphqlError(body.errors, body.data ?? null, response.status);
    if (!response.ok || body.data === undefined || body.data === null) {
      throw new LedgerConnectionError(`${options.url} answered HTTP ${response.status} without GraphQL data`);
    }
    return body.data;
  }

  // ---- real-time connection (one per client, shared by its subscriptions) ----
  let socket: WebSocketLike | null = null;
  /** Set while a socket is being created (loading the WebSocket class is asynchronous). */
  let opening: Promise<void> | null = null;
  let acknowledged = false;
  let keepAliveTimer: ReturnType<typeof setTimeout> | null = null;
  let connectionTimeoutMs = 300_000;
  let nextId = 0;
  const subscriptions = new Map<string, ActiveSubscription>();

  const clearKeepAlive = () => {
    if (keepAliveTimer) clearTimeout(keepAliveTimer);
    keepAliveTimer = null;
  };
  const armKeepAlive = () => {
    clearKeepAlive();
    keepAliveTimer = setTimeout(() => dropConnection(new LedgerConnectionError(`No keep-alive from ${realtimeUrl} for ${connectionTimeoutMs} ms`)), connectionTimeoutMs);
  };
  const realtimeUrl = options.realtimeUrl ?? realtimeUrlFor(options.url);

  function dropConnection(error: LedgerConnectionError | LedgerGraphqlError | null): void {
    clearKeepAlive();
    const current = socket;
    socket = null;
    acknowledged = false;
    if (current) {
      current.onclose = null;
      current.onmessage = null;
      current.close(1000);
    }
    const pending = [...subscriptions.values()];
    subscriptions.clear();
    for (const subscription of pending) subscription.settle(error ?? undefined);
  }

  function handleMessage(raw: unknown): void {
    let message: { type?: unknown; id?: unknown; payload?: { data?: unknown; errors?: unknown; connectionTimeoutMs?: unknown } };
    try {
      message = JSON.parse(String(raw)) as typeof message;
    } catch {
      return;
    }
    const subscription = typeof message.id === 'string' ? subscriptions.get(message.id) : undefined;
    const errors = isErrorList(message.payload?.errors) ? message.payload.errors : [];
    switch (message.type) {
      case 'connection_ack': {
        acknowledged = true;
        const timeout = message.payload?.connectionTimeoutMs;
        if (typeof timeout === 'number' && timeout > 0) connectionTimeoutMs = timeout;
        armKeepAlive();
        for (const pending of subscriptions.values()) socket?.send(pending.message);
        return;
      }
      case 'ka':
        armKeepAlive();
        return;
      case 'connection_error':
        dropConnection(new LedgerGraphqlError(errors.length > 0 ? errors : [{ message: 'The real-time connection was refused', errorType: 'UnauthorizedException' }]));
        return;
      case 'start_ack':
        subscription?.settle();
        return;
      case 'data':
        armKeepAlive();
        if (!subscription) return;
        if (message.payload?.data) subscription.handlers.next(message.payload.data);
        else if (errors.length > 0) subscription.handlers.error?.(new LedgerGraphqlError(errors));
        return;
      case 'error':
        if (subscription && typeof message.id === 'string') {
          subscriptions.delete(message.id);
          subscription.settle(new LedgerGraphqlError(errors.length > 0 ? errors : [{ message: 'The subscription failed' }]));
        }
        return;
      case 'complete':
        if (subscription && typeof message.id === 'string') {
          subscriptions.delete(message.id);
          subscription.settle();
        }
        return;
      default:
        return;
    }
  }

  async function openSocket(): Promise<void> {
    const Socket = options.webSocket ?? (await defaultWebSocket());
    const opened = new Socket(realtimeUrl, ['graphql-ws', `header-${base64Url(JSON.stringify(realtimeAuth))}`]);
    socket = opened;
    opened.onopen = () => opened.send(JSON.stringify({ type: 'connection_init' }));
    opened.onmessage = (event) => handleMessage(event.data);
    opened.onerror = () => undefined;
    opened.onclose = (event) => {
      if (socket !== opened) return;
      dropConnection(new LedgerConnectionError(`The real-time connection to ${realtimeUrl} closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`));
    };
  }

  function subscribe<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables> | string,
    variables: TVariables,
    handlers: SubscriptionHandlers<TResult>,
  ): LedgerSubscription {
    nextId += 1;
    const id = `${Date.now().toString(36)}-${nextId}`;
    const data = JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables: variables ?? {} });
    const message = JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization: realtimeAuth } } });
    let resolveStarted: () => void = () => undefined;
    let rejectStarted: (error: Error) => void = () => undefined;
    const started = new Promise<void>((resolve, reject) => {
      resolveStarted = resolve;
      rejectStarted = reject;
    });
    started.catch(() => undefined);
    let done = false;
    const active: ActiveSubscription = {
      message,
      handlers: handlers as SubscriptionHandlers<unknown>,
      // start_ack resolves `started` and leaves the subscription running; error or complete ends it.
      settle(error) {
        if (done) return;
        if (error) {
          done = true;
          rejectStarted(error);
          handlers.error?.(error);
          return;
        }
        resolveStarted();
        if (subscriptions.has(id)) return;
        done = true;
        handlers.complete?.();
      },
    };
    subscriptions.set(id, active);
    if (socket && acknowledged) socket.send(message);
    else if (!socket && !opening) {
      // One socket for every subscription, even those made while it is still being opened.
      opening = openSocket()
        .catch((error: unknown) => dropConnection(new LedgerConnectionError(`Cannot open ${realtimeUrl}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })))
        .finally(() => {
          opening = null;
        });
    }
    return {
      started,
      unsubscribe() {
        if (!subscriptions.delete(id)) return;
        done = true;
        if (socket && acknowledged) socket.send(JSON.stringify({ id, type: 'stop' }));
        if (subscriptions.size === 0) dropConnection(null);
      },
    };
  }

  return {
    query: (document, ...[variables]) => request(document as TypedDocumentNode<unknown, unknown>, variables) as Promise<never>,
    mutate: (document, ...[variables]) => request(document as TypedDocumentNode<unknown, unknown>, variables) as Promise<never>,
    subscribe,
    close: () => dropConnection(null),
  };
}

/** The global WebSocket (browsers, Node 22+), else the `ws` package (Node 20). */
async function defaultWebSocket(): Promise<WebSocketConstructor> {
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (global) return global;
  const ws = await import('ws');
  return ws.WebSocket as WebSocketConstructor;
}
