/**
 * Application inference profile ARNs are priced as the model they route to, resolved through Bedrock's
 * GetInferenceProfile (the emulator answers it) and cached. Claude Haiku 4.5 in bedrock-prices.json:
 * in-Region 0.001 / 0.005 USD per 1,000 tokens (1,000 / 5,000 nano-USD per token); the `us.` profile
 * 0.0011 / 0.0055 (1,100 / 5,500). The seed request is 4 input and 8 output tokens in the emulator.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeModel, type InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import { InferenceProfileResolver, pricingIdFor } from '../../../functions/lib/inference-profiles.ts';
import { seedPriceCatalogue } from '../../../functions/lib/price-catalogue.ts';
import { createBedrockEmulator, type ListeningEmulator } from '../../../local/bedrock/server.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient } from '../../helpers/dynamodb.ts';
import { SEED_REQUEST } from '../../helpers/local-stack.ts';

const HAIKU_45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const ACCOUNT = '123456789012';
const SINGLE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/single0000001`;
const US_GEO = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/usgeo00000001`;
const UNKNOWN = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/unknown000001`;
const modelArn = (region: string) => `arn:aws:bedrock:${region}::foundation-model/${HAIKU_45}`;

let emulator: ListeningEmulator;
let deps: InvokeDependencies;
let profileLookups = 0;
const caller: Caller = { principalId: `prn_aip_${Date.now()}`, keyId: 'key_aip', role: 'USER', username: 'Profiles' };

beforeAll(async () => {
  emulator = await createBedrockEmulator({
    models: [HAIKU_45],
    inferenceProfiles: [
      { arn: SINGLE, name: 'team-search', modelArns: [modelArn('us-east-1')] },
      { arn: US_GEO, name: 'team-chat', modelArns: [modelArn('us-east-1'), modelArn('us-east-2'), modelArn('us-west-2')] },
    ],
  }).listen();
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const control = new BedrockClient({ region: 'us-east-1', endpoint: emulator.url, credentials });
  control.middlewareStack.add((next) => async (args) => {
    profileLookups += 1;
    return next(args);
  }, { step: 'initialize', name: 'countLookups' });
  const client = localDynamoDbClient(dynamodbEndpoint());
  const tables = await createTestTables(client);
  const db = DynamoDBDocumentClient.from(client);
  await seedPriceCatalogue(db, tables.prices);
  deps = {
    db,
    ledgerTable: tables.ledger,
    pricesTable: tables.prices,
    bedrock: new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emulator.url, credentials }),
    profiles: new InferenceProfileResolver(control),
    region: 'us-east-1',
  };
});

afterAll(async () => {
  deps.bedrock.destroy();
  await emulator.close();
});

const invoke = (modelId: string) => invokeModel(deps, caller, { modelId, body: JSON.stringify(SEED_REQUEST.body) });

async function ledgerItem(invocationId: string) {
  const out = await deps.db.send(
    new QueryCommand({ TableName: deps.ledgerTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PRINCIPAL#${caller.principalId}` }, ConsistentRead: true }),
  );
  return (out.Items ?? []).find((item) => item.invocationId === invocationId);
}

describe('invokeModel with an application inference profile ARN', () => {
  it('prices a single-Region profile as its base model, and looks the profile up once', async () => {
    const lookupsBefore = profileLookups;
    const first = await invoke(SINGLE);
    expect(first.cost).toEqual({ nanoUsd: String(4 * 1000 + 8 * 5000), usd: '0.000044000', priced: true });
    const second = await invoke(SINGLE);
    expect(second.cost.nanoUsd).toBe('44000');
    expect(profileLookups - lookupsBefore).toBe(1);
    expect(await ledgerItem(first.invocationId)).toMatchObject({
      modelId: SINGLE,
      modelIdKind: 'application-inference-profile',
      resolvedModelId: HAIKU_45,
      pricedModelId: HAIKU_45,
      priced: true,
    });
  });

  it('prices a profile over several US Regions at the us. cross-Region rate, not the base rate', async () => {
    const result = await invoke(US_GEO);
    expect(result.cost.nanoUsd).toBe(String(4 * 1100 + 8 * 5500));
    expect(await ledgerItem(result.invocationId)).toMatchObject({ resolvedModelId: `us.${HAIKU_45}`, pricedModelId: `us.${HAIKU_45}` });
  });

  it('fails with Bedrock:ValidationException for a profile Bedrock does not know, and records nothing', async () => {
    await expect(invoke(UNKNOWN)).rejects.toMatchObject({ errorType: 'Bedrock:ValidationException' });
  });
});

describe('pricingIdFor', () => {
  it.each([
    [[modelArn('us-east-1')], HAIKU_45],
    [[modelArn('eu-west-1'), modelArn('eu-central-1')], `eu.${HAIKU_45}`],
    [[modelArn('ap-northeast-1'), modelArn('ap-northeast-3')], `jp.${HAIKU_45}`],
    [[modelArn('us-east-1'), modelArn('eu-west-1')], `global.${HAIKU_45}`],
    [[], null],
  ])('prices the models %j as %s', (arns, expected) => {
    expect(pricingIdFor(arns)).toBe(expected);
  });
});
