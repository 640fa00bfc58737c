import type { Context } from '@aws-appsync/utils';
import type { ServiceInfo } from '../schema/__generated__/graphql.ts';

export function request(ctx: Context) {
  return { payload: { name: ctx.env.SERVICE_NAME, version: ctx.env.SERVICE_VERSION } };
}

export function response(ctx: Context): ServiceInfo {
  return ctx.result as ServiceInfo;
}
