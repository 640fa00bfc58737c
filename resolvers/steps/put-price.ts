import { util, type Context } from '@aws-appsync/utils';
import type { MutationSetPriceArgs, Price } from '../../schema/__generated__/graphql.ts';
import { requireAdminRole } from '../lib/budget.ts';
import { ERROR_TYPES } from '../lib/errors.ts';
import { caller } from '../lib/identity.ts';
import { toPrice } from '../lib/price.ts';
import { PRICE_KIND, priceListSk, pricePk, priceSk, splitPrefix, type PriceItem } from '../lib/price-keys.ts';

const RATE = '^\\d{1,6}(\\.\\d{1,12})?$';

function rate(name: string, value: string): string {
  if (!util.matches(RATE, value)) {
    util.error(`${name} must be an exact decimal string of USD per 1,000 tokens, like "0.00025", got "${value}"`, ERROR_TYPES.validation);
  }
  return value;
}

/** Adds an immutable, effective-dated catalogue row (ADMIN only); it never applies to the past. */
export function request(ctx: Context<MutationSetPriceArgs>) {
  const who = caller(ctx.identity);
  requireAdminRole(who.role, 'setPrice');
  const input = ctx.args.input;
  const modelId = input.modelId.trim();
  if (!util.matches('^[A-Za-z0-9][A-Za-z0-9._:-]{0,255}$', modelId)) {
    util.error('modelId must be a base model id or a system inference profile id (not an ARN)', ERROR_TYPES.validation);
  }
  if (input.region !== '*' && !util.matches('^[a-z]{2}(-gov)?-[a-z]+-\\d$', input.region)) {
    util.error(`region must be a Region name like us-east-1, or *; got "${input.region}"`, ERROR_TYPES.validation);
  }
  const startMs = util.time.parseISO8601ToEpochMilliSeconds(input.effectiveFrom);
  if (startMs < util.time.nowEpochMilliSeconds()) {
    util.error(
      `effectiveFrom (${input.effectiveFrom}) is in the past; a price applies from now on and never re-prices recorded usage`,
      ERROR_TYPES.validation,
    );
  }
  if (input.provider.length < 1 || input.provider.length > 64 || input.source.length < 1 || input.source.length > 1024) {
    util.error('provider (1–64 characters) and source (1–1,024 characters) are required', ERROR_TYPES.validation);
  }
  const { prefix, base } = splitPrefix(modelId);
  const effectiveFrom = util.time.epochMilliSecondsToISO8601(startMs);
  const item: PriceItem = {
    sk: priceSk(prefix, input.region, effectiveFrom),
    modelId,
    baseModelId: base,
    profilePrefix: prefix,
    region: input.region,
    effectiveFrom,
    version: util.autoId(),
    provider: input.provider,
    inputPer1k: rate('inputPer1k', input.inputPer1k),
    outputPer1k: rate('outputPer1k', input.outputPer1k),
    cacheReadPer1k: input.cacheReadPer1k ? rate('cacheReadPer1k', input.cacheReadPer1k) : null,
    cacheWritePer1k: input.cacheWritePer1k ? rate('cacheWritePer1k', input.cacheWritePer1k) : null,
    cacheWrite1hPer1k: input.cacheWrite1hPer1k ? rate('cacheWrite1hPer1k', input.cacheWrite1hPer1k) : null,
    source: input.source,
    createdAt: util.time.nowISO8601(),
    createdBy: `${who.principalId}/${who.keyId}`,
  };
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk: pricePk(base), sk: item.sk }),
    attributeValues: util.dynamodb.toMapValues({ ...item, kind: PRICE_KIND, listSk: priceListSk(base, item.sk) }),
    condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } },
  };
}

export function response(ctx: Context<MutationSetPriceArgs>): Price {
  if (ctx.error) {
    if (ctx.error.type.indexOf('ConditionalCheckFailed') >= 0) {
      util.error('A price for this model, Region and effectiveFrom exists already; rows are immutable, add one with a later start', ERROR_TYPES.validation);
    }
    util.error('The price could not be saved; it has been logged', ERROR_TYPES.internal);
  }
  return toPrice(ctx.result as PriceItem);
}
