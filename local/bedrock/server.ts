/**
 * A local Amazon Bedrock Runtime. `handle()` answers one request without any transport, so
 * unit tests need no port; `listen()` serves it on one TCP port that speaks both cleartext
 * HTTP/2 with prior knowledge (what the AWS SDK for JavaScript uses by default in Node) and
 * HTTP/1.1, told apart by the HTTP/2 connection preface.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { converse } from './actions/converse.ts';
import { getInferenceProfile } from './actions/get-inference-profile.ts';
import { invokeModel, type ModelRouting } from './actions/invoke-model.ts';
import {
  EMULATOR_FAULTS,
  FAULT_HEADER,
  resolveEmulatorConfig,
  type BedrockEmulatorConfig,
  type EmulatorFault,
  type ResolvedBedrockEmulatorConfig,
} from './config.ts';
import { BedrockEmulatorError, errorResponse } from './errors.ts';
import type { Usage } from './families/family.ts';
import { PromptCache } from './families/prompt-cache.ts';

export interface EmulatorRequest {
  readonly method: string;
  /** Request target as sent: percent-encoded path, optionally followed by `?query`. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The transport sends the headers and `body` (half of the answer), then drops the connection. */
  readonly drop?: boolean;
}

export interface ListeningEmulator {
  /** Base URL to pass as the SDK's `endpoint`, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

export interface BedrockEmulator {
  readonly config: ResolvedBedrockEmulatorConfig;
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
  listen(port?: number, host?: string): Promise<ListeningEmulator>;
}

/** Operations Bedrock serves under `/model/{modelId}/` that this emulator does not implement yet. */
const UNIMPLEMENTED_MODEL_OPERATIONS: Readonly<Record<string, string>> = {
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
  'converse-stream': 'ConverseStream',
  'count-tokens': 'CountTokens',
};

const MODEL_ROUTE = /^\/model\/([^/]+)\/([^/]+)$/;
/** GetInferenceProfile, a control-plane operation: the emulator serves both planes on one endpoint. */
const INFERENCE_PROFILE_ROUTE = /^\/inference-profiles\/([^/]+)$/;

const FAULT_ERRORS: Record<Exclude<EmulatorFault, 'malformed' | 'drop'>, () => BedrockEmulatorError> = {
  throttle: () => new BedrockEmulatorError('ThrottlingException', 'Too many requests, please wait before trying again.'),
  internal: () =>
    new BedrockEmulatorError('InternalServerException', 'The server encountered an internal error while processing the request.'),
  unavailable: () => new BedrockEmulatorError('ServiceUnavailableException', 'Bedrock is unable to process your request.'),
  timeout: () =>
    new BedrockEmulatorError('ModelTimeoutException', 'Model has timed out in processing the request. Try your request again.'),
};

function jsonResponse(status: number, requestId: string, body: unknown, extra: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, ...extra },
    body: JSON.stringify(body),
  };
}

function usageHeaders(usage: Usage, latencyMs: number): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Amzn-Bedrock-Invocation-Latency': String(latencyMs),
    'X-Amzn-Bedrock-Output-Token-Count': String(usage.outputTokens),
    'X-Amzn-Bedrock-Input-Token-Count': String(usage.inputTokens),
  };
  if (usage.cacheReadInputTokens !== undefined) {
    headers['X-Amzn-Bedrock-Cache-Read-Input-Token-Count'] = String(usage.cacheReadInputTokens);
  }
  if (usage.cacheWriteInputTokens !== undefined) {
    headers['X-Amzn-Bedrock-Cache-Write-Input-Token-Count'] = String(usage.cacheWriteInputTokens);
  }
  return headers;
}

/**
 * Bedrock accepts SigV4 (`AWS4-HMAC-SHA256 ...`) or a Bedrock API key (`Bearer ...`); the
 * emulator checks only the scheme. Without one it answers 403 AccessDeniedException, the
 * modelled 403 of the service (reference section 5), which the SDK surfaces as a typed error.
 */
