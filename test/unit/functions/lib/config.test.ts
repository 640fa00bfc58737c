import { describe, expect, it } from 'vitest';
import { MissingSettingError, readConfig } from '../../../../functions/lib/config.ts';

const base = { AWS_REGION: 'eu-west-2' };

describe('readConfig', () => {
  it('fails with the setting named and how to set it when AWS_REGION is missing', () => {
    expect(() => readConfig({})).toThrow(new MissingSettingError('AWS_REGION is required; Lambda sets it; locally the runtime passes it'));
  });

  it('prices and calls Bedrock in the function region unless BEDROCK_REGION says otherwise', () => {
    expect(readConfig(base).bedrockRegion).toBe('eu-west-2');
    expect(readConfig({ ...base, BEDROCK_REGION: 'us-east-1' }).bedrockRegion).toBe('us-east-1');
  });

  it('keeps ledger items for ever unless LEDGER_RETENTION_DAYS is set', () => {
    expect(readConfig(base).ledgerRetentionDays).toBeUndefined();
    expect(readConfig({ ...base, LEDGER_RETENTION_DAYS: '400' }).ledgerRetentionDays).toBe(400);
  });

  it.each(['0', '-3', '1.5', 'a year'])('fails for LEDGER_RETENTION_DAYS=%s', (value) => {
    expect(() => readConfig({ ...base, LEDGER_RETENTION_DAYS: value })).toThrow(MissingSettingError);
  });

  it('fails for an authorizer cache TTL outside 0–3600 seconds', () => {
    expect(() => readConfig({ ...base, AUTHORIZER_TTL_SECONDS: '3601' })).toThrow('AUTHORIZER_TTL_SECONDS must be an integer from 0 to 3600, got "3601"');
  });
});
