import { buildSchema, type GraphQLSchema, type GraphQLScalarType, isScalarType } from 'graphql';
import { APPSYNC_SCALARS } from './scalars.ts';

/**
 * The deployed schema plus the tooling-only declarations of AppSync's scalars and directives,
 * with the scalars given AppSync's parsing and validation.
 */
export function buildAppSyncSchema(toolingSdl: string, schemaSdl: string): GraphQLSchema {
  const schema = buildSchema(`${toolingSdl}\n${schemaSdl}`);
  for (const scalar of APPSYNC_SCALARS) {
    const target = schema.getType(scalar.name);
    if (target && isScalarType(target)) copyScalar(target, scalar);
  }
  return schema;
}

function copyScalar(target: GraphQLScalarType, source: GraphQLScalarType): void {
  target.serialize = source.serialize;
  target.parseValue = source.parseValue;
  target.parseLiteral = source.parseLiteral;
}
