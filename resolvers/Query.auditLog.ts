import { util, type Context } from '@aws-appsync/utils';
import type { AuditConnection, AuditRecord, QueryAuditLogArgs } from '../schema/__generated__/graphql.ts';
import { requireReaderRole } from './lib/budget.ts';
import { plainDate } from './lib/dates.ts';
import { ERROR_TYPES } from './lib/errors.ts';
import { caller } from './lib/identity.ts';
import { pageSize } from './lib/paging.ts';

export function request(ctx: Context<QueryAuditLogArgs>) {
  requireReaderRole(caller(ctx.identity).role, 'auditLog');
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': 'pk' },
      expressionValues: util.dynamodb.toMapValues({ ':pk': `AUDIT#${plainDate('date', ctx.args.date)}` }),
    },
    limit: pageSize(ctx.args.limit),
    nextToken: ctx.args.nextToken ?? null,
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryAuditLogArgs>): AuditConnection {
  if (ctx.error) util.error('The audit log could not be read; it has been logged', ERROR_TYPES.internal);
  const page = ctx.result as { items: AuditRecord[]; nextToken: string | null };
  return {
    items: page.items.map((item) => ({
      id: item.id,
      action: item.action,
      actorPrincipalId: item.actorPrincipalId,
      actorKeyId: item.actorKeyId,
      target: item.target,
      details: item.details,
      createdAt: item.createdAt,
    })),
    nextToken: page.nextToken ?? null,
  };
}
