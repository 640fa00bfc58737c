import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
