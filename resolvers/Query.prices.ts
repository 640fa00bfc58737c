import { util, type Context } from '@aws-appsync/utils';
import type { PriceConnection, QueryPricesArgs } from '../schema/__generated__/graphql.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { pageSize } from './lib/paging.ts';
import { toPrice } from './lib/price.ts';
import { PRICE_KIND, priceKeyOf, priceListRange, priceListSk, pricePk, splitPrefix, type PriceItem } from './lib/price-keys.ts';
import { PRICE_INDEXES } from './tables.ts';

/**
 * The price catalogue, one page at a time, without a scan. Any key may read it: these are public list
 * prices, the same rows effectivePrice answers from. With `modelId`, a Query of that model's partition
 * of the prices table; without, a Query of the `byKind` index (one constant partition sorted by
 * `listSk` = base model # prefix # Region # start). Both read in one order: by key (base model × prefix
 * × Region), then by start, oldest first.
 *
 * A row is in effect at `at` when it started by `at` and the next row of its key did not (or there is
 * none). So each row is judged against the row after it: a page reads limit + 1 rows, judges the first
 * `limit` and only looks at the extra one, and its cursor is the sort key of the last row judged, so the
 * next page starts right after it. Every row is judged once with its true successor in hand, wherever
 * the pages break. The cursor is our own (a base64 sort key turned into the next key condition), not
 * DynamoDB's token, so it can say exactly which row comes next.
 */

const MODEL_ID = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,255}$';
const REGION = '^[a-z]{2}(-gov)?-[a-z]+-\\d$';
/** Characters of a sort key; '~' (the range's upper bound) is not among them. */
const CURSOR = '^[A-Za-z0-9._:*#-]{1,600}$';

interface Scope {
  /** The base model whose partition is read; null for the whole catalogue. */
  base: string | null;
  /** What every listed `listSk` starts with ('' for the whole catalogue). */
  start: string;
}

function scope(modelId: string | null | undefined): Scope {
  if (modelId === null || modelId === undefined) return { base: null, start: '' };
  const id = modelId.trim();
  if (!util.matches(MODEL_ID, id)) {
    util.error(`modelId must be a base model id or a system inference profile id (not an ARN), got "${modelId}"`, ERROR_TYPES.validation);
  }
  const { prefix, base } = splitPrefix(id);
  return { base, start: prefix === null ? `${base}#` : `${base}#${prefix}#` };
}

/** The listSk the previous page ended on, or null on the first page. */
function cursor(nextToken: string | null | undefined, start: string): string | null {
  if (nextToken === null || nextToken === undefined) return null;
  const after = util.base64Decode(nextToken);
  if (!util.matches(CURSOR, after) || !after.startsWith(start)) util.error('nextToken is not valid for this query', ERROR_TYPES.validation);
  return after;
}

/** `at` as stored starts are written (ISO-8601 with milliseconds, UTC), so strings compare in time order. */
function moment(at: string | null | undefined): string {
  return at ? util.time.epochMilliSecondsToISO8601(util.time.parseISO8601ToEpochMilliSeconds(at)) : util.time.nowISO8601();
}

export function request(ctx: Context<QueryPricesArgs>) {
  caller(ctx.identity);
  const limit = pageSize(ctx.args.limit);
  const region = ctx.args.region;
  if (region !== null && region !== undefined && region !== '*' && !util.matches(REGION, region)) {
    util.error(`region must be a Region name like us-east-1, or *; got "${region}"`, ERROR_TYPES.validation);
  }
  moment(ctx.args.at);
  const { base, start } = scope(ctx.args.modelId);
  const range = priceListRange(start, cursor(ctx.args.nextToken, start));
  if (base === null) {
    return {
      operation: 'Query',
      index: PRICE_INDEXES.byKind,
      query: {
        expression: '#kind = :kind AND #listSk BETWEEN :from AND :to',
        expressionNames: { '#kind': 'kind', '#listSk': 'listSk' },
        expressionValues: util.dynamodb.toMapValues({ ':kind': PRICE_KIND, ':from': range.from, ':to': range.to }),
      },
      limit: limit + 1,
    };
  }
  // In the model's partition the sort key is listSk without its `<base>#`.
  const skip = base.length + 1;
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      expressionNames: { '#pk': 'pk', '#sk': 'sk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': pricePk(base), ':from': range.from.slice(skip), ':to': range.to.slice(skip) }),
    },
    limit: limit + 1,
    consistentRead: true,
  };
}

const keyOf = (item: PriceItem): string => priceKeyOf(priceListSk(item.baseModelId, item.sk));

export function response(ctx: Context<QueryPricesArgs>): PriceConnection {
  if (ctx.error) util.error('Prices could not be read; it has been logged', ERROR_TYPES.internal);
  const limit = pageSize(ctx.args.limit);
  const at = moment(ctx.args.at);
  const page = ctx.result as { items: PriceItem[]; nextToken?: string | null };
  const items = page.items;
  const more = items.length > limit || (page.nextToken !== null && page.nextToken !== undefined);
  // While more rows follow, the last row read is kept back as the look-ahead. (DynamoDB's 1 MB page
  // always holds at least two rows of at most a few KB, so a page with more to come has one to keep back.)
  const judged = more ? items.slice(0, Math.min(limit, items.length - 1)) : items;
  const rows = judged.filter((item, index) => {
    if (ctx.args.region && item.region !== ctx.args.region) return false;
    if (ctx.args.history === true) return true;
    const next = items[index + 1];
    const superseded = next !== undefined && keyOf(next) === keyOf(item) && next.effectiveFrom <= at;
    return item.effectiveFrom <= at && !superseded;
  });
  const last = judged.length > 0 ? judged[judged.length - 1] : undefined;
  return {
    items: rows.map(toPrice),
    nextToken: more && last !== undefined ? util.base64Encode(priceListSk(last.baseModelId, last.sk)) : null,
  };
}
