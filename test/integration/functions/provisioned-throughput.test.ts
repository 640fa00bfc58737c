/**
 * Provisioned throughput is billed per model-unit hour, not per token (reference §4, "provisioned
 * throughput ARN": record tokens, price 0 per token, flag "provisioned"). Invoked through the Bedrock
 * emulator, which serves a provisioned-model ARN as its default provisioned model (Claude 3 Haiku):
 * "Good morning!" = 4 input tokens, the reply "Emulated reply to: Good morning!" = 8 output tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../../../functions/invoke-model/converse.ts';
import { invokeModel, type InvokeDependencies } from '../../../functions/invoke-model/invoke.ts';
import type { Caller } from '../../../resolvers/lib/identity.ts';
import { startInvokeTestbed, type InvokeTestbed } from '../../helpers/invoke-testbed.ts';
import { SEED_REQUEST } from '../../helpers/local-stack.ts';

const PROVISIONED = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl';

let bed: InvokeTestbed;
let deps: InvokeDependencies;

beforeAll(async () => {
  bed = await startInvokeTestbed({ prices: true });
  deps = bed.deps;
});

afterAll(async () => {
  await bed.close();
});

const newCaller = (): Caller => bed.newCaller('provisioned');
const ledgerItems = (principalId: string) => bed.ledgerItems(principalId);

describe('invokeModel through a provisioned throughput', () => {
  it('records the tokens unpriced and charges nothing', async () => {
    const caller = newCaller();
    const result = await invokeModel(deps, caller, { modelId: PROVISIONED, body: JSON.stringify(SEED_REQUEST.body) });

    expect(result.usage).toMatchObject({ inputTokens: 4, outputTokens: 8 });
    expect(result.cost).toEqual({ usd: '0.000000000', nanoUsd: '0', priced: false });
  });

  it('flags the ledger item provisioned, with its tokens and no price', async () => {
    const caller = newCaller();
    const result = await invokeModel(deps, caller, { modelId: PROVISIONED, body: JSON.stringify(SEED_REQUEST.body) });
    const items = await ledgerItems(caller.principalId);

    expect(items.find((item) => item.invocationId === result.invocationId)).toMatchObject({
      kind: 'INVOCATION',
      modelId: PROVISIONED,
      modelIdKind: 'provisioned-model',
      provisioned: true,
      priced: false,
      pricedModelId: null,
      rates: null,
      inputTokens: 4,
      outputTokens: 8,
      costNanoUsd: 0,
      costExactNanoUsd: '0',
    });
    expect(items.find((item) => item.kind === 'MONTH')).toMatchObject({ invocations: 1, inputTokens: 4, outputTokens: 8, costNanoUsd: 0, unpricedInvocations: 1 });
  });

  it('leaves an on-demand invocation unflagged', async () => {
    const caller = newCaller();
    const result = await invokeModel(deps, caller, { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) });
    const item = (await ledgerItems(caller.principalId)).find((candidate) => candidate.invocationId === result.invocationId);

    expect(item).toMatchObject({ modelIdKind: 'foundation-model', priced: true });
    expect(item).not.toHaveProperty('provisioned');
  });
});

describe('converse through a provisioned throughput', () => {
  it('records the tokens unpriced, flagged provisioned', async () => {
    const caller = newCaller();
    const result = await converse(deps, caller, {
      modelId: PROVISIONED,
      messages: JSON.stringify([{ role: 'user', content: [{ text: 'Good morning!' }] }]),
    });

    expect(result.usage).toMatchObject({ inputTokens: 4, outputTokens: 8 });
    expect(result.cost).toEqual({ usd: '0.000000000', nanoUsd: '0', priced: false });
    const item = (await ledgerItems(caller.principalId)).find((candidate) => candidate.invocationId === result.invocationId);
    expect(item).toMatchObject({ provisioned: true, priced: false, costNanoUsd: 0 });
  });
});
