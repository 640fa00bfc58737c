/**
 * Application inference profile ARNs are opaque: Bedrock's GetInferenceProfile says which model(s)
 * one routes to, and the invocation is priced as that model (reference §4). A profile's models never
 * change (only its tags do), so answers are cached for the life of the function instance.
 *
 * A profile over one model ARN prices as that base model in the profile's Region; over several Regions
 * (one created from a system profile) as the system profile of that geography (`us.`, `eu.`, `apac.`,
 * `jp.`, `au.`, `us-gov.`; `global.` when the Regions span geographies).
 */
import { GetInferenceProfileCommand, type BedrockClient } from '@aws-sdk/client-bedrock';

export interface ResolvedProfile {
  /** The id to price under: a base model id or a system profile id. */
  readonly modelId: string;
  /** The model ARNs GetInferenceProfile listed. */
  readonly modelArns: readonly string[];
}

const GEOGRAPHIES: readonly (readonly [string, string])[] = [
  ['us-gov-', 'us-gov'],
  ['us-', 'us'],
  ['ca-', 'us'],
  ['eu-', 'eu'],
  ['ap-northeast-1', 'jp'],
  ['ap-northeast-3', 'jp'],
  ['ap-southeast-2', 'au'],
  ['ap-southeast-4', 'au'],
  ['ap-', 'apac'],
];

const geographyOf = (region: string): string =>
  GEOGRAPHIES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'global';

/** The id to price a profile's model ARNs under (pure; exported for tests). */
export function pricingIdFor(modelArns: readonly string[]): string | null {
  const parsed = modelArns.map((arn) => {
    const parts = arn.split(':');
    const resource = parts.slice(5).join(':');
    return { region: parts[3] ?? '', id: resource.slice(resource.indexOf('/') + 1) };
  });
  const first = parsed[0];
  if (!first || first.id === '') return null;
  if (parsed.length === 1) return first.id;
  const geographies = new Set(parsed.map((model) => geographyOf(model.region)));
  const [only] = geographies;
  return `${geographies.size === 1 && only !== undefined ? only : 'global'}.${first.id}`;
}

export class InferenceProfileResolver {
  readonly #cache = new Map<string, ResolvedProfile>();

  constructor(private readonly client: BedrockClient) {}

  /** The model a profile ARN routes to; null when Bedrock does not know it or lists no model. */
  async resolve(profileArn: string): Promise<ResolvedProfile | null> {
    const cached = this.#cache.get(profileArn);
    if (cached) return cached;
    let out;
    try {
      out = await this.client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: profileArn }));
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return null;
      throw error;
    }
    const modelArns = (out.models ?? []).flatMap((model) => (model.modelArn ? [model.modelArn] : []));
    const modelId = pricingIdFor(modelArns);
    if (modelId === null) return null;
    const resolved = { modelId, modelArns };
    this.#cache.set(profileArn, resolved);
    return resolved;
  }
}
