import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiResponse } from './graphql/execute.ts';

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LocalServerOptions {
  /** The GraphQL endpoint (AppSync semantics). */
  readonly graphql: { handle(request: { method: string; headers: Record<string, string>; body: string }): Promise<ApiResponse> };
  /** Answers /health with 200 only once everything behind the API is ready. */
  readonly ready: () => boolean;
  /** Largest request body accepted, in bytes (AppSync's limit is far below this). */
  readonly maxBodyBytes?: number;
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
  const handle = createRequestHandler(options);
  const limit = options.maxBodyBytes ?? 30_000_000;
  return createServer((message: IncomingMessage, reply: ServerResponse) => {
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
      const response = await handle({ method: message.method ?? 'GET', path: url.pathname, headers, body });
      reply.writeHead(response.status, response.headers);
      reply.end(response.body === null ? undefined : JSON.stringify(response.body));
    })().catch((error: unknown) => {
      if (!reply.headersSent) reply.writeHead(500, { 'content-type': 'application/json' });
      reply.end(JSON.stringify({ errors: [{ message: 'An internal failure occurred', errorType: 'InternalFailure' }] }));
      process.emitWarning(`local server: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });
}
