import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** A field switched off by @include(if: false) or @skip(if: true), literal or variable. */
function excluded(field: FieldNode, info: GraphQLResolveInfo): boolean {
  for (const d of field.directives ?? []) {
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const v =
      arg.value.kind === Kind.BOOLEAN ? arg.value.value : arg.value.kind === Kind.VARIABLE ? info.variableValues[arg.value.name.value] === true : undefined;
    if (d.name.value === 'include' && v === false) return true;
    if (d.name.value === 'skip' && v === true) return true;
  }
  return false;
}

/**
 * Whether the operation selects the field path below the current field (through fragments and
 * inline fragments), e.g. ['nodes', 'groups'] under `users`. Lets a resolver read related data in
 * the same query instead of one more query per page.
 */
export function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  const walk = (set: SelectionSetNode | undefined, depth: number): boolean => {
    if (!set) return false;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== path[depth] || excluded(sel, info)) continue;
        if (depth === path.length - 1) return true;
        if (walk(sel.selectionSet, depth + 1)) return true;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (walk(sel.selectionSet, depth)) return true;
      } else {
        const frag = info.fragments[sel.name.value];
        if (frag && walk(frag.selectionSet, depth)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((f: FieldNode) => walk(f.selectionSet, 0));
}

/** Whether a connection's nodes (`nodes { field }` or `edges { node { field } }`) select `field`. */
export function selectsOnNodes(info: GraphQLResolveInfo, field: string): boolean {
  return selects(info, ['nodes', field]) || selects(info, ['edges', 'node', field]);
}
