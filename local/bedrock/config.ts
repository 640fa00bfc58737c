import catalogue from '../../functions/lib/data/bedrock-prices.json' with { type: 'json' };
/**
 * Configuration of one Bedrock Runtime emulator instance. Everything an instance needs is
 * passed in here; nothing is read from the environment, so several instances can run side
 * by side with different settings.
 */

/** Faults the emulator can inject instead of answering normally. */
/**
 * Faults the emulator can inject: Bedrock's retryable and non-retryable errors, a 200 answer whose
 * body is cut short (malformed JSON, usage headers intact), and a connection dropped mid-response.
 */
export const EMULATOR_FAULTS = ['throttle', 'internal', 'unavailable', 'timeout', 'malformed', 'drop'] as const;

export type EmulatorFault = (typeof EMULATOR_FAULTS)[number];

/** Request header that asks for a fault on that one request. */
export const FAULT_HEADER = 'x-bedrock-emulator-fault';

/** What a fault hook gets to decide on. */
export interface FaultContext {
  /** Bedrock operation name, e.g. `InvokeModel`. */
  readonly operation: string;
  /** The model id exactly as it appeared in the path (percent-decoded). */
  readonly modelId: string;
  /** Request headers with lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/**
 * Called once for every model request that did not ask for a fault through
 * {@link FAULT_HEADER}. Return a fault to inject it, or `undefined` to answer normally.
 */
export type FaultHook = (context: FaultContext) => EmulatorFault | undefined;

export interface BedrockEmulatorConfig {
  /**
   * Region the emulator pretends to serve. Model ARNs naming another Region are rejected
   * as invalid model identifiers.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * Extra delay, in milliseconds, before each model response; it is included in
   * `X-Amzn-Bedrock-Invocation-Latency`.
   * @default 0
   */
  readonly latencyMs?: number;
  /** Optional fault injection for every model request. */
  readonly faults?: FaultHook;
  /**
   * Receives errors the emulator did not expect (clients get a masked
   * InternalServerException).
   * @default writes the error to standard error
   */
  readonly onUnexpectedError?: (error: unknown) => void;
  /**
   * Base model ids the emulator serves; any other id is an invalid model identifier, as on Bedrock.
   * @default every model id in the bundled price catalogue (functions/lib/data/bedrock-prices.json)
   */
  readonly models?: readonly string[];
  /**
   * Application inference profiles the emulator knows, answered by GetInferenceProfile and accepted
   * as model ids by InvokeModel and Converse.
   * @default none
   */
  readonly inferenceProfiles?: readonly ApplicationInferenceProfile[];
  /**
   * Provisioned throughputs the emulator knows: InvokeModel and Converse accept their ARNs
   * (`arn:aws:bedrock:<region>:<account>:provisioned-model/<id>`) and answer as the model each serves.
   * @default none
   */
  readonly provisionedModels?: readonly ProvisionedModelThroughput[];
  /**
   * The model that serves a provisioned-model ARN (of the emulator's Region) not listed in
   * `provisionedModels`, so any such ARN can be tried locally; null rejects unlisted ARNs as invalid
   * model identifiers, as Bedrock does for a throughput that does not exist.
   * @default DEFAULT_PROVISIONED_MODEL_ID (Claude 3 Haiku, the seed project's model)
   */
  readonly defaultProvisionedModelId?: string | null;
}

/** A provisioned throughput: its ARN and the base model id it serves. */
export interface ProvisionedModelThroughput {
  /** `arn:aws:bedrock:<region>:<account>:provisioned-model/<id>` */
  readonly arn: string;
  /** The base model id of the foundation model the capacity was bought for. */
  readonly modelId: string;
}

/** An application inference profile: its ARN, name and the model ARNs it routes to. */
export interface ApplicationInferenceProfile {
  /** `arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>` */
  readonly arn: string;
  readonly name: string;
  /** Foundation-model ARNs, one per Region the profile routes to. */
  readonly modelArns: readonly string[];
}

export interface ResolvedBedrockEmulatorConfig {
  readonly region: string;
  readonly latencyMs: number;
  readonly faults: FaultHook | undefined;
  readonly onUnexpectedError: (error: unknown) => void;
  readonly models: ReadonlySet<string>;
  readonly inferenceProfiles: readonly ApplicationInferenceProfile[];
  readonly provisionedModels: readonly ProvisionedModelThroughput[];
  readonly defaultProvisionedModelId: string | null;
}

export const DEFAULT_REGION = 'us-east-1';

/** The model that serves provisioned-model ARNs nobody configured. */
export const DEFAULT_PROVISIONED_MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';

/** The base model ids the price catalogue knows: the best list of real Bedrock ids the project ships. */
function catalogueModelIds(): string[] {
  const ids = (catalogue as readonly { modelId: string }[]).map((row) => row.modelId);
  const prefixed = /^(us|eu|apac|jp|au|us-gov|global)\./;
  return [...new Set(ids.map((id) => id.replace(prefixed, '')))];
}

export class InvalidEmulatorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEmulatorConfigError';
  }
}

export function resolveEmulatorConfig(config: BedrockEmulatorConfig = {}): ResolvedBedrockEmulatorConfig {
  const region = config.region ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new InvalidEmulatorConfigError(
      `Bedrock emulator region '${region}' is not a Region name; pass one like 'us-east-1'.`,
    );
  }
  const latencyMs = config.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new InvalidEmulatorConfigError(
      `Bedrock emulator latencyMs must be a non-negative number of milliseconds, got ${latencyMs}.`,
    );
  }
  return {
    region,
    latencyMs,
    faults: config.faults,
    onUnexpectedError: config.onUnexpectedError ?? ((error) => console.error('Bedrock emulator: unexpected error', error)),
    models: new Set(config.models ?? catalogueModelIds()),
    inferenceProfiles: config.inferenceProfiles ?? [],
    provisionedModels: config.provisionedModels ?? [],
    defaultProvisionedModelId: config.defaultProvisionedModelId === undefined ? DEFAULT_PROVISIONED_MODEL_ID : config.defaultProvisionedModelId,
  };
}
