import { describe, expect, it } from 'vitest';
import { computeCost } from '../../../../functions/lib/money.ts';
import {
  InvalidPriceCatalogueError,
  PRICE_CATALOGUE,
  cacheWrite1hRate,
  findPrice,
  loadPriceCatalogue,
  matchFromRow,
  normalizeModelId,
} from '../../../../functions/lib/pricing.ts';

const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_4_5 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const HAIKU_4_5 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const HAIKU_3_5 = 'anthropic.claude-3-5-haiku-20241022-v1:0';

const row = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  modelId: 'acme.model-v1:0',
  provider: 'acme',
  region: '*',
  inputPer1k: '0.001',
  outputPer1k: '0.002',
  source: 'test row',
  ...overrides,
});

describe('normalizeModelId', () => {
  it('reads a base model id as a foundation model in the given Region', () => {
    expect(normalizeModelId(HAIKU_3, 'us-east-1')).toEqual({
      requestedModelId: HAIKU_3,
      resourceId: HAIKU_3,
      baseModelId: HAIKU_3,
      profilePrefix: null,
      sourceRegion: 'us-east-1',
      kind: 'foundation-model',
    });
  });

  it('takes the source Region from a foundation-model ARN over the given Region', () => {
    const arn = `arn:aws:bedrock:eu-west-2::foundation-model/${HAIKU_3}`;
    expect(normalizeModelId(arn, 'us-east-1')).toEqual({
      requestedModelId: arn,
      resourceId: HAIKU_3,
      baseModelId: HAIKU_3,
      profilePrefix: null,
      sourceRegion: 'eu-west-2',
      kind: 'foundation-model',
    });
  });

  it('reads a GovCloud-partition ARN', () => {
    const arn = `arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/${HAIKU_3}`;
    expect(normalizeModelId(arn, 'us-east-1')).toMatchObject({
      baseModelId: HAIKU_3,
      sourceRegion: 'us-gov-west-1',
      kind: 'foundation-model',
    });
  });

  it.each(['us', 'eu', 'apac', 'jp', 'au', 'us-gov', 'global'] as const)(
    'strips the %s. inference-profile prefix',
    (prefix) => {
      expect(normalizeModelId(`${prefix}.${SONNET_4_5}`, 'us-east-1')).toEqual({
        requestedModelId: `${prefix}.${SONNET_4_5}`,
        resourceId: `${prefix}.${SONNET_4_5}`,
        baseModelId: SONNET_4_5,
        profilePrefix: prefix,
        sourceRegion: 'us-east-1',
        kind: 'inference-profile',
      });
    },
  );

  it('reads a system inference-profile ARN', () => {
    const arn = `arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.${HAIKU_3_5}`;
    expect(normalizeModelId(arn, 'eu-west-1')).toEqual({
      requestedModelId: arn,
      resourceId: `us.${HAIKU_3_5}`,
      baseModelId: HAIKU_3_5,
      profilePrefix: 'us',
      sourceRegion: 'us-west-2',
      kind: 'inference-profile',
    });
  });

  it.each([
    [
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
      'application-inference-profile',
    ],
    ['arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl', 'provisioned-model'],
    ['arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/abc123', 'custom'],
    ['arn:aws:bedrock:us-east-1:123456789012:imported-model/abc123', 'custom'],
    [
      'arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1',
      'unknown-arn',
    ],
    ['arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint', 'unknown-arn'],
  ])('classifies %s as %s', (arn, kind) => {
    expect(normalizeModelId(arn, 'us-west-2')).toMatchObject({
      kind,
      profilePrefix: null,
      sourceRegion: 'us-east-1',
    });
  });

  it('keeps the opaque id of an application inference profile', () => {
    expect(
      normalizeModelId(
        'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
        'us-east-1',
      ).baseModelId,
    ).toBe('a1b2c3d4e5f6');
  });

  it('percent-decodes an encoded path segment but reports the id as requested', () => {
    const encoded =
      'arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Famazon.nova-pro-v1%3A0';
    expect(normalizeModelId(encoded, 'eu-west-1')).toMatchObject({
      requestedModelId: encoded,
      baseModelId: 'amazon.nova-pro-v1:0',
      sourceRegion: 'us-east-1',
      kind: 'foundation-model',
    });
  });

  it('keeps an id with broken percent-encoding as written instead of failing', () => {
    expect(normalizeModelId('amazon.nova-pro-v1%3', 'us-east-1').baseModelId).toBe(
      'amazon.nova-pro-v1%3',
    );
  });
});

