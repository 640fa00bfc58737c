import { ERROR_TYPES, bedrockErrorType } from '../../resolvers/lib/errors.ts';

/**
 * Expected failures inside the Lambdas. Each carries the errorType clients see; the handler turns
 * it into a LambdaResult error. Anything else is unexpected: logged in full, masked to the client.
 */
export class ClientError extends Error {
  override name = 'ClientError';
  constructor(
    message: string,
    readonly errorType: string,
    readonly errorInfo: Record<string, unknown> | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class ValidationError extends ClientError {
  override name = 'ValidationError';
  constructor(message: string, errorInfo: Record<string, unknown> | null = null) {
    super(message, ERROR_TYPES.validation, errorInfo);
  }
}

/** Bedrock refused or failed the call; nothing was charged and nothing recorded. */
export class BedrockCallError extends ClientError {
  override name = 'BedrockCallError';
  constructor(exceptionName: string, message: string, readonly httpStatus: number | undefined, cause: unknown) {
    super(message, bedrockErrorType(exceptionName), { httpStatus: httpStatus ?? null }, { cause });
  }
}

export class IdempotencyInProgressError extends ClientError {
  override name = 'IdempotencyInProgressError';
  constructor(key: string) {
    super(
      `A request with idempotencyKey "${key}" is still being processed; retry it in a few seconds`,
      ERROR_TYPES.idempotencyInProgress,
    );
  }
}

export class IdempotencyMismatchError extends ClientError {
  override name = 'IdempotencyMismatchError';
  constructor(key: string) {
    super(
      `idempotencyKey "${key}" was already used with a different request; use a new key for a new request`,
      ERROR_TYPES.idempotencyMismatch,
    );
  }
}

export class UnauthorizedError extends ClientError {
  override name = 'UnauthorizedError';
  constructor(message: string) {
    super(message, ERROR_TYPES.unauthorized);
  }
}
