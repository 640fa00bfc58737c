import type { GraphQLField, GraphQLNamedType, GraphQLSchema } from 'graphql';
import type { AuthMode } from '../../resolvers/manifest.ts';

const DIRECTIVE_MODES: Readonly<Record<string, AuthMode>> = {
  aws_api_key: 'API_KEY',
  aws_lambda: 'AWS_LAMBDA',
  aws_iam: 'AWS_IAM',
};

function modesOf(node: { astNode?: { directives?: readonly { name: { value: string } }[] } | null | undefined }): AuthMode[] {
  const modes: AuthMode[] = [];
  for (const directive of node.astNode?.directives ?? []) {
    const mode = DIRECTIVE_MODES[directive.name.value];
    if (mode) modes.push(mode);
  }
  return modes;
}

/**
 * Which auth modes may read a field (reference §5.2): the field's own auth directives, else its
 * type's, else only the API's default mode. Field directives replace type directives.
 */
export function allowedModes(
  type: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  defaultMode: AuthMode,
): readonly AuthMode[] {
  const fieldModes = modesOf(field);
  if (fieldModes.length > 0) return fieldModes;
  const typeModes = modesOf(type);
  if (typeModes.length > 0) return typeModes;
  return [defaultMode];
}

/** Precomputes allowed modes for every field of every object type. */
export function authTable(schema: GraphQLSchema, defaultMode: AuthMode): Map<string, readonly AuthMode[]> {
  const table = new Map<string, readonly AuthMode[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type) || !('getInterfaces' in type)) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      table.set(`${type.name}.${field.name}`, allowedModes(type, field, defaultMode));
    }
  }
  return table;
}