describe('findPrice', () => {
  it('prices a base id from its "*" row, cache rates falling back to input', () => {
    expect(findPrice(HAIKU_3, 'us-east-1')).toMatchObject({
      pricedModelId: HAIKU_3,
      region: '*',
      provider: 'anthropic',
      rates: {
        inputPer1k: '0.00025',
        outputPer1k: '0.00125',
        cacheReadPer1k: '0.00025',
        cacheWritePer1k: '0.00025',
      },
      cacheReadFromInput: true,
      cacheWriteFromInput: true,
    });
  });

  it('prefers a regional row over the "*" row', () => {
    expect(findPrice(HAIKU_3, 'eu-west-2')).toMatchObject({
      region: 'eu-west-2',
      rates: { inputPer1k: '0.00025' },
    });
    expect(findPrice(HAIKU_3, 'us-gov-west-1')).toMatchObject({
      region: 'us-gov-west-1',
      rates: { inputPer1k: '0.0003', outputPer1k: '0.0015' },
    });
  });

  it('carries the row source text', () => {
    expect(findPrice(HAIKU_3, 'us-gov-east-1')?.source).toContain('bedrock/us-gov-east-1/');
  });

  it('prices a foundation-model ARN in the ARN Region', () => {
    const arn = `arn:aws:bedrock:us-gov-west-1::foundation-model/${HAIKU_3}`;
    expect(findPrice(arn, 'us-east-1')).toMatchObject({
      region: 'us-gov-west-1',
      rates: { inputPer1k: '0.0003' },
    });
  });

  it('returns null in a Region with neither its own row nor a "*" row', () => {
    // Llama 3 8B has rows for us-east-1, us-west-2, eu-west-1 and eu-west-2 only.
    expect(findPrice('meta.llama3-8b-instruct-v1:0', 'eu-west-2')).toMatchObject({
      rates: { inputPer1k: '0.00039', outputPer1k: '0.00078' },
    });
    expect(findPrice('meta.llama3-8b-instruct-v1:0', 'ap-south-1')).toBeNull();
  });

  it('prices a geographic profile that has its own row at its own (+10%) rate', () => {
    expect(findPrice(`us.${SONNET_4_5}`, 'us-east-1')).toMatchObject({
      pricedModelId: `us.${SONNET_4_5}`,
      region: '*',
      rates: {
        inputPer1k: '0.0033',
        outputPer1k: '0.0165',
        cacheReadPer1k: '0.00033',
        cacheWritePer1k: '0.004125',
      },
      cacheReadFromInput: false,
      cacheWriteFromInput: false,
    });
  });

  it('prices the global profile at the global rate', () => {
    expect(findPrice(`global.${SONNET_4_5}`, 'us-east-1')).toMatchObject({
      pricedModelId: `global.${SONNET_4_5}`,
      rates: { inputPer1k: '0.003', outputPer1k: '0.015' },
    });
  });

  it('prices a geographic inference-profile ARN from the profile row', () => {
    const arn = `arn:aws:bedrock:us-west-2:123456789012:inference-profile/eu.${HAIKU_4_5}`;
    expect(findPrice(arn, 'us-east-1')).toMatchObject({
      pricedModelId: `eu.${HAIKU_4_5}`,
      rates: {
        inputPer1k: '0.0011',
        outputPer1k: '0.0055',
        cacheReadPer1k: '0.00011',
        cacheWritePer1k: '0.001375',
      },
    });
  });

  it('falls back to the base id when the geographic profile has no row', () => {
    expect(findPrice(`us.${HAIKU_3_5}`, 'us-east-1')).toMatchObject({
      pricedModelId: HAIKU_3_5,
      region: '*',
      rates: {
        inputPer1k: '0.0008',
        outputPer1k: '0.004',
        cacheReadPer1k: '0.00008',
        cacheWritePer1k: '0.001',
      },
      model: { profilePrefix: 'us', baseModelId: HAIKU_3_5 },
    });
  });

  it('falls back to the base id with the regional row of the source Region', () => {
    expect(findPrice(`eu.${HAIKU_3}`, 'eu-west-2')).toMatchObject({
      pricedModelId: HAIKU_3,
      region: 'eu-west-2',
    });
    expect(findPrice(`us-gov.${HAIKU_4_5}`, 'us-gov-west-1')).toMatchObject({
      pricedModelId: HAIKU_4_5,
      region: 'us-gov-west-1',
      rates: {
        inputPer1k: '0.0012',
        outputPer1k: '0.006',
        cacheReadPer1k: '0.00012',
        cacheWritePer1k: '0.0015',
      },
    });
  });

  it('prices a profile-only model and finds nothing for its bare id', () => {
    expect(findPrice('us.deepseek.r1-v1:0', 'us-east-1')).toMatchObject({
      rates: { inputPer1k: '0.00135', outputPer1k: '0.0054' },
    });
    expect(findPrice('amazon.nova-premier-v1:0', 'us-east-1')).toBeNull();
  });

  it('falls back to input for cache reads on a geo Nova row without a cache price', () => {
    expect(findPrice('eu.amazon.nova-micro-v1:0', 'eu-west-1')).toMatchObject({
      pricedModelId: 'eu.amazon.nova-micro-v1:0',
      rates: {
        inputPer1k: '0.000046',
        outputPer1k: '0.000184',
        cacheReadPer1k: '0.000046',
        cacheWritePer1k: '0.000046',
      },
      cacheReadFromInput: true,
      cacheWriteFromInput: true,
    });
  });

  it('returns null for an unknown model', () => {
    expect(findPrice('acme.unknown-model-v1:0', 'us-east-1')).toBeNull();
    expect(findPrice('us.acme.unknown-model-v1:0', 'us-east-1')).toBeNull();
  });

  it.each([
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    `arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl`,
    'arn:aws:bedrock:us-east-1:123456789012:imported-model/abc123',
    `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${HAIKU_3}`,
  ])('returns null for %s, which is not priced per token here', (arn) => {
    expect(findPrice(arn, 'us-east-1')).toBeNull();
  });

  it('looks up (id, Region), (id, "*"), (base, Region), (base, "*") in that order', () => {
    const catalogue = loadPriceCatalogue([
      row({ modelId: 'acme.model-v1:0', region: '*', inputPer1k: '0.001' }),
      row({ modelId: 'acme.model-v1:0', region: 'us-east-1', inputPer1k: '0.002' }),
      row({ modelId: 'us.acme.model-v1:0', region: '*', inputPer1k: '0.003' }),
      row({ modelId: 'us.acme.model-v1:0', region: 'us-west-2', inputPer1k: '0.004' }),
    ]);
    const input = (modelId: string, region: string): string | undefined =>
      findPrice(modelId, region, catalogue)?.rates.inputPer1k;
    expect(input('us.acme.model-v1:0', 'us-west-2')).toBe('0.004');
    expect(input('us.acme.model-v1:0', 'us-east-1')).toBe('0.003');
    expect(input('eu.acme.model-v1:0', 'us-east-1')).toBe('0.002');
    expect(input('eu.acme.model-v1:0', 'eu-west-1')).toBe('0.001');
    expect(input('acme.model-v1:0', 'us-east-1')).toBe('0.002');
  });

  it('feeds computeCost: the seed project eu-west-2 Claude 3 Haiku call', () => {
    // 1,000 × 0.00025/1k + 500 × 0.00125/1k = 0.00025 + 0.000625 = 0.000875 USD = 875,000 nano
    const match = findPrice(`arn:aws:bedrock:eu-west-2::foundation-model/${HAIKU_3}`, 'eu-west-2');
    expect(match).not.toBeNull();
    const usage = {
      inputTokens: 1000,
      outputTokens: 500,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
    };
    expect(match && computeCost(usage, match.rates).usd).toBe('0.000875000');
  });
});

