import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { MissingSettingError, type FunctionConfig } from './config.ts';

/**
 * The server-side secret keys are hashed with: a value locally, a Secrets Manager secret deployed.
 * Fetched once per Lambda instance.
 */
export function keySecretLoader(config: FunctionConfig): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= load(config).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

async function load(config: FunctionConfig): Promise<string> {
  const setting = config.keyHashSecret;
  if (!setting) {
    throw new MissingSettingError('KEY_HASH_SECRET_ARN (or KEY_HASH_SECRET locally) is required; bind the key secret to this function');
  }
  if (setting.kind === 'value') return setting.value;
  const client = new SecretsManagerClient({ region: config.region });
  const out = await client.send(new GetSecretValueCommand({ SecretId: setting.secretId }));
  if (!out.SecretString) throw new MissingSettingError(`Secret ${setting.secretId} has no string value`);
  return out.SecretString;
}
