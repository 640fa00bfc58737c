/**
 * How a mutation's result reaches a subscriber (reference §6.1, §6.2): AppSync does not run resolvers
 * for subscribers; it projects the mutation result, as the mutation caller selected it, onto each
 * subscriber's selection set.
 */
import {
  Kind,
  getNamedType,
  isAbstractType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field nodes of a selection set, fragments expanded, in document order. */
function fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Fragments, typeName: string | null, schema: GraphQLSchema | null): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      out.push(selection);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    if (condition !== undefined && typeName !== null && !typeMatches(schema, condition, typeName)) continue;
    out.push(...fieldsOf(fragment.selectionSet, fragments, typeName, schema));
  }
  return out;
}

function typeMatches(schema: GraphQLSchema | null, condition: string, typeName: string): boolean {
  if (condition === typeName || schema === null) return true;
  const conditionType = schema.getType(condition);
  const objectType = schema.getType(typeName);
  if (!conditionType || !isAbstractType(conditionType) || !objectType || !isObjectType(objectType)) return false;
  return schema.isSubType(conditionType, objectType);
}

/**
 * The mutation's serialized result re-keyed by FIELD names instead of the caller's aliases, so that
 * it can be matched against subscribers' selections and filters. Only what the caller selected is
 * kept; a field selected twice under two aliases keeps its first value.
 */
export function unalias(value: unknown, field: FieldNode, fragments: Fragments): unknown {
  return unaliasValue(value, field.selectionSet, fragments);
}

function unaliasValue(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: Fragments): unknown {
  if (Array.isArray(value)) return value.map((item) => unaliasValue(item, selectionSet, fragments));
  if (!isPlainObject(value) || !selectionSet) return value;
  const out: Record<string, unknown> = {};
  const typeName = typeof value.__typename === 'string' ? value.__typename : null;
  for (const node of fieldsOf(selectionSet, fragments, typeName, null)) {
    const name = node.name.value;
    const key = node.alias?.value ?? name;
    if (Object.hasOwn(out, name) || !Object.hasOwn(value, key)) continue;
    out[name] = unaliasValue(value[key], node.selectionSet, fragments);
  }
  return out;
}

/**
 * Projects a published value (keyed by field names) onto the subscriber's selection: response keys
 * are the subscriber's aliases; fields the mutation did not select are `null`; lists map element-wise;
 * `__typename` is filled from the schema type when the subscriber asks for it. Reference §6.2 is unsure
 * whether AppSync fills `__typename` when the mutation omitted it and how it handles a null in a
 * non-null field: we fill it (Amplify's generated documents always select it) and emit the null
 * without an error.
 */
export function project(
  value: unknown,
  field: FieldNode,
  type: GraphQLNamedType,
  fragments: Fragments,
  schema: GraphQLSchema,
): unknown {
  return projectValue(value, field.selectionSet, type, fragments, schema);
}

function projectValue(
  value: unknown,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLNamedType,
  fragments: Fragments,
  schema: GraphQLSchema,
): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((item) => projectValue(item, selectionSet, type, fragments, schema));
  if (!selectionSet) return value;
  if (!isPlainObject(value)) return null;
  const runtimeType = runtimeTypeOf(value, type, schema);
  const fields = isObjectType(runtimeType) ? runtimeType.getFields() : {};
  const out: Record<string, unknown> = {};
  for (const node of fieldsOf(selectionSet, fragments, runtimeType.name, schema)) {
    const name = node.name.value;
    const key = node.alias?.value ?? name;
    if (Object.hasOwn(out, key)) continue;
    if (name === '__typename') {
      out[key] = runtimeType.name;
      continue;
    }
    const definition = fields[name];
    out[key] = definition
      ? projectValue(value[name], node.selectionSet, getNamedType(definition.type), fragments, schema)
      : null;
  }
  return out;
}

function runtimeTypeOf(value: Record<string, unknown>, type: GraphQLNamedType, schema: GraphQLSchema): GraphQLNamedType {
  if (!isAbstractType(type)) return type;
  const named = typeof value.__typename === 'string' ? schema.getType(value.__typename) : undefined;
  return named ?? type;
}
