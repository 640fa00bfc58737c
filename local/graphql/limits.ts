import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * AppSync's query limits (API settings `queryDepthLimit`, 1–75, and `resolverCountLimit`, 1–10,000).
 * The depth of an operation is the deepest chain of nested fields, fragments expanded; the wording of
 * AppSync's error is not documented (reference appsync-runtime.md §9 lists it nowhere), so the message
 * names the limit and the depth found, with errorType `QueryDepthLimitExceeded`.
 */
export function selectionDepth(
  selectionSet: SelectionSetNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: ReadonlySet<string> = new Set(),
): number {
  let deepest = 0;
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments.get(selection.name.value);
      deepest = Math.max(deepest, selectionDepth(fragment?.selectionSet, fragments, new Set([...seen, selection.name.value])));
    }
  }
  return deepest;
}

/** A graphql-js validation rule refusing operations deeper than `limit`. */
export function depthLimitRule(limit: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const depth = selectionDepth(operation.selectionSet, fragments);
        if (depth > limit) {
          context.reportError(
            new GraphQLError(`Query depth limit of ${limit} exceeded: the operation is ${depth} levels deep`, {
              nodes: [operation],
              extensions: { errorType: 'QueryDepthLimitExceeded' },
            }),
          );
        }
      },
    };
  };
}
