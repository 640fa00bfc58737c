/**
 * InvokeModel: `POST /model/{modelId}/invoke` with a model-native JSON body.
 */
import type { ApplicationInferenceProfile, ProvisionedModelThroughput } from '../config.ts';
import { BedrockEmulatorError, invalidModelIdentifier } from '../errors.ts';
import { findApplicationProfile, profileBaseModelId } from './get-inference-profile.ts';
import type { Usage } from '../families/family.ts';
import type { PromptCache } from '../families/prompt-cache.ts';
import { familyFor } from '../families/registry.ts';

/** Prefixes of system (cross-Region) inference profile ids. */
const GEO_PREFIX = /^(us-gov|us|eu|apac|jp|au|global)\./;

const MODEL_ARN = /^arn:aws(?:-[a-z]+)*:bedrock:([a-z0-9-]+):(\d{12})?:([a-z-]+)\/(.+)$/;

/** The SDK sends `application/octet-stream` when the caller sets no content type. */
const ACCEPTED_CONTENT_TYPES = ['application/json', 'application/octet-stream'];

const MAX_MODEL_ID_LENGTH = 2048;

export interface ResolvedModelId {
  /** Base model id, e.g. `anthropic.claude-3-haiku-20240307-v1:0`. */
  readonly baseModelId: string;
  /**
   * Geographic or global inference-profile prefix, e.g. `us`, when one was used; `application` for an
   * application inference profile, `provisioned` for a provisioned throughput.
   */
  readonly profilePrefix?: string;
}

/** What model ids other than base ids and system profiles route to. */
export interface ModelRouting {
  readonly inferenceProfiles?: readonly ApplicationInferenceProfile[];
  readonly provisionedModels?: readonly ProvisionedModelThroughput[];
  /** The model serving provisioned-model ARNs not in `provisionedModels`; null rejects them. */
  readonly defaultProvisionedModelId?: string | null;
}

/**
 * The base model a provisioned-model ARN serves: the configured throughput's model, else the default
 * one (Bedrock's GetProvisionedModelThroughput answers its `foundationModelArn`).
 */
function provisionedBaseModelId(modelId: string, routing: ModelRouting): string | undefined {
  const configured = (routing.provisionedModels ?? []).find((throughput) => throughput.arn === modelId);
  return configured?.modelId ?? routing.defaultProvisionedModelId ?? undefined;
}

/**
 * Resolves a (percent-decoded) model id: base ids, foundation-model ARNs, system
 * inference-profile ids (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `us-gov.`, `global.`) and their
 * ARNs, application inference profile ARNs the emulator knows, and provisioned-model ARNs
 * (`arn:aws:bedrock:<region>:<account>:provisioned-model/<id>`), served by the model configured for
 * them or the default provisioned model. ARNs must name the emulator's Region. Anything else is an
 * invalid model identifier.
 */
export function resolveModelId(modelId: string, region: string, routing: ModelRouting = {}): ResolvedModelId {
  if (modelId.length === 0 || modelId.length > MAX_MODEL_ID_LENGTH) throw invalidModelIdentifier();

  let id = modelId;
  let requireProfile: boolean | undefined;
  const arn = MODEL_ARN.exec(modelId);
  if (arn !== null) {
    const [, arnRegion, account, resourceType, resourceId] = arn;
    if (arnRegion !== region || resourceId === undefined) throw invalidModelIdentifier();
    if (resourceType === 'application-inference-profile' && account !== undefined) {
      // An application inference profile routes to the model(s) it was created from.
      const profile = findApplicationProfile(routing.inferenceProfiles ?? [], modelId);
      const baseModelId = profile === undefined ? undefined : profileBaseModelId(profile);
      if (baseModelId === undefined) throw invalidModelIdentifier();
      return { baseModelId, profilePrefix: 'application' };
    }
    if (resourceType === 'provisioned-model' && account !== undefined) {
      // Dedicated capacity for one model: no on-demand limits, no inference profile needed.
      const baseModelId = provisionedBaseModelId(modelId, routing);
      if (baseModelId === undefined) throw invalidModelIdentifier();
      return { baseModelId, profilePrefix: 'provisioned' };
    }
    if (resourceType === 'foundation-model' && account === undefined) requireProfile = false;
    else if (resourceType === 'inference-profile' && account !== undefined) requireProfile = true;
    else throw invalidModelIdentifier();
    id = resourceId;
  } else if (modelId.startsWith('arn:')) {
    throw invalidModelIdentifier();
  }

  const prefix = GEO_PREFIX.exec(id)?.[1];
  if (requireProfile === true && prefix === undefined) throw invalidModelIdentifier();
  if (requireProfile === false && prefix !== undefined) throw invalidModelIdentifier();
  const baseModelId = prefix === undefined ? id : id.slice(prefix.length + 1);
  return prefix === undefined ? { baseModelId } : { baseModelId, profilePrefix: prefix };
}

export interface InvokeModelInput {
  /** Percent-decoded model id from the path. */
  readonly modelId: string;
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
}

export interface InvokeModelContext extends ModelRouting {
  readonly region: string;
  /** Base model ids this emulator serves. */
  readonly models: ReadonlySet<string>;
  readonly promptCache: PromptCache;
  readonly requestId: string;
}

export interface InvokeModelOutput {
  /** Model-native JSON response body. */
  readonly body: string;
  readonly usage: Usage;
}

function parseBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new BedrockEmulatorError(
      'ValidationException',
      'Malformed input request, please reformat your input and try again.',
      { cause: error },
    );
  }
}

export function invokeModel(input: InvokeModelInput, context: InvokeModelContext): InvokeModelOutput {
  const mediaType = input.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== '' && !ACCEPTED_CONTENT_TYPES.includes(mediaType)) {
    throw new BedrockEmulatorError(
      'ValidationException',
      `Content type '${input.contentType}' is not supported; send the body as application/json.`,
    );
  }
  const { baseModelId, profilePrefix } = resolveModelId(input.modelId, context.region, context);
  const family = familyFor(baseModelId);
  if (family === undefined || !context.models.has(baseModelId)) throw invalidModelIdentifier();
  if (family.requiresInferenceProfile === true && profilePrefix === undefined) {
    throw new BedrockEmulatorError(
      'ValidationException',
      `Invocation of model ID ${baseModelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }

  const result = family.invoke(parseBody(input.body), {
    baseModelId,
    promptCache: context.promptCache,
    requestId: context.requestId,
  });
  return { body: JSON.stringify(result.body), usage: result.usage };
}
