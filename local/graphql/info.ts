import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * `ctx.info.selectionSetList` (reference §1.1): the field's sub-selection as a flat list, nested
 * paths joined with `/`, aliases used as names, fragments expanded, in query order.
 */
export function selectionSetList(
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  prefix = '',
): string[] {
  const out: string[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const name = `${prefix}${selection.alias?.value ?? selection.name.value}`;
      if (selection.name.value === '__typename') continue;
      out.push(name);
      out.push(...selectionSetList(selection.selectionSet, fragments, `${name}/`));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      out.push(...selectionSetList(selection.selectionSet, fragments, prefix));
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment) out.push(...selectionSetList(fragment.selectionSet, fragments, prefix));
    }
  }
  return [...new Set(out)];
}

/** `ctx.info.selectionSetGraphQL`: the selection set printed as GraphQL, fragments kept as spreads. */
export function selectionSetGraphQL(field: FieldNode): string {
  return field.selectionSet ? print(field.selectionSet) : '';
}