function checkAuthorization(headers: EmulatorRequest['headers']): void {
  const authorization = headers['authorization'];
  if (authorization === undefined || authorization === '') {
    throw new BedrockEmulatorError(
      'AccessDeniedException',
      'The request has no Authorization header; sign it with SigV4 (AWS4-HMAC-SHA256) or send Authorization: Bearer <Bedrock API key>.',
    );
  }
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ') && !authorization.startsWith('Bearer ')) {
    throw new BedrockEmulatorError(
      'AccessDeniedException',
      'The Authorization header uses an unsupported scheme; use AWS4-HMAC-SHA256 (SigV4) or Bearer.',
    );
  }
}

function requestedFault(
  config: ResolvedBedrockEmulatorConfig,
  modelId: string,
  headers: EmulatorRequest['headers'],
): EmulatorFault | undefined {
  const requested = headers[FAULT_HEADER];
  if (requested === undefined) return config.faults?.({ operation: 'InvokeModel', modelId, headers });
  const fault = EMULATOR_FAULTS.find((name) => name === requested.trim().toLowerCase());
  if (fault === undefined) {
    throw new BedrockEmulatorError(
      'ValidationException',
      `Header ${FAULT_HEADER} has unknown value '${requested}'; use one of ${EMULATOR_FAULTS.join(', ')}.`,
    );
  }
  return fault;
}

function decodeModelId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new BedrockEmulatorError('ValidationException', 'The provided model identifier is invalid.', { cause: error });
  }
}

function unknownRoute(method: string, pathname: string): BedrockEmulatorError {
  return new BedrockEmulatorError(
    'UnknownOperationException',
    `No Bedrock Runtime operation serves ${method} ${pathname}; InvokeModel is POST /model/{modelId}/invoke.`,
  );
}

export function createBedrockEmulator(config: BedrockEmulatorConfig = {}): BedrockEmulator {
  const resolved = resolveEmulatorConfig(config);
  const promptCache = new PromptCache();
  const routing: ModelRouting = {
    inferenceProfiles: resolved.inferenceProfiles,
    provisionedModels: resolved.provisionedModels,
    defaultProvisionedModelId: resolved.defaultProvisionedModelId,
  };

  async function route(request: EmulatorRequest, requestId: string, startedAt: number): Promise<EmulatorResponse> {
    const pathname = request.path.split('?')[0] ?? '';
    if (pathname === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
      return jsonResponse(200, requestId, { status: 'ok' });
    }
    checkAuthorization(request.headers);

    const profileRoute = INFERENCE_PROFILE_ROUTE.exec(pathname);
    if (profileRoute !== null && request.method === 'GET') {
      return jsonResponse(200, requestId, getInferenceProfile(resolved.inferenceProfiles, decodeModelId(profileRoute[1] ?? '')));
    }

    const match = MODEL_ROUTE.exec(pathname);
    const [, encodedModelId, operation] = match ?? [];
    if (request.method !== 'POST' || encodedModelId === undefined || operation === undefined) {
      throw unknownRoute(request.method, pathname);
    }
    if (operation !== 'invoke' && operation !== 'converse') {
      const name = UNIMPLEMENTED_MODEL_OPERATIONS[operation];
      if (name === undefined) throw unknownRoute(request.method, pathname);
      throw new BedrockEmulatorError('UnknownOperationException', `${name} is not implemented by the Bedrock emulator yet.`);
    }

    const modelId = decodeModelId(encodedModelId);
    const fault = requestedFault(resolved, modelId, request.headers);
    if (fault !== undefined && fault !== 'malformed' && fault !== 'drop') throw FAULT_ERRORS[fault]();
    if (resolved.latencyMs > 0) await sleep(resolved.latencyMs);

    if (operation === 'converse') {
      // Converse reports usage in the body only.
      const answer = converse(modelId, request.body, { ...routing, region: resolved.region, models: resolved.models, promptCache });
      return jsonResponse(200, requestId, { ...answer.body, metrics: { latencyMs: Math.round(performance.now() - startedAt) } });
    }
    const output = invokeModel(
      { modelId, contentType: request.headers['content-type'], body: request.body },
      { ...routing, region: resolved.region, models: resolved.models, promptCache, requestId },
    );
    const latencyMs = Math.round(performance.now() - startedAt);
    const cut = fault === 'malformed' || fault === 'drop' ? output.body.slice(0, Math.floor(output.body.length / 2)) : output.body;
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId, ...usageHeaders(output.usage, latencyMs) },
      body: cut,
      ...(fault === 'drop' ? { drop: true } : {}),
    };
  }

  async function handle(request: EmulatorRequest): Promise<EmulatorResponse> {
    const startedAt = performance.now();
    const requestId = randomUUID();
    try {
      return await route(request, requestId, startedAt);
    } catch (error) {
      if (error instanceof BedrockEmulatorError) return errorResponse(error, requestId);
      resolved.onUnexpectedError(error);
      return errorResponse(
        new BedrockEmulatorError('InternalServerException', 'The Bedrock emulator failed unexpectedly.', { cause: error }),
        requestId,
      );
    }
  }

  return {
    config: resolved,
    handle,
    listen: (port = 0, host = '127.0.0.1') => listen(handle, port, host),
  };
}

