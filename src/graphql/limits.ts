import { GraphQLError, Kind, valueFromASTUntyped, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  /** Upper bound on the number of objects an operation may ask for (list fields multiply by their page size). */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 250_000 };

/** Fields returning pages, and their default page size when `first` is not given. */
const PAGED: Record<string, number> = { users: 50, groups: 50, members: 50, memberships: 100, events: 50, organizations: 100, credentials: 100 };
const MAX_PAGE = 1000;

/**
 * Introspection (`__schema`, `__type`) is measured by its own rules. The standard introspection
 * query of graphql-js (GraphiQL, Apollo Sandbox, codegen, IDEs) nests 15 levels (`ofType` chains),
 * which the operation depth limit would refuse, so an introspection subtree may nest
 * INTROSPECTION_MAX_DEPTH levels and does not count toward the operation's depth. What it returns is
 * bounded by the schema's size except where its lists nest inside each other: `types { fields { args } }`
 * (the standard query) is three, a few thousand objects here, while each further level (`types { fields
 * { type { fields { type { fields … } } } } }`) multiplies by the number of fields. So at most
 * INTROSPECTION_MAX_LISTS lists may nest.
 */
export const INTROSPECTION_MAX_DEPTH = 20;
export const INTROSPECTION_MAX_LISTS = 3;
const INTROSPECTION_LISTS = new Set(['types', 'fields', 'inputFields', 'args', 'enumValues', 'interfaces', 'possibleTypes', 'directives']);
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** A variable's value: the request's, else its definition's default (undefined when neither). */
type VariableValue = (name: string) => unknown;

function pageSizeOf(field: FieldNode, variable: VariableValue, introspection: boolean): number {
  if (introspection) return 1; // bounded by INTROSPECTION_MAX_LISTS instead
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (arg?.value.kind === Kind.INT) return Math.max(Number(arg.value.value), 1);
  if (arg?.value.kind === Kind.VARIABLE) {
    const v = variable(arg.value.name.value);
    // not a 32-bit integer: no page at all (input coercion refuses it as BAD_USER_INPUT)
    if (typeof v === 'number' && !(Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1)) return 1;
    if (typeof v === 'number') return Math.max(v, 1);
    // omitted without a default, or null: the field's own default page, as when `first` is not given
    if (v === undefined || v === null) return PAGED[field.name.value] ?? 1;
    return MAX_PAGE;
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
  let defaults = new Map<string, unknown>();
  const variable: VariableValue = (name) => (Object.hasOwn(vars, name) ? vars[name] : defaults.get(name));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  // each fragment is measured once (its depth counts from where it is spread): re-walking it at every spread
  // made a 1 KB document of fragments that each spread the previous one twice take a minute
  /** `lists`: how many introspection lists nest below (see INTROSPECTION_MAX_LISTS) */
  type Measure = { depth: number; cost: number; counts: number; lists: number };
  const fragmentMeasures = new Map<string, Measure>();
  const measureFragment = (name: string, seen: Set<string>, introspection: boolean): Measure | undefined => {
    const key = `${introspection}:${name}`;
    const known = fragmentMeasures.get(key);
    if (known) return known;
    const def = fragments.get(name);
    if (!def || seen.has(name)) return undefined;
    const m = measure(def.selectionSet, new Set([...seen, name]), introspection);
    fragmentMeasures.set(key, m);
    return m;
  };
  const tooComplex = (message: string) => new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
  /**
   * A selection's depth (levels of nested selections below it) and cost: `cost` is per object of
   * the selection (a page multiplies it by its size); `counts` is what its `totalCount` fields
   * cost, once per page, not per object.
   */
  const measure = (set: SelectionSetNode, seen: Set<string>, introspection: boolean): Measure => {
    let depth = 0;
    let cost = 0;
    let counts = 0;
    let lists = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        // counting reads every match, whatever the page: as costly as the largest page
        if (!introspection && sel.name.value === 'totalCount') counts += MAX_PAGE;
        if (!sel.selectionSet) continue;
        const root = !introspection && INTROSPECTION_ROOTS.has(sel.name.value);
        const inner = measure(sel.selectionSet, seen, introspection || root);
        if (root) {
          if (1 + inner.depth > INTROSPECTION_MAX_DEPTH) throw tooComplex(`the introspection under ${sel.name.value} nests ${1 + inner.depth} levels deep; the limit is ${INTROSPECTION_MAX_DEPTH}`);
          if (inner.lists > INTROSPECTION_MAX_LISTS) throw tooComplex(`the introspection under ${sel.name.value} nests ${inner.lists} lists (such as types { fields { … } }); the limit is ${INTROSPECTION_MAX_LISTS}`);
        } else depth = Math.max(depth, 1 + inner.depth);
        if (introspection) lists = Math.max(lists, inner.lists + (INTROSPECTION_LISTS.has(sel.name.value) ? 1 : 0));
        // a page is read in full even when none of its objects is selected (only its totalCount)
        cost += 1 + pageSizeOf(sel, variable, introspection) * Math.max(inner.cost, 1) + inner.counts;
      } else {
        const m = sel.kind === Kind.INLINE_FRAGMENT ? measure(sel.selectionSet, seen, introspection) : measureFragment(sel.name.value, seen, introspection);
        if (!m) continue;
        depth = Math.max(depth, m.depth);
        cost += m.cost;
        counts += m.counts;
        lists = Math.max(lists, m.lists);
      }
      if (cost > limits.maxCost * 1000) break; // far past the limit already: no need to add up the rest
    }
    return { depth, cost, counts, lists };
  };

  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && d.name?.value !== operationName) continue;
    defaults = new Map((d.variableDefinitions ?? []).filter((v) => v.defaultValue).map((v) => [v.variable.name.value, valueFromASTUntyped(v.defaultValue!)]));
    fragmentMeasures.clear(); // what a fragment costs depends on the operation's variable defaults
    const m = measure(d.selectionSet, new Set(), false);
    const depth = 1 + m.depth;
    const cost = m.cost + m.counts;
    if (depth > limits.maxDepth) throw tooComplex(`the operation nests ${depth} levels deep; the limit is ${limits.maxDepth}`);
    if (cost > limits.maxCost) throw tooComplex(`the operation could return about ${cost} objects; the limit is ${limits.maxCost}. Ask for smaller pages.`);
  }
}
