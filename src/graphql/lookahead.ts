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
 * The field nodes the operation selects at the field path below the current field (through
 * fragments and inline fragments), e.g. ['nodes', 'groups'] under `users`.
 */
function selected(info: GraphQLResolveInfo, path: string[]): FieldNode[] {
  const out: FieldNode[] = [];
  for (const f of info.fieldNodes) walkSelected(info, path, f.selectionSet, 0, out);
  return out;
}

/** selected's walk, a module function rather than a closure per call (see outcomeOf in core/services/mapping-engine.ts). */
function walkSelected(info: GraphQLResolveInfo, path: string[], set: SelectionSetNode | undefined, depth: number, out: FieldNode[]): void {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value !== path[depth] || excluded(sel, info)) continue;
      if (depth === path.length - 1) out.push(sel);
      else walkSelected(info, path, sel.selectionSet, depth + 1, out);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      walkSelected(info, path, sel.selectionSet, depth, out);
    } else {
      const frag = info.fragments[sel.name.value];
      if (frag) walkSelected(info, path, frag.selectionSet, depth, out);
    }
  }
}

/**
 * Whether the operation selects the field path below the current field (through fragments and
 * inline fragments), e.g. ['nodes', 'groups'] under `users`. Lets a resolver read related data in
 * the same query instead of one more query per page.
 */
export function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  return selected(info, path).length > 0;
}

/**
 * The largest page (`first`) any selection of `field` on a connection's nodes asks for: its literal
 * or variable value, `defaultPage` where it is not given, `maxPage` where it cannot be read (null);
 * undefined when no selection asks for the field. What a read made for all of them must hold.
 */
export function largestPageOnNodes(info: GraphQLResolveInfo, field: string, defaultPage: number, maxPage: number): number | undefined {
  const fields = onNodes(info, field);
  if (fields.length === 0) return undefined;
  const pageOf = (f: FieldNode): number => {
    const arg = f.arguments?.find((a) => a.name.value === 'first');
    if (!arg) return defaultPage;
    const v = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? info.variableValues[arg.value.name.value] : null;
    if (v === undefined) return defaultPage;
    // out of range: the field refuses it (pagination.first.invalid)
    return typeof v === 'number' && Number.isInteger(v) ? Math.min(Math.max(v, 0), maxPage) : maxPage;
  };
  return Math.max(...fields.map(pageOf));
}

/** Whether a connection's nodes (`nodes { field }` or `edges { node { field } }`) select `field`. */
export function selectsOnNodes(info: GraphQLResolveInfo, field: string): boolean {
  return onNodes(info, field).length > 0;
}

/** The selections of `field` on a connection's nodes, `nodes { field }` or `edges { node { field } }`. */
function onNodes(info: GraphQLResolveInfo, field: string): FieldNode[] {
  return [...selected(info, ['nodes', field]), ...selected(info, ['edges', 'node', field])];
}
