/**
 * The errorType strings clients can switch on. One list for resolvers and Lambdas; documented in the
 * README. Bedrock's own errors surface as `Bedrock:<ExceptionName>` (as AppSync names DynamoDB errors
 * `DynamoDB:<ExceptionName>`).
 */
export const ERROR_TYPES = {
  /** An argument is malformed or out of range; nothing was changed. */
  validation: 'ValidationError',
  /** The caller's role or principal may not do this. */
  unauthorized: 'Unauthorized',
  notFound: 'NotFound',
  /** The same idempotency key is being processed by another request right now. */
  idempotencyInProgress: 'IdempotencyKeyInProgress',
  /** The idempotency key was used before with a different request. */
  idempotencyMismatch: 'IdempotencyKeyMismatch',
  /** A hard budget has too little left for this request's worst-case cost; errorInfo holds the remaining amount. */
  budgetExceeded: 'BudgetExceeded',
  /** Something unexpected failed; details are in the logs, not in the response. */
  internal: 'InternalFailure',
} as const;

export type ErrorType = (typeof ERROR_TYPES)[keyof typeof ERROR_TYPES];

export const bedrockErrorType = (exceptionName: string): string => `Bedrock:${exceptionName}`;
