import { ERROR_TYPES, bedrockErrorType } from '../../resolvers/lib/errors.ts';
import { describeSubject, type BudgetSubject } from '../../resolvers/lib/budget-keys.ts';
import { nanoToUsd } from '../../resolvers/lib/money.ts';

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

export class NotFoundError extends ClientError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super(message, ERROR_TYPES.notFound);
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

/**
 * A hard budget (the principal's or its team's; `subject` says which) has less left than the request's
 * worst-case cost; nothing was called or charged.
 */
export class BudgetExceededError extends ClientError {
  override name = 'BudgetExceededError';
  constructor(
    readonly subject: BudgetSubject,
    readonly remainingNanoUsd: bigint,
    readonly requiredNanoUsd: bigint,
    readonly limitNanoUsd: bigint,
    readonly reason: 'INSUFFICIENT_BUDGET' | 'UNPRICED_MODEL' = 'INSUFFICIENT_BUDGET',
  ) {
    super(
      reason === 'UNPRICED_MODEL'
        ? `A hard budget applies to ${describeSubject(subject)} and this model has no price, so its cost cannot be bounded; ask an admin to add a price or make the budget soft`
        : `The hard budget of ${describeSubject(subject)} has ${nanoToUsd(remainingNanoUsd.toString())} USD left; this request may cost up to ${nanoToUsd(requiredNanoUsd.toString())} USD (lower max_tokens or the input, or ask an admin to raise the budget)`,
      ERROR_TYPES.budgetExceeded,
      {
        reason,
        budget: subject.kind,
        principalId: subject.kind === 'PRINCIPAL' ? subject.id : null,
        team: subject.kind === 'TEAM' ? subject.id : null,
        remainingNanoUsd: remainingNanoUsd.toString(),
        remainingUsd: nanoToUsd(remainingNanoUsd.toString()),
        requiredNanoUsd: requiredNanoUsd.toString(),
        requiredUsd: nanoToUsd(requiredNanoUsd.toString()),
        limitNanoUsd: limitNanoUsd.toString(),
        limitUsd: nanoToUsd(limitNanoUsd.toString()),
      },
    );
  }
}