// ---------------------------------------------------------------------------------------
// Transport.

/** The 24-byte HTTP/2 client connection preface (RFC 9113, section 3.4). */
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

interface NodeRequest extends AsyncIterable<Buffer | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

interface NodeResponse {
  writeHead(status: number, headers: OutgoingHttpHeaders): unknown;
  write(body: string): unknown;
  end(body: string): unknown;
  destroy(error?: Error): unknown;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':')) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

async function serve(handle: BedrockEmulator['handle'], req: NodeRequest, res: NodeResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const response = await handle({
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    headers: flattenHeaders(req.headers),
    body: Buffer.concat(chunks),
  });
  if (response.drop) {
    // Promise the whole answer, send half, and cut the connection.
    res.writeHead(response.status, { ...response.headers, 'Content-Length': Buffer.byteLength(response.body) * 2 + 1 });
    res.write(response.body);
    setTimeout(() => res.destroy(new Error('connection dropped by fault injection')), 5);
    return;
  }
  res.writeHead(response.status, { ...response.headers, 'Content-Length': Buffer.byteLength(response.body) });
  res.end(req.method === 'HEAD' ? '' : response.body);
}

async function listen(handle: BedrockEmulator['handle'], port: number, host: string): Promise<ListeningEmulator> {
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();

  const onRequest = (req: NodeRequest, res: NodeResponse & { destroy(error?: Error): unknown }): void => {
    serve(handle, req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  };
  const http1 = http.createServer((req, res) => onRequest(req, res));
  const h2c = http2.createServer((req, res) => onRequest(req, res));
  h2c.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let received = Buffer.alloc(0);
    const sniff = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const length = Math.min(received.length, HTTP2_PREFACE.length);
      const looksLikeHttp2 = received.subarray(0, length).equals(HTTP2_PREFACE.subarray(0, length));
      if (looksLikeHttp2 && received.length < HTTP2_PREFACE.length) return;
      socket.off('data', sniff);
      socket.pause();
      socket.unshift(received);
      if (looksLikeHttp2) {
        // The HTTP/2 session drains what is already buffered on the socket itself.
        h2c.emit('connection', socket);
      } else {
        // The HTTP/1.1 server only listens for 'data'; resume so the sniffed bytes reach it.
        http1.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', sniff);
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const address = tcp.address();
  if (address === null || typeof address === 'string') throw new Error('The Bedrock emulator did not get a TCP port.');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        tcp.close((error) => (error === undefined ? resolve() : reject(error)));
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