describe('loadPriceCatalogue', () => {
  it('loads all 102 bundled rows', () => {
    expect(PRICE_CATALOGUE.rows).toHaveLength(102);
    expect(PRICE_CATALOGUE.byKey.size).toBe(102);
  });

  it('keeps optional cache prices only where the row has them', () => {
    const [loaded] = loadPriceCatalogue([row()]).rows;
    expect(loaded).toEqual(row());
    expect(loaded && 'cacheReadPer1k' in loaded).toBe(false);
  });

  it.each([
    ['an exponent price', row({ inputPer1k: '1e-3' }), /inputPer1k/],
    ['a number price', row({ outputPer1k: 0.002 }), /outputPer1k/],
    ['a negative price', row({ cacheReadPer1k: '-0.0001' }), /negative/],
    ['a garbage cache price', row({ cacheWritePer1k: '0.001 USD' }), /cacheWritePer1k/],
    ['a garbage 1-hour cache price', row({ cacheWrite1hPer1k: '2x' }), /cacheWrite1hPer1k/],
    ['a missing model id', row({ modelId: undefined }), /modelId/],
    ['an empty region', row({ region: '' }), /region/],
    ['an unknown field', row({ inputPer1M: '1' }), /inputPer1M/],
  ])('fails with InvalidPriceCatalogueError on %s', (_case, bad, message) => {
    expect(() => loadPriceCatalogue([row({ modelId: 'acme.ok-v1:0' }), bad])).toThrow(
      InvalidPriceCatalogueError,
    );
    expect(() => loadPriceCatalogue([row({ modelId: 'acme.ok-v1:0' }), bad])).toThrow(message);
    expect(() => loadPriceCatalogue([row({ modelId: 'acme.ok-v1:0' }), bad])).toThrow(
      /price row 1/,
    );
  });

  it('fails with InvalidPriceCatalogueError on a repeated model and Region', () => {
    expect(() => loadPriceCatalogue([row(), row({ inputPer1k: '0.5' })])).toThrow(
      /repeats model acme\.model-v1:0/,
    );
  });

  it('fails with InvalidPriceCatalogueError on something other than an array', () => {
    expect(() => loadPriceCatalogue({ rows: [] })).toThrow(InvalidPriceCatalogueError);
  });
});

