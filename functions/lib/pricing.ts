/**
 * The Bedrock price catalogue and the mapping from any accepted `modelId` form to a price row.
 *
 * Rows come from `data/bedrock-prices.json` (USD per 1,000 tokens, on-demand, standard tier) and are
 * validated once at load. A model without a row is not an error here: `findPrice` returns null and
 * the caller records the invocation as unpriced.
 */
import bundledPriceRows from './data/bedrock-prices.json' with { type: 'json' };
import { decimalToString, multiplyDecimal, parseDecimal } from './money.ts';
import type { ExactDecimal, TokenRates } from './money.ts';

/** One row of the catalogue. `region` is a Region name, or '*' for every commercial Region. */
export interface PriceRow {
  readonly modelId: string;
  readonly provider: string;
  readonly region: string;
  readonly inputPer1k: string;
  readonly outputPer1k: string;
  readonly cacheReadPer1k?: string;
  /** The 5-minute cache-write rate. */
  readonly cacheWritePer1k?: string;
  /** The 1-hour cache-write rate (derived for Anthropic rows, see {@link cacheWrite1hRate}). */
  readonly cacheWrite1hPer1k?: string;
  readonly source: string;
}

export interface PriceCatalogue {
  readonly rows: readonly PriceRow[];
  /** Rows keyed by `catalogueKey(modelId, region)`. */
  readonly byKey: ReadonlyMap<string, PriceRow>;
}

export const ANY_REGION = '*';

export const PROFILE_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'us-gov', 'global'] as const;
export type ProfilePrefix = (typeof PROFILE_PREFIXES)[number];

export type ModelIdKind =
  | 'foundation-model'
  | 'inference-profile'
  | 'application-inference-profile'
  | 'provisioned-model'
  | 'custom'
  | 'unknown-arn';

export interface NormalizedModel {
  /** The id exactly as the caller gave it. */
  readonly requestedModelId: string;
  /** The id without any ARN wrapper, geo/global prefix kept (`us.anthropic.claude-…`). */
  readonly resourceId: string;
  /** The id without ARN wrapper and without geo/global prefix (`anthropic.claude-…`). */
  readonly baseModelId: string;
  readonly profilePrefix: ProfilePrefix | null;
  /** The Region whose price applies: the ARN's Region when it has one, else the given Region. */
  readonly sourceRegion: string;
  readonly kind: ModelIdKind;
}

export interface PriceMatch {
  /** The catalogue row's `modelId` (may keep a geo prefix when that profile has its own price). */
  readonly pricedModelId: string;
  /** The catalogue row's `region`: the exact Region or '*'. */
  readonly region: string;
  readonly provider: string;
  /**
   * All rates; cache rates the row lacks are the input rate (see the flags below), and a missing
   * 1-hour cache-write rate is the 5-minute one (see {@link cacheWrite1hRate}).
   */
  readonly rates: Required<TokenRates>;
  readonly cacheReadFromInput: boolean;
  readonly cacheWriteFromInput: boolean;
  /** The row's source text. */
  readonly source: string;
  readonly model: NormalizedModel;
}

/** A catalogue row is malformed; the message names the row and the field. */
export class InvalidPriceCatalogueError extends Error {
  override readonly name = 'InvalidPriceCatalogueError';
}

export const catalogueKey = (modelId: string, region: string): string => `${modelId}\n${region}`;

