import { GraphQLError, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  /** Upper bound on the number of objects an operation may ask for (list fields multiply by their page size). */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 250_000 };

/** Fields returning pages, and their default page size when `first` is not given. */
const PAGED: Record<string, number> = { users: 50, groups: 50, members: 50, memberships: 100, events: 50, organizations: 100, credentials: 100 };
const MAX_PAGE = 1000;

function pageSizeOf(field: FieldNode, variables: Record<string, unknown>): number {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (arg?.value.kind === Kind.INT) return Math.max(Number(arg.value.value), 1);
  if (arg?.value.kind === Kind.VARIABLE) {
    const v = variables[arg.value.name.value];
    // not a 32-bit integer: no page at all (input coercion refuses it as BAD_USER_INPUT)
    if (typeof v === 'number' && !(Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1)) return 1;
    return typeof v === 'number' ? Math.max(v, 1) : MAX_PAGE;
  }
  return PAGED[field.name.value] ?? 1;
}

/**
 * Throws QUERY_TOO_COMPLEX when the operation nests deeper than `maxDepth` or its worst-case size
 * (each list field multiplying its selection by the page size it asks for) exceeds `maxCost`.
 * Runs after validation, with the request's variables, before anything executes.
 */
export function checkQueryLimits(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, limits = DEFAULT_LIMITS): void {
  const vars = variables ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  // each fragment is measured once (its depth counts from where it is spread): re-walking it at every spread
  // made a 1 KB document of fragments that each spread the previous one twice take a minute
  type Measure = { depth: number; cost: number; counts: number };
  const fragmentMeasures = new Map<string, Measure>();
  const measureFragment = (name: string, seen: Set<string>): Measure | undefined => {
    const known = fragmentMeasures.get(name);
    if (known) return known;
    const def = fragments.get(name);
    if (!def || seen.has(name)) return undefined;
    const m = measure(def.selectionSet, new Set([...seen, name]));
    fragmentMeasures.set(name, m);
    return m;
  };
  /**
   * A selection's depth (levels of nested selections below it) and cost: `cost` is per object of
   * the selection (a page multiplies it by its size); `counts` is what its `totalCount` fields
   * cost, once per page, not per object.
   */
  const measure = (set: SelectionSetNode, seen: Set<string>): Measure => {
    let depth = 0;
    let cost = 0;
    let counts = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        // counting reads every match, whatever the page: as costly as the largest page
        if (sel.name.value === 'totalCount') counts += MAX_PAGE;
        if (!sel.selectionSet) continue;
        const inner = measure(sel.selectionSet, seen);
        depth = Math.max(depth, 1 + inner.depth);
        // a page is read in full even when none of its objects is selected (only its totalCount)
        cost += 1 + pageSizeOf(sel, vars) * Math.max(inner.cost, 1) + inner.counts;
      } else {
        const m = sel.kind === Kind.INLINE_FRAGMENT ? measure(sel.selectionSet, seen) : measureFragment(sel.name.value, seen);
        if (!m) continue;
        depth = Math.max(depth, m.depth);
        cost += m.cost;
        counts += m.counts;
      }
      if (cost > limits.maxCost * 1000) break; // far past the limit already: no need to add up the rest
    }
    return { depth, cost, counts };
  };

  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && d.name?.value !== operationName) continue;
    const m = measure(d.selectionSet, new Set());
    const depth = 1 + m.depth;
    const cost = m.cost + m.counts;
    if (depth > limits.maxDepth) {
      throw new GraphQLError(`the operation nests ${depth} levels deep; the limit is ${limits.maxDepth}`, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
    }
    if (cost > limits.maxCost) {
      throw new GraphQLError(`the operation could return about ${cost} objects; the limit is ${limits.maxCost}. Ask for smaller pages.`, {
        extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
      });
    }
  }
}
