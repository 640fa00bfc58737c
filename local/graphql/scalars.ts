import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** AppSync's scalars (reference §8.2); the ones the API uses are validated, the rest pass through as strings. */
const DATE = /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function stringScalar(name: string, valid: (text: string) => boolean, description: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value)) {
      throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)} (expected ${description})`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: check,
    parseValue: check,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string (${description})`);
      return check(ast.value);
    },
  });
}

function literalToJs(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
      return ast.value;
    default:
      throw new GraphQLError('AWSJSON must be a string holding JSON');
  }
}

const parseJsonText = (value: unknown): unknown => {
  if (typeof value !== 'string') throw new GraphQLError('AWSJSON must be a string holding JSON');
  try {
    return JSON.parse(value);
  } catch {
    throw new GraphQLError(`Invalid AWSJSON value: not valid JSON`);
  }
};

/** AWSJSON: input strings are parsed before resolvers see them; output objects are serialized. */
const AWSJSON = new GraphQLScalarType({
  name: 'AWSJSON',
  serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parseValue: parseJsonText,
  parseLiteral: (ast) => parseJsonText(literalToJs(ast)),
});

const any = (): boolean => true;

export const APPSYNC_SCALARS: readonly GraphQLScalarType[] = [
  stringScalar('AWSDate', validDate, 'an ISO-8601 date like 2026-11-26'),
  stringScalar('AWSDateTime', (text) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)), 'an ISO-8601 date-time with offset like 2026-11-26T10:00:00Z'),
  stringScalar('AWSTime', any, 'a time'),
  stringScalar('AWSEmail', any, 'an email address'),
  stringScalar('AWSURL', any, 'a URL'),
  stringScalar('AWSPhone', any, 'a phone number'),
  stringScalar('AWSIPAddress', any, 'an IP address'),
  AWSJSON,
];
