import { util, type Context } from '@aws-appsync/utils';
import type { InvocationConnection, QueryInvocationsArgs } from '../schema/__generated__/graphql.ts';
import { plainDate } from './lib/dates.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller, targetPrincipal } from './lib/identity.ts';
import { toInvocation, type InvocationItem } from './lib/invocation.ts';
import { INVOCATION_PREFIX, principalPk, rangeEnd } from './lib/ledger-keys.ts';
import { pagedReadError, pageSize } from './lib/paging.ts';
import { sortKeyRange } from './lib/queries.ts';
import { tagProblem } from './lib/tags.ts';
import type { InputMaybe, InvocationFilter } from '../schema/__generated__/graphql.ts';

export function request(ctx: Context<QueryInvocationsArgs>) {
  const principalId = targetPrincipal(caller(ctx.identity), ctx.args.principalId);
  const from = ctx.args.from ? `${INVOCATION_PREFIX}${plainDate('from', ctx.args.from)}` : INVOCATION_PREFIX;
  const to = rangeEnd(ctx.args.to ? `${INVOCATION_PREFIX}${plainDate('to', ctx.args.to)}` : INVOCATION_PREFIX);
  if (to < from) util.error(`to (${ctx.args.to}) is before from (${ctx.args.from})`, ERROR_TYPES.validation);
  return {
    operation: 'Query',
    query: sortKeyRange(principalPk(principalId), from, to),
    scanIndexForward: false,
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? null,
    ...filterOf(ctx.args.filter),
  };
}

const OPERATIONS = ['InvokeModel', 'Converse'];

/**
 * The filter over the principal's ledger partition. DynamoDB applies it after reading `limit` items,
 * so a filtered page may hold fewer items than asked (even none) while nextToken is still set.
 */
function filterOf(filter: InputMaybe<InvocationFilter> | undefined) {
  if (!filter) return {};
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.modelId) {
    clauses.push('#modelId = :modelId');
    names['#modelId'] = 'modelId';
    values[':modelId'] = filter.modelId;
  }
  if (filter.keyId) {
    clauses.push('#keyId = :keyId');
    names['#keyId'] = 'keyId';
    values[':keyId'] = filter.keyId;
  }
  if (filter.operation) {
    if (OPERATIONS.indexOf(filter.operation) < 0) {
      util.error(`filter.operation must be InvokeModel or Converse, got "${filter.operation}"`, ERROR_TYPES.validation);
    }
    // Items recorded before the operation was kept are InvokeModel calls.
    clauses.push(filter.operation === 'InvokeModel' ? '(#operation = :operation OR attribute_not_exists(#operation))' : '#operation = :operation');
    names['#operation'] = 'operation';
    values[':operation'] = filter.operation;
  }
  if (filter.priced !== null && filter.priced !== undefined) {
    clauses.push('#priced = :priced');
    names['#priced'] = 'priced';
    values[':priced'] = filter.priced;
  }
  if (filter.tag) {
    const problem = tagProblem(filter.tag, (pattern, text) => util.matches(pattern, text));
    if (problem) util.error(`filter.${problem}`, ERROR_TYPES.validation);
    clauses.push('#tags.#tagKey = :tagValue');
    names['#tags'] = 'tags';
    names['#tagKey'] = filter.tag.key;
    values[':tagValue'] = filter.tag.value;
  }
  if (clauses.length === 0) return {};
  return { filter: { expression: clauses.join(' AND '), expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) } };
}

export function response(ctx: Context<QueryInvocationsArgs>): InvocationConnection {
  if (ctx.error) pagedReadError(ctx.error, 'Invocations');
  const page = ctx.result as { items: InvocationItem[]; nextToken: string | null };
  return { items: page.items.map(toInvocation), nextToken: page.nextToken ?? null };
}
