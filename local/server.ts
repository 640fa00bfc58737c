import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiResponse } from './graphql/execute.ts';

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  /** The query string without its `?` (SigV4 signs it). */
  readonly query?: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LocalServerOptions {
  /** The GraphQL endpoint (AppSync semantics). */
  readonly graphql: { handle(request: { method: string; path?: string; query?: string; headers: Record<string, string>; body: string }): Promise<ApiResponse> };
  /** Answers /health with 200 only once everything behind the API is ready. */
  readonly ready: () => boolean;
  /** Largest request body accepted, in bytes (AppSync's limit is far below this). */
  readonly maxBodyBytes?: number;
  /** Static pages (the GraphQL explorer at `/`, the dashboard at `/dashboard/`): GET path → page, or null. */
  readonly pages?: (path: string) => Promise<ApiResponse | null>;
}

/** A body sent as is (pages, scripts, styles) rather than as JSON. */
export class RawBody {
  constructor(readonly text: string) {}
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-max-age': '86400',
};

/**
 * The local runtime's HTTP surface as a fetch-style handler (tests call it without a port):
 * POST /graphql, GET /health and CORS preflight.
 */
export function createRequestHandler(options: LocalServerOptions) {
  return async (request: HttpRequest): Promise<ApiResponse> => {
    if (request.method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          ...CORS_HEADERS,
          'access-control-allow-headers':
            request.headers['access-control-request-headers'] ??
            'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
        },
        body: null,
      };
    }
    if (request.path === '/health' && request.method === 'GET') {
      const ready = options.ready();
      return { status: ready ? 200 : 503, headers: { 'content-type': 'application/json' }, body: { status: ready ? 'ok' : 'starting' } };
    }
    if (request.path === '/graphql') {
      if (request.method !== 'POST') {
        return { status: 405, headers: { allow: 'POST, OPTIONS', 'content-type': 'application/json' }, body: { errors: [{ message: 'Use POST for GraphQL requests', errorType: 'MalformedHttpRequestException' }] } };
      }
      const response = await options.graphql.handle(request);
      return { ...response, headers: { ...CORS_HEADERS, ...response.headers } };
    }
    if (request.method === 'GET' && options.pages) {
      const page = await options.pages(request.path);
      if (page) return page;
    }
    return { status: 404, headers: { 'content-type': 'application/json' }, body: { message: `No route for ${request.method} ${request.path}` } };
  };
}

function readBody(message: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    message.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolveBody(null);
        message.destroy();
        return;
      }
      chunks.push(chunk);
    });
    message.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}

/** Serves the handler over HTTP. */
export function createHttpServer(options: LocalServerOptions): Server {
  return createServer(requestListener(options));
}

function requestListener(options: LocalServerOptions): (message: IncomingMessage, reply: ServerResponse) => void {
  const handle = createRequestHandler(options);
  const limit = options.maxBodyBytes ?? 30_000_000;
  return (message: IncomingMessage, reply: ServerResponse) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const body = await readBody(message, limit);
      if (body === null) {
        reply.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Request body is too large.', errorType: 'MalformedHttpRequestException' }] }));
        return;
      }
      const url = new URL(message.url ?? '/', 'http://localhost');
      const response = await handle({ method: message.method ?? 'GET', path: url.pathname, query: url.search.slice(1), headers, body });
      reply.writeHead(response.status, response.headers);
      reply.end(response.body === null ? undefined : response.body instanceof RawBody ? response.body.text : JSON.stringify(response.body));
    })().catch((error: unknown) => {
      if (!reply.headersSent) reply.writeHead(500, { 'content-type': 'application/json' });
      reply.end(JSON.stringify({ errors: [{ message: 'An internal failure occurred', errorType: 'InternalFailure' }] }));
      process.emitWarning(`local server: ${error instanceof Error ? error.stack : String(error)}`);
    });
  };
}

export interface LocalListenerOptions extends LocalServerOptions {
  /** WebSocket upgrades (the real-time endpoint), for plain and TLS connections alike. */
  readonly upgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Certificate for TLS connections on the same port. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export interface LocalListener {
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** First byte of a TLS ClientHello record. */
const TLS_HANDSHAKE = 0x16;

/**
 * HTTP and, when a certificate is given, TLS on ONE port (reference §7.6): the first byte of each
 * connection picks the server (0x16 → https, else http); both share the request and upgrade handlers.
 */
export function createLocalListener(options: LocalListenerOptions): LocalListener {
  const listener = requestListener(options);
  const plain = createServer(listener);
  const secure = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : null;
  if (options.upgrade) {
    plain.on('upgrade', options.upgrade);
    secure?.on('upgrade', options.upgrade);
  }
  const route = (socket: Socket): void => {
    socket.once('readable', () => {
      const first: Buffer | null = socket.read(1);
      if (first === null) {
        socket.once('end', () => socket.destroy());
        return;
      }
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE && secure ? secure : plain).emit('connection', socket);
    });
    socket.on('error', () => socket.destroy());
  };
  const server = createNetServer({ pauseOnConnect: false }, route);
  return {
    listen(port, host) {
      return new Promise((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolveListen(server.address() as AddressInfo));
      });
    },
    close() {
      const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      plain.closeAllConnections();
      secure?.closeAllConnections();
      return closed;
    },
  };
}
