import {
  ConverseCommand,
  InvokeModelCommand,
  type BedrockRuntimeClient,
  type ConverseCommandInput,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { HttpResponse } from '@smithy/types';
import { BedrockCallError } from '../lib/errors.ts';

export interface BedrockAnswer {
  readonly body: Uint8Array;
  readonly contentType: string;
  /** Raw response headers, lower-cased: the SDK drops the token counts, so they are read here. */
  readonly headers: Record<string, string | undefined>;
  readonly requestId: string | null;
  readonly roundTripMs: number;
}

export interface BedrockRequest {
  readonly modelId: string;
  readonly body: string;
  readonly contentType: string;
  readonly accept: string;
}

/** Calls InvokeModel and keeps the response headers Bedrock reports usage in. */
export async function invokeBedrock(client: BedrockRuntimeClient, request: BedrockRequest): Promise<BedrockAnswer> {
  const command = new InvokeModelCommand({
    modelId: request.modelId,
    body: new TextEncoder().encode(request.body),
    contentType: request.contentType,
    accept: request.accept,
  });
  let headers: Record<string, string | undefined> = {};
  command.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      headers = { ...(out.response as HttpResponse).headers };
      return out;
    },
    { step: 'deserialize', name: 'captureBedrockUsageHeaders' },
  );
  const started = performance.now();
  try {
    const out = await client.send(command);
    return {
      body: out.body,
      contentType: out.contentType ?? request.accept,
      headers,
      requestId: out.$metadata.requestId ?? null,
      roundTripMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    throw toBedrockCallError(error);
  }
}

export interface ConverseAnswer {
  readonly output: ConverseCommandOutput;
  readonly requestId: string | null;
  readonly roundTripMs: number;
}

/** Calls Converse; usage comes back in the typed output (Converse reports it in the body). */
export async function converseBedrock(client: BedrockRuntimeClient, input: ConverseCommandInput): Promise<ConverseAnswer> {
  const started = performance.now();
  try {
    const output = await client.send(new ConverseCommand(input));
    return { output, requestId: output.$metadata.requestId ?? null, roundTripMs: Math.round(performance.now() - started) };
  } catch (error) {
    throw toBedrockCallError(error);
  }
}

interface ServiceErrorShape {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Bedrock's service errors keep their name; network failures become ServiceUnavailable. */
function toBedrockCallError(error: unknown): BedrockCallError | unknown {
  const shape = error as ServiceErrorShape;
  if (typeof shape !== 'object' || shape === null || typeof shape.name !== 'string') return error;
  const status = shape.$metadata?.httpStatusCode;
  if (shape.$fault === 'client' || shape.$fault === 'server') {
    return new BedrockCallError(shape.name, String(shape.message ?? shape.name), status, error);
  }
  // The connection failed or the answer arrived cut short (after the SDK's own retries): Bedrock's
  // usage for such a call cannot be known here, so nothing is recorded and the client is told plainly.
  if (isTransportFailure(error)) {
    return new BedrockCallError(
      'ConnectionFailure',
      'The connection to Bedrock failed before a complete answer arrived; nothing was recorded. Retry the request (with the same idempotencyKey).',
      status,
      error,
    );
  }
  return error;
}

const TRANSPORT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR', 'ERR_HTTP2_STREAM_CANCEL', 'ERR_STREAM_PREMATURE_CLOSE']);

function isTransportFailure(error: unknown): boolean {
  const shape = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null;
  if (typeof shape !== 'object' || shape === null) return false;
  if (typeof shape.code === 'string' && TRANSPORT_CODES.has(shape.code)) return true;
  if (shape.name === 'TimeoutError' || shape.name === 'AbortError') return true;
  if (typeof shape.message === 'string' && /premature close|aborted|socket hang up|stream (was )?(closed|reset)/i.test(shape.message)) return true;
  return shape.cause !== undefined && shape.cause !== error && isTransportFailure(shape.cause);
}