describe('1-hour cache-write rates', () => {
  // Reference "Pricing rules": Anthropic 1-hour cache write = 2 × the base input rate (5-minute: 1.25 ×).
  it.each([
    [SONNET_4_5, 'us-east-1', '0.006'], // input 0.003; the reference lists "1h W 0.006"
    [`us.${SONNET_4_5}`, 'us-east-1', '0.0066'], // geo input 0.0033
    [HAIKU_4_5, 'us-east-1', '0.002'], // input 0.001; reference "1h W 0.002"
    [`us.${HAIKU_4_5}`, 'us-east-1', '0.0022'], // geo input 0.0011
    ['anthropic.claude-opus-4-5-20251101-v1:0', 'us-east-1', '0.01'], // input 0.005; reference "1h W 0.01"
    [HAIKU_4_5, 'us-gov-west-1', '0.0024'], // GovCloud input 0.0012
    [HAIKU_3_5, 'us-east-1', '0.0016'], // input 0.0008
  ])('derives %s in %s from the Anthropic input rate: %s', (modelId, region, expected) => {
    expect(findPrice(modelId, region)?.rates.cacheWrite1hPer1k).toBe(expected);
  });

  it('keeps the derived rate on the bundled catalogue row, so the seeded table shows it', () => {
    const sonnet = PRICE_CATALOGUE.rows.find((candidate) => candidate.modelId === SONNET_4_5);
    expect(sonnet).toMatchObject({ inputPer1k: '0.003', cacheWritePer1k: '0.00375', cacheWrite1hPer1k: '0.006' });
  });

  it('derives none for an Anthropic model without cache-write pricing; 1-hour writes fall back to its input rate', () => {
    const haiku = PRICE_CATALOGUE.rows.find((candidate) => candidate.modelId === HAIKU_3 && candidate.region === '*');
    expect(haiku && 'cacheWrite1hPer1k' in haiku).toBe(false);
    expect(findPrice(HAIKU_3, 'us-east-1')?.rates.cacheWrite1hPer1k).toBe('0.00025');
  });

  it('derives none for other families: 1-hour writes are charged at the cache-write rate (here the input rate)', () => {
    const nova = PRICE_CATALOGUE.rows.find((candidate) => candidate.modelId === 'amazon.nova-micro-v1:0');
    expect(nova && 'cacheWrite1hPer1k' in nova).toBe(false);
    expect(findPrice('amazon.nova-micro-v1:0', 'us-east-1')?.rates).toMatchObject({ cacheWritePer1k: '0.000035', cacheWrite1hPer1k: '0.000035' });
  });

  it('keeps the 1-hour rate a row gives rather than deriving one', () => {
    const [loaded] = loadPriceCatalogue([row({ provider: 'anthropic', cacheWritePer1k: '0.00125', cacheWrite1hPer1k: '0.0025' })]).rows;
    expect(loaded?.cacheWrite1hPer1k).toBe('0.0025');
  });

  it('uses a 1-hour rate given for another family', () => {
    const catalogue = loadPriceCatalogue([row({ cacheWrite1hPer1k: '0.004' })]);
    expect(findPrice('acme.model-v1:0', 'us-east-1', catalogue)?.rates.cacheWrite1hPer1k).toBe('0.004');
  });

  it('derives it for a price-table row of provider Anthropic (any case) that has no 1-hour rate', () => {
    const model = normalizeModelId(HAIKU_4_5, 'us-east-1');
    const tableRow = { modelId: HAIKU_4_5, region: '*', provider: 'Anthropic', inputPer1k: '0.0012', outputPer1k: '0.006', cacheWritePer1k: '0.0015', cacheWrite1hPer1k: null, source: 'contract' };
    expect(matchFromRow(tableRow, model).rates.cacheWrite1hPer1k).toBe('0.0024');
  });

  it('falls back to the 5-minute rate for a non-Anthropic table row', () => {
    const model = normalizeModelId('amazon.nova-micro-v1:0', 'us-east-1');
    const tableRow = { modelId: 'amazon.nova-micro-v1:0', region: '*', provider: 'amazon', inputPer1k: '0.000035', outputPer1k: '0.00014', cacheWritePer1k: '0.00004', source: 'contract' };
    expect(matchFromRow(tableRow, model).rates.cacheWrite1hPer1k).toBe('0.00004');
  });

  it('feeds computeCost: the README example of a 1-hour cache write on Claude Haiku 4.5', () => {
    // Per token: in 1,000, out 5,000, 5-minute write 1,250, 1-hour write 2 × 1,000 = 2,000 nano-USD.
    // 1,200 × 1,000 + 500 × 1,250 + 1,500 × 2,000 + 300 × 5,000
    // = 1,200,000 + 625,000 + 3,000,000 + 1,500,000 = 6,325,000 nano-USD
    const match = findPrice(HAIKU_4_5, 'us-east-1');
    expect(match).not.toBeNull();
    const usage = { inputTokens: 1200, outputTokens: 300, cacheReadInputTokens: 0, cacheWriteInputTokens: 2000, cacheWrite1hInputTokens: 1500 };
    expect(match && computeCost(usage, match.rates)).toEqual({ nanoUsd: 6_325_000n, exactNanoUsd: '6325000', usd: '0.006325000' });
    // The same 2,000 written for 5 minutes: 1,200,000 + 2,000 × 1,250 + 1,500,000 = 5,200,000
    expect(match && computeCost({ ...usage, cacheWrite1hInputTokens: 0 }, match.rates).usd).toBe('0.005200000');
  });

  it('doubles the input rate exactly, without floating point', () => {
    // 0.1 + 0.2 style traps: 2 × 0.000000015 must be exactly 0.00000003.
    expect(cacheWrite1hRate({ provider: 'anthropic', inputPer1k: '0.000000015', cacheWritePer1k: '0.00000001875' })).toBe('0.00000003');
    expect(cacheWrite1hRate({ provider: 'anthropic', inputPer1k: '0.0055', cacheWritePer1k: '0.006875' })).toBe('0.011');
  });
});