const ROW_FIELDS = new Set([
  'modelId',
  'provider',
  'region',
  'inputPer1k',
  'outputPer1k',
  'cacheReadPer1k',
  'cacheWritePer1k',
  'cacheWrite1hPer1k',
  'source',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const readRow = (raw: unknown, index: number): PriceRow => {
  const where = `price row ${index}`;
  if (!isRecord(raw)) {
    throw new InvalidPriceCatalogueError(`${where} is not an object.`);
  }
  const unknownField = Object.keys(raw).find((field) => !ROW_FIELDS.has(field));
  if (unknownField !== undefined) {
    throw new InvalidPriceCatalogueError(`${where} has an unknown field "${unknownField}".`);
  }
  const text = (field: string): string => {
    const value = raw[field];
    if (typeof value !== 'string' || value === '') {
      throw new InvalidPriceCatalogueError(`${where} needs a non-empty string "${field}".`);
    }
    return value;
  };
  const price = (field: string): string => {
    const value = text(field);
    let parsed: ExactDecimal;
    try {
      parsed = parseDecimal(value);
    } catch (error) {
      throw new InvalidPriceCatalogueError(
        `${where} (${String(raw.modelId)}): "${field}" ${value} is not an exact decimal string.`,
        { cause: error },
      );
    }
    if (parsed.units < 0n) {
      throw new InvalidPriceCatalogueError(`${where}: "${field}" ${value} is negative.`);
    }
    return value;
  };
  const optionalPrice = (field: string): string | undefined =>
    raw[field] === undefined ? undefined : price(field);
  const cacheReadPer1k = optionalPrice('cacheReadPer1k');
  const cacheWritePer1k = optionalPrice('cacheWritePer1k');
  const cacheWrite1hPer1k = optionalPrice('cacheWrite1hPer1k');
  return {
    modelId: text('modelId'),
    provider: text('provider'),
    region: text('region'),
    inputPer1k: price('inputPer1k'),
    outputPer1k: price('outputPer1k'),
    ...(cacheReadPer1k === undefined ? {} : { cacheReadPer1k }),
    ...(cacheWritePer1k === undefined ? {} : { cacheWritePer1k }),
    ...(cacheWrite1hPer1k === undefined ? {} : { cacheWrite1hPer1k }),
    source: text('source'),
  };
};

/** Anthropic's 1-hour cache writes cost this many times the base input rate. */
const ANTHROPIC_CACHE_WRITE_1H_INPUT_MULTIPLE = 2n;

/**
 * The 1-hour cache-write rate of a row: its own when it has one; for an Anthropic row that prices
 * cache writes at all, 2 × its input rate, exactly (reference "Pricing rules": Anthropic cache
 * multipliers, 5-minute write = 1.25 × input, 1-hour write = 2 × input — the catalogue carries only the
 * 5-minute figure); otherwise null, and 1-hour writes are charged at the 5-minute cache-write rate
 * (other families report no 1-hour writes).
 */
export function cacheWrite1hRate(row: {
  readonly provider: string;
  readonly inputPer1k: string;
  readonly cacheWritePer1k?: string | null | undefined;
  readonly cacheWrite1hPer1k?: string | null | undefined;
}): string | null {
  if (row.cacheWrite1hPer1k != null) return row.cacheWrite1hPer1k;
  if (row.provider.toLowerCase() !== 'anthropic' || row.cacheWritePer1k == null) return null;
  return decimalToString(multiplyDecimal(parseDecimal(row.inputPer1k), ANTHROPIC_CACHE_WRITE_1H_INPUT_MULTIPLE));
}

/** A row with its 1-hour cache-write rate filled in where it is derived. */
const withCacheWrite1h = (row: PriceRow): PriceRow => {
  const cacheWrite1hPer1k = cacheWrite1hRate(row);
  return cacheWrite1hPer1k === null ? row : { ...row, cacheWrite1hPer1k };
};

/**
 * Validates every row (fields, exact non-negative decimal prices, unique model/Region pairs) and
 * derives the 1-hour cache-write rate of Anthropic rows that lack one ({@link cacheWrite1hRate}).
 */
export const loadPriceCatalogue = (raw: unknown): PriceCatalogue => {
  if (!Array.isArray(raw)) {
    throw new InvalidPriceCatalogueError('The price catalogue must be a JSON array of rows.');
  }
  const rows = raw.map((row: unknown, index) => withCacheWrite1h(readRow(row, index)));
  const byKey = new Map<string, PriceRow>();
  rows.forEach((row, index) => {
    const key = catalogueKey(row.modelId, row.region);
    if (byKey.has(key)) {
      throw new InvalidPriceCatalogueError(
        `price row ${index} repeats model ${row.modelId} in Region ${row.region}; keep one row per pair.`,
      );
    }
    byKey.set(key, row);
  });
  return { rows, byKey };
};

/** The catalogue bundled with the project, validated when this module loads. */
export const PRICE_CATALOGUE: PriceCatalogue = loadPriceCatalogue(bundledPriceRows);

const ARN_KINDS: Readonly<Record<string, ModelIdKind>> = {
  'foundation-model': 'foundation-model',
  'inference-profile': 'inference-profile',
  'application-inference-profile': 'application-inference-profile',
  'provisioned-model': 'provisioned-model',
  'custom-model': 'custom',
  'custom-model-deployment': 'custom',
  'imported-model': 'custom',
};

const splitProfilePrefix = (
  id: string,
): { readonly prefix: ProfilePrefix | null; readonly base: string } => {
  const prefix = PROFILE_PREFIXES.find((candidate) => id.startsWith(`${candidate}.`)) ?? null;
  return { prefix, base: prefix === null ? id : id.slice(prefix.length + 1) };
};

/** Percent-decodes a URL path segment; text that is not valid percent-encoding is kept as given. */
const percentDecode = (modelId: string): string => {
  if (!modelId.includes('%')) {
    return modelId;
  }
  try {
    return decodeURIComponent(modelId);
  } catch {
    // Not valid percent-encoding (Bedrock would reject the id too): price it as written.
    return modelId;
  }
};

/**
 * Reads any accepted `modelId` form: base id, foundation-model ARN, system inference profile id or
 * ARN (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `us-gov.`, `global.`), application inference profile,
 * provisioned-model and custom-model ARNs. Never throws: it also runs after Bedrock has been paid,
 * and an id it cannot place simply finds no price.
 */
export const normalizeModelId = (modelId: string, region: string): NormalizedModel => {
  const decoded = percentDecode(modelId);
  if (!decoded.startsWith('arn:')) {
    const { prefix, base } = splitProfilePrefix(decoded);
    return {
      requestedModelId: modelId,
      resourceId: decoded,
      baseModelId: base,
      profilePrefix: prefix,
      sourceRegion: region,
      kind: prefix === null ? 'foundation-model' : 'inference-profile',
    };
  }
  // arn:{partition}:{service}:{region}:{account}:{type}/{id} — the id itself may contain ':'.
  const parts = decoded.split(':');
  const service = parts[2] ?? '';
  const arnRegion = parts[3] ?? '';
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  const resourceType = slash < 0 ? resource : resource.slice(0, slash);
  const resourceId = slash < 0 ? '' : resource.slice(slash + 1);
  const kind: ModelIdKind =
    service === 'bedrock' && resourceId !== '' ? (ARN_KINDS[resourceType] ?? 'unknown-arn') : 'unknown-arn';
  const { prefix, base } =
    kind === 'inference-profile' ? splitProfilePrefix(resourceId) : { prefix: null, base: resourceId };
  return {
    requestedModelId: modelId,
    resourceId,
    baseModelId: base,
    profilePrefix: prefix,
    sourceRegion: arnRegion === '' ? region : arnRegion,
    kind,
  };
};

/** The fields of a match a price row gives, from the bundled catalogue or the price table. */
export function matchFromRow(
  row: Pick<PriceRow, 'modelId' | 'region' | 'provider' | 'inputPer1k' | 'outputPer1k' | 'source'> & {
    readonly cacheReadPer1k?: string | null | undefined;
    readonly cacheWritePer1k?: string | null | undefined;
    readonly cacheWrite1hPer1k?: string | null | undefined;
  },
  model: NormalizedModel,
): PriceMatch {
  const cacheWritePer1k = row.cacheWritePer1k ?? row.inputPer1k;
  return {
    pricedModelId: row.modelId,
    region: row.region,
    provider: row.provider,
    // Cache tokens the row has no rate for are charged at the input rate (reference §6).
    rates: {
      inputPer1k: row.inputPer1k,
      outputPer1k: row.outputPer1k,
      cacheReadPer1k: row.cacheReadPer1k ?? row.inputPer1k,
      cacheWritePer1k,
      // 1-hour writes: the row's rate, derived for Anthropic, else the 5-minute write rate.
      cacheWrite1hPer1k: cacheWrite1hRate(row) ?? cacheWritePer1k,
    },
    cacheReadFromInput: row.cacheReadPer1k == null,
    cacheWriteFromInput: row.cacheWritePer1k == null,
    source: row.source,
    model,
  };
}

const toMatch = (row: PriceRow, model: NormalizedModel): PriceMatch => matchFromRow(row, model);

/**
 * Finds the price for `modelId` called in `region`. Order: (id as given, Region) → (id, '*') →
 * without the geo/global prefix: (base, Region) → (base, '*'). Returns null for unknown models and
 * for ids that are not priced per token here (application inference profiles, provisioned and
 * custom models), which the caller records as unpriced.
 */
export const findPrice = (
  modelId: string,
  region: string,
  catalogue: PriceCatalogue = PRICE_CATALOGUE,
): PriceMatch | null => {
  const model = normalizeModelId(modelId, region);
  if (model.kind !== 'foundation-model' && model.kind !== 'inference-profile') {
    return null;
  }
  const ids = model.profilePrefix === null ? [model.resourceId] : [model.resourceId, model.baseModelId];
  const row = ids
    .flatMap((id) => [catalogueKey(id, model.sourceRegion), catalogueKey(id, ANY_REGION)])
    .map((key) => catalogue.byKey.get(key))
    .find((candidate) => candidate !== undefined);
  return row === undefined ? null : toMatch(row, model);
};
