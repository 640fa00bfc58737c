import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionConfig } from './config.ts';

/** DynamoDB, pointed at DynamoDB Local when DYNAMODB_ENDPOINT is set. */
export function createDocumentClient(config: FunctionConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Bedrock Runtime, pointed at the emulator (or any compatible endpoint) when BEDROCK_ENDPOINT is set. */
export function createBedrockClient(config: FunctionConfig): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: config.bedrockRegion,
    ...(config.bedrockEndpoint ? { endpoint: config.bedrockEndpoint } : {}),
  });
}

/** SQS, for the ledger fallback queue. */
export function createSqsClient(config: FunctionConfig): SQSClient {
  return new SQSClient({ region: config.region });
}

/** Bedrock's control plane (GetInferenceProfile); the emulator serves it on the same endpoint. */
export function createBedrockControlClient(config: FunctionConfig): BedrockClient {
  return new BedrockClient({
    region: config.bedrockRegion,
    ...(config.bedrockEndpoint ? { endpoint: config.bedrockEndpoint } : {}),
  });
}
