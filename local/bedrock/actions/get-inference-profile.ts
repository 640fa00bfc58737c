/**
 * GetInferenceProfile (Bedrock control plane): `GET /inference-profiles/{inferenceProfileIdentifier}`,
 * the id or ARN of an application inference profile. Answers its models so a caller can price it as
 * the model it wraps.
 */
import type { ApplicationInferenceProfile } from '../config.ts';
import { BedrockEmulatorError } from '../errors.ts';

const PROFILE_ARN = /^arn:aws(?:-[a-z]+)*:bedrock:([a-z0-9-]+):(\d{12}):application-inference-profile\/([a-z0-9]+)$/;

/** The profile named by an id or ARN, or undefined. */
export function findApplicationProfile(
  profiles: readonly ApplicationInferenceProfile[],
  identifier: string,
): ApplicationInferenceProfile | undefined {
  return profiles.find((profile) => profile.arn === identifier || profile.arn.endsWith(`/${identifier}`));
}

/** The base model id an application profile routes to (the first model ARN's resource id). */
export function profileBaseModelId(profile: ApplicationInferenceProfile): string | undefined {
  const first = profile.modelArns[0];
  return first?.slice(first.indexOf('/') + 1);
}

export function getInferenceProfile(profiles: readonly ApplicationInferenceProfile[], identifier: string): Record<string, unknown> {
  const profile = findApplicationProfile(profiles, identifier);
  if (profile === undefined) {
    throw new BedrockEmulatorError('ResourceNotFoundException', `Inference profile ${identifier} not found.`);
  }
  const match = PROFILE_ARN.exec(profile.arn);
  return {
    inferenceProfileName: profile.name,
    inferenceProfileArn: profile.arn,
    inferenceProfileId: match?.[3] ?? profile.arn.slice(profile.arn.lastIndexOf('/') + 1),
    models: profile.modelArns.map((modelArn) => ({ modelArn })),
    status: 'ACTIVE',
    type: 'APPLICATION',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}
