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

  it('publishes budget events nowhere unless GRAPHQL_URL is set, and signs with the function credentials unless a local pair is given', () => {
    expect(readConfig(base).graphql).toBeUndefined();
    expect(readConfig({ ...base, GRAPHQL_URL: 'https://abc.appsync-api.eu-west-2.amazonaws.com/graphql' }).graphql).toEqual({
      url: 'https://abc.appsync-api.eu-west-2.amazonaws.com/graphql',
      credentials: undefined,
    });
    expect(
      readConfig({ ...base, GRAPHQL_URL: 'http://127.0.0.1:4000/graphql', GRAPHQL_ACCESS_KEY_ID: 'LOCALKEY', GRAPHQL_SECRET_ACCESS_KEY: 'secret' }).graphql,
    ).toEqual({ url: 'http://127.0.0.1:4000/graphql', credentials: { accessKeyId: 'LOCALKEY', secretAccessKey: 'secret' } });
  });

  it('fails when only one of GRAPHQL_ACCESS_KEY_ID and GRAPHQL_SECRET_ACCESS_KEY is set, or GRAPHQL_URL is no http(s) URL', () => {
    expect(() => readConfig({ ...base, GRAPHQL_URL: 'http://127.0.0.1:4000/graphql', GRAPHQL_ACCESS_KEY_ID: 'LOCALKEY' })).toThrow(
      'GRAPHQL_ACCESS_KEY_ID and GRAPHQL_SECRET_ACCESS_KEY are set together or not at all',
    );
    expect(() => readConfig({ ...base, GRAPHQL_URL: 'abc.appsync-api.eu-west-2.amazonaws.com' })).toThrow(MissingSettingError);
  });

  it('fails for an authorizer cache TTL outside 0–3600 seconds', () => {
    expect(() => readConfig({ ...base, AUTHORIZER_TTL_SECONDS: '3601' })).toThrow('AUTHORIZER_TTL_SECONDS must be an integer from 0 to 3600, got "3601"');
  });
});
