import { util, type Context } from '@aws-appsync/utils';
import type { QueryUnpricedUsageArgs, UnpricedUsageConnection } from '../schema/__generated__/graphql.ts';
import { requireReaderRole } from './lib/budget.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { unpricedPk } from './lib/ledger-keys.ts';
import { toTokenUsage, type TokenCounts } from './lib/invocation.ts';
import { pageSize } from './lib/paging.ts';

interface UnpricedItem extends TokenCounts {
  invocationId: string;
  principalId: string;
  modelId: string;
  region: string;
  createdAt: string;
  pricedAt?: string | null;
  adjustmentNanoUsd?: number | null;
}

export function request(ctx: Context<QueryUnpricedUsageArgs>) {
  requireReaderRole(caller(ctx.identity).role, 'unpricedUsage');
  if (!util.matches('^\\d{4}-(0[1-9]|1[0-2])$', ctx.args.month)) {
    util.error(`month must look like 2026-11, got "${ctx.args.month}"`, ERROR_TYPES.validation);
  }
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'pk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': unpricedPk(ctx.args.month) }),
    },
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? null,
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryUnpricedUsageArgs>): UnpricedUsageConnection {
  if (ctx.error) util.error('Unpriced usage could not be read; it has been logged', ERROR_TYPES.internal);
  const page = ctx.result as { items: UnpricedItem[]; nextToken: string | null };
  return {
    items: page.items.map((item) => ({
      invocationId: item.invocationId,
      principalId: item.principalId,
      modelId: item.modelId,
      region: item.region,
      usage: toTokenUsage(item),
      createdAt: item.createdAt,
      pricedAt: item.pricedAt ?? null,
      adjustmentNanoUsd: item.adjustmentNanoUsd === null || item.adjustmentNanoUsd === undefined ? null : `${item.adjustmentNanoUsd}`,
    })),
    nextToken: page.nextToken ?? null,
  };
}
