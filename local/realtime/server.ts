/**
 * The real-time endpoint at `<graphql path>/realtime` (and `<graphql path>` itself): AppSync's
 * WebSocket protocol (reference §7) over the `ws` package, authenticated with the same code as HTTP.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ApiResponse, Caller, StartOutcome } from '../graphql/execute.ts';
import { parseSubscriptionFilter, SubscriptionFilterError } from './filters.ts';
import type { SubscriptionHub } from './hub.ts';
import {
  CONNECTION_TIMEOUT_MS,
  DEFAULT_KEEP_ALIVE_MS,
  MAX_EVENT_BYTES,
  MAX_SUBSCRIPTIONS_PER_CONNECTION,
  REALTIME_ERROR_TYPES,
  SUB_PROTOCOL,
  connectionHeaders,
  toHeaders,
  type ErrorEntry,
  type ServerMessage,
} from './protocol.ts';

/** What the realtime endpoint needs from the GraphQL API (local/graphql/execute.ts). */
export interface RealtimeApi {
  authenticate(headers: Record<string, string>, query: string, variables: Record<string, unknown>, operationName: string | null): Promise<Caller | ApiResponse>;
  startSubscription(request: {
    caller: Caller;
    headers: Record<string, string>;
    query: string;
    variables: Record<string, unknown>;
    operationName: string | null;
  }): Promise<StartOutcome>;
}

export interface RealtimeServerOptions {
  readonly api: RealtimeApi;
  readonly hub: SubscriptionHub;
  /** The GraphQL path; the realtime paths are `<path>/realtime` and `<path>`. Default `/graphql`. */
  readonly graphqlPath?: string;
  /** Interval of `ka` messages after the first one. Default 30 s. */
  readonly keepAliveIntervalMs?: number;
}

export interface RealtimeServer {
  /** The HTTP server's `upgrade` handler; refuses other paths with 404. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Live WebSocket connections. */
  readonly connections: number;
  close(): Promise<void>;
}

const unauthorizedEntry = (message: string): ErrorEntry => ({ errorType: REALTIME_ERROR_TYPES.unauthorized, message });

