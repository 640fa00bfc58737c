/**
 * Bedrock Runtime error responses. Status codes follow the service's Smithy model; the wire
 * shape is the one real Bedrock sends: `x-amzn-ErrorType: <Name>:http://internal.amazon.com/coral/com.amazon.bedrock/`,
 * `x-amzn-RequestId`, and a JSON body `{"message": "..."}`. The SDK takes the exception name
 * from the text before the first `:` of `x-amzn-ErrorType`.
 */
import type { EmulatorResponse } from './server.ts';

export const BEDROCK_ERROR_STATUS = {
  AccessDeniedException: 403,
  ValidationException: 400,
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ServiceQuotaExceededException: 400,
  ResourceNotFoundException: 404,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
  // Not part of the Bedrock model: what AWS front ends answer for a path no operation owns.
  UnknownOperationException: 404,
} as const satisfies Record<string, number>;

export type BedrockErrorName = keyof typeof BEDROCK_ERROR_STATUS;

const ERROR_TYPE_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.bedrock/';

/** An error the emulator answers with, carrying the Bedrock exception name. */
export class BedrockEmulatorError extends Error {
  readonly errorName: BedrockErrorName;
  readonly status: number;

  constructor(errorName: BedrockErrorName, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BedrockEmulatorError';
    this.errorName = errorName;
    this.status = BEDROCK_ERROR_STATUS[errorName];
  }
}

/**
 * Real Bedrock answers an unknown or unusable model id with
 * `400 ValidationException {"message":"The provided model identifier is invalid."}`
 * (recorded Bedrock response quoted in the reference, section 5); the SDK surfaces it as
 * `ValidationException`.
 */
export function invalidModelIdentifier(): BedrockEmulatorError {
  return new BedrockEmulatorError('ValidationException', 'The provided model identifier is invalid.');
}

export function errorResponse(error: BedrockEmulatorError, requestId: string): EmulatorResponse {
  return {
    status: error.status,
    headers: {
      'Content-Type': 'application/json',
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': `${error.errorName}${ERROR_TYPE_SUFFIX}`,
    },
    body: JSON.stringify({ message: error.message }),
  };
}
