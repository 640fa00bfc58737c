/**
 * The AppSync real-time WebSocket protocol (reference §7): message shapes, the error types AppSync
 * sends over the socket, and where a client's credentials are read from.
 */
import type { IncomingMessage } from 'node:http';

export const SUB_PROTOCOL = 'graphql-ws';

/** AppSync's own error types on the realtime channel (reference §7.4); clients switch on them. */
export const REALTIME_ERROR_TYPES = {
  unauthorized: 'UnauthorizedException',
  unsupported: 'UnsupportedOperation',
  duplicated: 'DuplicatedOperationError',
  maxSubscriptions: 'MaxSubscriptionsReachedError',
  badRequest: 'BadRequestException',
} as const;

/** Service quotas (reference §7.5). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
export const MAX_EVENT_BYTES = 240 * 1024;
/** What AppSync announces in connection_ack (reference §7.3). */
export const CONNECTION_TIMEOUT_MS = 300_000;
/** Reference §7.3: every ≤ 60 s; 30 s is the safe default (AppSync's own interval is unsure, §9 item 11). */
export const DEFAULT_KEEP_ALIVE_MS = 30_000;

export interface ErrorEntry {
  readonly errorType?: string;
  readonly message: string;
  readonly errorCode?: number;
}

export type ServerMessage =
  | { type: 'connection_ack'; payload: { connectionTimeoutMs: number } }
  | { type: 'connection_error'; payload: { errors: ErrorEntry[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: { data: Record<string, unknown> } }
  | { type: 'error'; id?: string; payload: { errors: readonly unknown[] } }
  | { type: 'complete'; id: string };

/** The `header`/`payload` JSON is not valid base64 JSON. */
export class RealtimeAuthHeaderError extends Error {
  override readonly name = 'RealtimeAuthHeaderError';
}

/** Lower-cases names and keeps string values, as HTTP headers reach the authenticator. */
export function toHeaders(raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return headers;
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return headers;
}

function decodeJson(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
  } catch (error) {
    throw new RealtimeAuthHeaderError('The realtime authorization header is not base64-encoded JSON', { cause: error });
  }
}

/**
 * The connection's auth headers (reference §7.2): from the `header-<base64url>` sub-protocol, else
 * from the legacy `header` query parameter (standard base64). The sub-protocol wins when both exist.
 */
export function connectionHeaders(request: IncomingMessage): Record<string, string> {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((item) => item.trim());
  const fromProtocol = offered.find((item) => item.startsWith('header-'));
  if (fromProtocol) return toHeaders(decodeJson(fromProtocol.slice('header-'.length)));
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('header');
  return query ? toHeaders(decodeJson(query)) : {};
}