function rejectionMessage(response: ApiResponse): string {
  const body = response.body as { errors?: { message?: unknown }[] } | null;
  const message = body?.errors?.[0]?.message;
  return typeof message === 'string' ? message : 'You are not authorized to make this call.';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createRealtimeServer(options: RealtimeServerOptions): RealtimeServer {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const keepAliveMs = options.keepAliveIntervalMs ?? DEFAULT_KEEP_ALIVE_MS;
  const wss = new WebSocketServer({
    noServer: true,
    // Reference §7.2: answer `graphql-ws`, never the `header-…` protocol that carries credentials.
    handleProtocols: (protocols) => (protocols.has(SUB_PROTOCOL) ? SUB_PROTOCOL : false),
  });

  function serve(socket: WebSocket, request: IncomingMessage): void {
    const send = (message: ServerMessage): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const sendError = (id: string | undefined, errors: readonly unknown[]): void => {
      send(id === undefined ? { type: 'error', payload: { errors } } : { type: 'error', id, payload: { errors } });
    };
    let headers: Record<string, string> | null;
    try {
      headers = connectionHeaders(request);
    } catch {
      headers = null;
    }
    const connectHeaders = headers;
    const connected: Promise<Caller | ApiResponse | null> = connectHeaders
      ? options.api.authenticate(connectHeaders, '', {}, null)
      : Promise.resolve(null);
    // Unhandled rejections would crash the process; a failed authorizer call is a refused connection.
    connected.catch(() => undefined);

    const active = new Map<string, () => void>();
    const pending = new Set<string>();
    let keepAlive: NodeJS.Timeout | undefined;

    async function init(): Promise<void> {
      const caller = await connected.catch(() => null);
      if (caller === null || 'status' in caller) {
        const message = caller === null ? 'You are not authorized to make this call.' : rejectionMessage(caller);
        send({ type: 'connection_error', payload: { errors: [{ ...unauthorizedEntry(message), errorCode: 401 }] } });
        socket.close(1000);
        return;
      }
      if (keepAlive) return;
      send({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
      // Reference §7.4: Amplify disconnects a silent socket, so the first `ka` follows the ack at once.
      send({ type: 'ka' });
      keepAlive = setInterval(() => send({ type: 'ka' }), keepAliveMs);
      keepAlive.unref();
    }

    async function start(id: string, payload: unknown): Promise<void> {
      if (active.has(id) || pending.has(id)) {
        sendError(id, [{ errorType: REALTIME_ERROR_TYPES.duplicated, message: `Duplicated operation with id ${id}` }]);
        return;
      }
      if (active.size + pending.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
        sendError(id, [{ errorType: REALTIME_ERROR_TYPES.maxSubscriptions, message: `Max number of ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions reached` }]);
        return;
      }
      pending.add(id);
      try {
        const outcome = await prepare(id, payload);
        if (!pending.has(id) || socket.readyState !== socket.OPEN) return; // stopped or closed meanwhile
        if (outcome === null) return;
        const remove = options.hub.add({
          started: outcome.subscription,
          filter: outcome.filter,
          invalidationFilter: outcome.invalidationFilter,
          // Reference §6.4 does not say what the client receives on invalidation; `complete`, as for a stop.
          end: () => stop(id),
          deliver: (data) => {
            const text = JSON.stringify({ type: 'data', id, payload: data });
            // Reference §7.5: AppSync silently drops events over 240 KB.
            if (Buffer.byteLength(text) <= MAX_EVENT_BYTES && socket.readyState === socket.OPEN) socket.send(text);
          },
        });
        active.set(id, remove);
        send({ type: 'start_ack', id });
      } finally {
        pending.delete(id);
      }
    }

    async function prepare(id: string, payload: unknown) {
      let request: { query?: unknown; variables?: unknown; operationName?: unknown };
      try {
        const data = isRecord(payload) ? payload.data : undefined;
        request = typeof data === 'string' ? (JSON.parse(data) as typeof request) : {};
      } catch {
        request = {};
      }
      if (!isRecord(request) || typeof request.query !== 'string') {
        sendError(id, [{ errorType: REALTIME_ERROR_TYPES.badRequest, message: 'Unable to parse GraphQL query.' }]);
        return null;
      }
      const variables = isRecord(request.variables) ? request.variables : {};
      const operationName = typeof request.operationName === 'string' ? request.operationName : null;
      const extensions = isRecord(payload) && isRecord(payload.extensions) ? payload.extensions : {};
      // Reference §5.3, §7.3: each start carries its own credentials; fall back to the connection's.
      const startHeaders = isRecord(extensions.authorization) ? toHeaders(extensions.authorization) : (connectHeaders ?? {});
      const caller = await options.api.authenticate(startHeaders, request.query, variables, operationName).catch(() => null);
      if (caller === null || 'status' in caller) {
        sendError(id, [unauthorizedEntry(caller === null ? 'You are not authorized to make this call.' : rejectionMessage(caller))]);
        return null;
      }
      const outcome = await options.api.startSubscription({ caller, headers: startHeaders, query: request.query, variables, operationName });
      if (!outcome.ok) {
        if (outcome.operation !== undefined) {
          sendError(id, [{ errorType: REALTIME_ERROR_TYPES.unsupported, message: `${outcome.operation} not supported through the realtime channel` }]);
        } else {
          sendError(id, outcome.errors);
        }
        return null;
      }
      try {
        return {
          subscription: outcome.subscription,
          filter: parseSubscriptionFilter(outcome.subscription.filter),
          invalidationFilter: parseSubscriptionFilter(outcome.subscription.invalidationFilter),
        };
      } catch (error) {
        if (!(error instanceof SubscriptionFilterError)) throw error;
        // The errorType AppSync uses for a filter over its limits is not in the reference; ours is ValidationError.
        sendError(id, [{ errorType: 'ValidationError', message: error.message }]);
        return null;
      }
    }

    function stop(id: string): void {
      active.get(id)?.();
      active.delete(id);
      pending.delete(id);
      send({ type: 'complete', id });
    }

    socket.on('message', (raw: RawData, isBinary: boolean) => {
      let message: unknown;
      try {
        message = isBinary ? null : JSON.parse(raw.toString());
      } catch {
        message = null;
      }
      const type = isRecord(message) && typeof message.type === 'string' ? message.type : null;
      const id = isRecord(message) && typeof message.id === 'string' && message.id !== '' ? message.id : undefined;
      const handled = (async () => {
        if (type === 'connection_init') return init();
        if (type === 'start' && id !== undefined && isRecord(message)) return start(id, message.payload);
        if (type === 'stop' && id !== undefined) return stop(id);
        // Reference §7.4: anything else is "unknown not supported through the realtime channel".
        sendError(id, [{ errorType: REALTIME_ERROR_TYPES.unsupported, message: 'unknown not supported through the realtime channel' }]);
      })();
      handled.catch((error: unknown) => {
        process.emitWarning(`realtime: ${error instanceof Error ? error.stack : String(error)}`);
        sendError(id, [{ errorType: 'InternalFailure', message: 'An internal failure occurred' }]);
      });
    });

    socket.on('close', () => {
      if (keepAlive) clearInterval(keepAlive);
      for (const remove of active.values()) remove();
      active.clear();
      pending.clear();
    });
    socket.on('error', () => socket.terminate());
  }

  return {
    handleUpgrade(request, socket, head) {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== `${graphqlPath}/realtime` && path !== graphqlPath) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => serve(ws, request));
    },
    get connections() {
      return wss.clients.size;
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolveClose) => wss.close(() => resolveClose()));
    },
  };
}
