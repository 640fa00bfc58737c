import type { Caller } from '../../resolvers/lib/identity.ts';
import type { InvokeModelInput, InvokeModelResult } from '../../schema/__generated__/graphql.ts';
import { maxOutputTokens } from '../lib/budget.ts';
import { normalizeModelId } from '../lib/pricing.ts';
import { extractUsage, modelFamily } from '../lib/usage.ts';
import { invokeBedrock } from './bedrock.ts';
import { runPaidCall, type InvokeDependencies } from './paid-call.ts';
import { validateInvocation } from './validate.ts';
import { validateTags, withTags } from '../lib/tags.ts';

export type { InvokeDependencies } from './paid-call.ts';

/**
 * One invokeModel call: Bedrock's InvokeModel with the model's native body, recorded like every paid
 * call (paid-call.ts). Usage comes from Bedrock's headers first, the body second.
 */
export async function invokeModel(deps: InvokeDependencies, caller: Caller, input: InvokeModelInput): Promise<InvokeModelResult> {
  const request = validateInvocation(input);
  const tags = validateTags(input.tags, 'invokeModel');
  const family = modelFamily(normalizeModelId(request.modelId, deps.region).baseModelId);
  return runPaidCall<InvokeModelResult>(deps, caller, {
    operation: 'InvokeModel',
    modelId: request.modelId,
    idempotencyKey: request.idempotencyKey,
    tags,
    fingerprint: { modelId: request.modelId, body: request.body, contentType: request.contentType, accept: request.accept, ...withTags(tags) },
    estimate: {
      bodyBytes: Buffer.byteLength(request.body),
      maxOutputTokens: maxOutputTokens(JSON.parse(request.body), family),
    },
    async call() {
      const answer = await invokeBedrock(deps.bedrock, request);
      const body = decodeBody(answer.body, answer.contentType);
      return {
        usage: extractUsage({ modelId: request.modelId, headers: answer.headers, body }),
        body,
        requestId: answer.requestId,
        roundTripMs: answer.roundTripMs,
      };
    },
    result: (base) => ({ ...base, stopReason: null }),
  });
}

/** JSON bodies pass through as JSON; anything else travels as a base64 JSON string. */
function decodeBody(bytes: Uint8Array, contentType: string): unknown {
  const text = new TextDecoder().decode(bytes);
  if (contentType.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      // A model that answers malformed JSON still answered: keep the text.
      return text;
    }
  }
  return Buffer.from(bytes).toString('base64');
}
