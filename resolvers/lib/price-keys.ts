/**
 * Keys and the selection rule of the effective-dated price catalogue, shared by the invoke-model
 * Lambda (pricing an invocation) and the resolvers (effectivePrice, setPrice). Plain functions with
 * array callbacks only, so they obey APPSYNC_JS.
 */

/** Routing prefixes of system inference profiles (reference: Bedrock model ids). */
export const PROFILE_PREFIXES = ['us-gov', 'us', 'eu', 'apac', 'jp', 'au', 'global'];

/** Start of the bundled catalogue's validity. */
export const BUNDLED_EFFECTIVE_FROM = '1970-01-01T00:00:00.000Z';
export const BUNDLED_VERSION = 'bundled';

export const pricePk = (baseModelId: string): string => `PRICE#${baseModelId}`;

/** `prefix` is a routing prefix or null (in-Region); `region` a Region or '*' (every Region). */
export const priceSk = (prefix: string | null, region: string, effectiveFrom: string): string =>
  `${prefix ?? '-'}#${region}#${effectiveFrom}`;

/** The constant `kind` of every catalogue row: the partition of the prices table's `byKind` index. */
export const PRICE_KIND = 'PRICE';

/** The `byKind` index's sort key: base model, then the row's sk (prefix, Region, start), so rows list in key order. */
export const priceListSk = (baseModelId: string, sk: string): string => `${baseModelId}#${sk}`;

/** The key a row is effective-dated within (base model × prefix × Region): its list sort key without the start. */
export const priceKeyOf = (listSk: string): string => listSk.slice(0, listSk.lastIndexOf('#'));

/**
 * Inclusive sort-key bounds of a listing: every key that starts with `start` ('' for all), strictly after
 * `after` when given. Keys hold only [A-Za-z0-9._:*#-]; '!' sorts below and '~' above all of them, and
 * no key is a prefix of another (each ends with a full ISO timestamp), so `${after} ` is the first
 * possible key after `after`.
 */
export function priceListRange(start: string, after: string | null): { from: string; to: string } {
  return { from: after !== null && after > start ? `${after} ` : `${start}!`, to: `${start}~` };
}

/** A catalogue row as stored. Rates are exact decimal strings in USD per 1,000 tokens. */
export interface PriceItem {
  sk: string;
  /** The id the row prices: the base id, or the profile id with its prefix. */
  modelId: string;
  baseModelId: string;
  profilePrefix: string | null;
  region: string;
  effectiveFrom: string;
  version: string;
  provider: string;
  inputPer1k: string;
  outputPer1k: string;
  cacheReadPer1k?: string | null;
  cacheWritePer1k?: string | null;
  /** The 1-hour cache-write rate (cacheWritePer1k is the 5-minute one). */
  cacheWrite1hPer1k?: string | null;
  source: string;
  createdAt: string;
  createdBy: string;
}

/** Splits a routing prefix off a model id: `us.anthropic.x` → { prefix: 'us', base: 'anthropic.x' }. */
export function splitPrefix(modelId: string): { prefix: string | null; base: string } {
  const found = PROFILE_PREFIXES.filter((prefix) => modelId.startsWith(`${prefix}.`));
  const prefix = found.length > 0 ? (found[0] ?? null) : null;
  return { prefix, base: prefix === null ? modelId : modelId.slice(prefix.length + 1) };
}

/**
 * The row that prices a call at `at` among all rows of one base model: the first of (prefix, Region),
 * (prefix, '*'), (no prefix, Region), (no prefix, '*') that has a row in effect, and of that pair the
 * row with the latest `effectiveFrom` not after `at`. Null when none applies.
 */
export function selectPriceRow(items: PriceItem[], prefix: string | null, region: string, at: string): PriceItem | null {
  const candidates = prefix === null ? [['-', region], ['-', '*']] : [[prefix, region], [prefix, '*'], ['-', region], ['-', '*']];
  const chosen = candidates
    .map((candidate) => {
      const start = `${candidate[0]}#${candidate[1]}#`;
      const inEffect = items.filter((item) => item.sk.startsWith(start) && item.effectiveFrom <= at);
      return inEffect.reduce<PriceItem | null>((best, item) => (best === null || item.effectiveFrom > best.effectiveFrom ? item : best), null);
    })
    .filter((row) => row !== null);
  return chosen.length > 0 ? (chosen[0] ?? null) : null;
}
