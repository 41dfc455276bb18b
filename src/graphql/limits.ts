import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * What one GraphQL operation may ask for (docs: README, "Limits of the GraphQL API"). Every field a
 * document selects counts, aliases and introspection included, so a request's work is bounded before
 * it runs; what still runs long is stopped by the time budget (see operation-budget.ts).
 */
export interface QueryLimits {
  maxDepth: number;
  /**
   * Upper bound on an operation's cost: every value it could return counts 1 (a page multiplies its
   * selection by its size), a field that reads the database counts RESOLVER_COST, and a few fields
   * count what they really do (FIELD_COSTS). About 2.5 µs of server CPU per unit.
   */
  maxCost: number;
  /** Fields at the root of an operation (aliases of one field count each). */
  maxRootFields: number;
  /** Field selections of the whole operation, fragments expanded (each page counted once). */
  maxFields: number;
  /**
   * The cost of the operation's introspection (`__schema`, `__type`) together. graphql-js answers it
   * without a pause (its resolvers are synchronous), so it is bounded tighter: a little more than
   * the standard introspection query with every option (~28,000).
   */
  maxIntrospectionCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 100_000, maxRootFields: 50, maxFields: 2_000, maxIntrospectionCost: 35_000 };

/**
 * Tokens a GraphQL document may have (graphql-js's parser stops there): the standard introspection
 * query has ~1,000; values belong in variables. Parsing 20,000 tokens takes ~15 ms.
 */
export const MAX_TOKENS = 20_000;
/**
 * Fields a document may write (as written: a fragment counts once), checked after parsing and
 * BEFORE validation: graphql-js validates ~4 µs per field, so 3,000 aliases of a small selection
 * cost ~160 ms of validation before any limit could refuse them, and a new document each time
 * escapes every cache. The standard introspection query writes ~100.
 */
export const MAX_DOCUMENT_FIELDS = 2_000;
/**
 * How deeply braces, brackets and parentheses may nest in a document's source. graphql-js's parser
 * and validation recurse once per level and overflow the stack past a few thousand ("Maximum call
 * stack size exceeded"), so the source is scanned for this before it is parsed.
 */
export const MAX_SOURCE_NESTING = 128;

/** A field served by a resolver of ours (a database read, at least batched): more than a property read. */
const RESOLVER_COST = 10;
/** Fields whose work grows with the organization, or that do much more than read a row. */
const FIELD_COSTS: Record<string, number> = {
  'Query.userStats': 25_000, // counts every user of the organization, by source and role
  'Query.samlConnection': 2_000, // parses and fingerprints every certificate (~4 ms measured)
  'Query.previewProvisioning': 5_000, // runs a provisioning or sign-in in a rolled-back transaction
  'Organization.status': 10_000, // counts the organization's active users and today's sessions
};
/** `totalCount` reads every match, whatever the page: as costly as the largest page. */
const TOTAL_COUNT_COST = 1_000;
const MAX_PAGE = 1000;
/** A list without a page argument (emails, rules, certificates: each bounded by its input, most at 50): its expected size. */
const SMALL_LIST = 10;

/**
 * Introspection (`__schema`, `__type`) is measured by its own rules. The standard introspection
 * query of graphql-js (GraphiQL, Apollo Sandbox, codegen, IDEs) nests 15 levels (`ofType` chains),
 * which the operation depth limit would refuse, so an introspection subtree may nest
 * INTROSPECTION_MAX_DEPTH levels and does not count toward the operation's depth. Its lists are
 * costed at their average size in this schema (`types` = the number of types, `fields` = fields per
 * type, `args` = arguments per field, …), so its cost is about the number of values it returns. Each
 * further level of lists (`types { fields { type { fields … } } }`) multiplies by the number of
 * fields, so at most INTROSPECTION_MAX_LISTS lists may nest.
 */
export const INTROSPECTION_MAX_DEPTH = 20;
export const INTROSPECTION_MAX_LISTS = 3;
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

const tooComplex = (message: string, reason: string) => new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', reason, http: { status: 400 } } });

/**
 * Refuses a document whose braces, brackets or parentheses nest deeper than MAX_SOURCE_NESTING, in
 * one pass over its characters (strings, block strings and comments skipped), before anything parses
 * it: QUERY_TOO_COMPLEX instead of the parser's stack overflow.
 */
export function checkSourceNesting(source: string): void {
  let depth = 0;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */ || c === 40 /* ( */) {
      if (++depth > MAX_SOURCE_NESTING)
        throw tooComplex(`the document nests braces, brackets or parentheses more than ${MAX_SOURCE_NESTING} levels deep`, 'query.nesting');
    } else if (c === 125 || c === 93 || c === 41) {
      if (depth > 0) depth--;
    } else if (c === 35 /* # */) {
      while (i < n && source.charCodeAt(i) !== 10 && source.charCodeAt(i) !== 13) i++;
    } else if (c === 34 /* " */) {
      if (source.startsWith('"""', i)) {
        i += 3;
        while (i < n && !(source.charCodeAt(i) === 34 && source.startsWith('"""', i)))
          i += source.charCodeAt(i) === 92 && source.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < n && source.charCodeAt(i) !== 34 && source.charCodeAt(i) !== 10) i += source.charCodeAt(i) === 92 ? 2 : 1;
      }
    }
  }
}

/** The parser's refusal of a document over MAX_TOKENS, as the limit it is (QUERY_TOO_COMPLEX query.tokens), or null for any other parse error. */
export function tokenLimitError(err: unknown): GraphQLError | null {
  if (!(err instanceof GraphQLError) || !/contains more tha[nt] \d+ tokens/.test(err.message)) return null;
  return tooComplex(`the document has more than ${MAX_TOKENS} tokens; the limit is ${MAX_TOKENS} (pass values as variables)`, 'query.tokens');
}

/** Refuses a parsed document that writes more than MAX_DOCUMENT_FIELDS fields (QUERY_TOO_COMPLEX query.fields), before it is validated. */
export function checkDocumentSize(document: DocumentNode): void {
  let fields = 0;
  visit(document, {
    Field() {
      if (++fields > MAX_DOCUMENT_FIELDS)
        throw tooComplex(`the document writes more than ${MAX_DOCUMENT_FIELDS} fields; the limit is ${MAX_DOCUMENT_FIELDS}`, 'query.fields');
    },
  });
}

/** Average sizes of the introspection lists in a schema (see INTROSPECTION_MAX_DEPTH). */
function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  const types = Object.values(schema.getTypeMap());
  let fields = 0;
  let args = 0;
  let inputFields = 0;
  let enumValues = 0;
  let interfaces = 0;
  let possibleTypes = 0;
  for (const t of types) {
    if (isObjectType(t) || isInterfaceType(t)) {
      const fs = Object.values(t.getFields());
      fields += fs.length;
      for (const f of fs) args += f.args.length;
      interfaces += t.getInterfaces().length;
    }
    if (isAbstractType(t)) possibleTypes += schema.getPossibleTypes(t).length;
    if (isInputObjectType(t)) inputFields += Object.keys(t.getFields()).length;
    if (isEnumType(t)) enumValues += t.getValues().length;
  }
  const directives = schema.getDirectives();
  for (const d of directives) args += d.args.length;
  const T = Math.max(types.length, 1);
  return {
    types: T,
    fields: fields / T,
    inputFields: inputFields / T,
    enumValues: enumValues / T,
    interfaces: interfaces / T,
    possibleTypes: possibleTypes / T,
    args: args / Math.max(fields + directives.length, 1),
    directives: directives.length,
    locations: 5,
  };
}
const sizesOf = new WeakMap<GraphQLSchema, Record<string, number>>();

/** A variable's value: the request's, else its definition's default (undefined when neither). */
type VariableValue = (name: string) => unknown;

/** The page a field asks for with `first`: the argument, else its default in the schema. */
function pageSizeOf(field: FieldNode, def: GraphQLField<unknown, unknown>, variable: VariableValue): number | undefined {
  const argDef = def.args.find((a) => a.name === 'first');
  if (!argDef) return undefined;
  const fallback = typeof argDef.defaultValue === 'number' ? argDef.defaultValue : MAX_PAGE;
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return fallback;
  // a page larger than MAX_PAGE (or negative) is refused by the field itself (BAD_USER_INPUT
  // pagination.first.invalid), which says more than a cost refusal would
  const page = (n: number) => Math.min(Math.max(n, 1), MAX_PAGE);
  if (arg.value.kind === Kind.INT) return page(Number(arg.value.value));
  if (arg.value.kind === Kind.VARIABLE) {
    const v = variable(arg.value.name.value);
    // not a 32-bit integer: no page at all (input coercion refuses it as BAD_USER_INPUT)
    if (typeof v === 'number' && !(Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1)) return 1;
    if (typeof v === 'number') return page(v);
    // omitted without a default, or null: the field's own default page, as when `first` is not given
    if (v === undefined || v === null) return fallback;
  }
  return MAX_PAGE;
}

/**
 * Throws QUERY_TOO_COMPLEX (HTTP 400) when the operation nests deeper than `maxDepth`, selects more
 * than `maxRootFields` root fields or `maxFields` fields, or its worst-case cost exceeds `maxCost`
 * (see QueryLimits). Runs after validation, with the request's variables, before anything executes.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  limits = DEFAULT_LIMITS,
): void {
  const vars = variables ?? {};
  let sizes = sizesOf.get(schema);
  if (!sizes) sizesOf.set(schema, (sizes = introspectionSizes(schema)));
  const introspectionSize = sizes;
  let defaults = new Map<string, unknown>();
  const variable: VariableValue = (name) => (Object.hasOwn(vars, name) ? vars[name] : defaults.get(name));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  /**
   * `depth`: levels of nested selections below; `cost`: per object of the selection (a page
   * multiplies it by its size); `fields`: field selections, each page's counted once; `lists`: how
   * many introspection lists nest below (INTROSPECTION_MAX_LISTS); `roots`: fields at this level.
   */
  type Measure = { depth: number; cost: number; fields: number; lists: number; roots: number; introspection: number };
  // each fragment is measured once per context (a fragment spread twice in one selection runs once, as
  // graphql-js collects fields; re-walking it at every spread made a 1 KB document of fragments that
  // each spread the previous one twice take a minute)
  const fragmentMeasures = new Map<string, Measure>();
  type Scope = { parent: GraphQLNamedType; page: number | undefined; introspection: boolean };
  const measureFragment = (name: string, seen: Set<string>, scope: Scope): Measure | undefined => {
    const def = fragments.get(name);
    if (!def || seen.has(name)) return undefined;
    const parent = schema.getType(def.typeCondition.name.value) ?? scope.parent;
    const key = `${name}:${scope.page}:${scope.introspection}:${parent.name}`;
    const known = fragmentMeasures.get(key);
    if (known) return known;
    const m = measure(def.selectionSet, new Set([...seen, name]), { ...scope, parent });
    fragmentMeasures.set(key, m);
    return m;
  };
  const fieldDef = (parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (name === '__typename') return TypeNameMetaFieldDef;
    if (parent === schema.getQueryType()) {
      if (name === '__schema') return SchemaMetaFieldDef;
      if (name === '__type') return TypeMetaFieldDef;
    }
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  };

  const measure = (set: SelectionSetNode, seen: Set<string>, scope: Scope): Measure => {
    const out: Measure = { depth: 0, cost: 0, fields: 0, lists: 0, roots: 0, introspection: 0 };
    const spread = new Set<string>();
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        out.roots++;
        out.fields++;
        const def = fieldDef(scope.parent, sel.name.value);
        if (!def) {
          out.cost += 1; // validation refused anything unknown; nothing to add
          continue;
        }
        const name = sel.name.value;
        const introspection = scope.introspection || INTROSPECTION_ROOTS.has(name);
        const own = introspection
          ? 1
          : name === 'totalCount'
            ? TOTAL_COUNT_COST
            : (FIELD_COSTS[`${scope.parent.name}.${name}`] ?? (def.resolve ? RESOLVER_COST : 1));
        if (!sel.selectionSet) {
          out.cost += own * (isListType(getNullableType(def.type)) ? SMALL_LIST : 1);
          continue;
        }
        const list = isListType(getNullableType(def.type));
        const page = introspection ? undefined : pageSizeOf(sel, def, variable);
        const type = getNamedType(def.type);
        // a page argument on a connection (not itself a list) sizes the lists inside it (nodes, edges)
        const inner = measure(sel.selectionSet, seen, { parent: type, page: list ? undefined : page, introspection });
        out.fields += inner.fields;
        if (introspection && !scope.introspection) {
          if (1 + inner.depth > INTROSPECTION_MAX_DEPTH)
            throw tooComplex(`the introspection under ${name} nests ${1 + inner.depth} levels deep; the limit is ${INTROSPECTION_MAX_DEPTH}`, 'query.depth');
          if (inner.lists > INTROSPECTION_MAX_LISTS)
            throw tooComplex(
              `the introspection under ${name} nests ${inner.lists} lists (such as types { fields { … } }); the limit is ${INTROSPECTION_MAX_LISTS}`,
              'query.depth',
            );
        } else if (!introspection) out.depth = Math.max(out.depth, 1 + inner.depth);
        if (introspection) {
          out.lists = Math.max(out.lists, inner.lists + (list ? 1 : 0));
          if (scope.introspection) out.depth = Math.max(out.depth, 1 + inner.depth);
        }
        const size = !list ? 1 : introspection ? (introspectionSize[name] ?? SMALL_LIST) : (page ?? scope.page ?? SMALL_LIST);
        const cost = own + size * Math.max(inner.cost, 1);
        out.cost += cost;
        if (introspection && !scope.introspection) out.introspection += cost;
        else out.introspection += size * inner.introspection;
      } else {
        if (sel.kind === Kind.FRAGMENT_SPREAD) {
          if (spread.has(sel.name.value)) continue; // collected once, as graphql-js does
          spread.add(sel.name.value);
        }
        const m =
          sel.kind === Kind.INLINE_FRAGMENT
            ? measure(sel.selectionSet, seen, { ...scope, parent: (sel.typeCondition && schema.getType(sel.typeCondition.name.value)) || scope.parent })
            : measureFragment(sel.name.value, seen, scope);
        if (!m) continue;
        out.depth = Math.max(out.depth, m.depth);
        out.cost += m.cost;
        out.fields += m.fields;
        out.roots += m.roots;
        out.introspection += m.introspection;
        out.lists = Math.max(out.lists, m.lists);
      }
      if (out.cost > limits.maxCost * 1000 && out.fields > limits.maxFields) break; // far past the limits already
    }
    return out;
  };

  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && d.name?.value !== operationName) continue;
    const root = d.operation === 'query' ? schema.getQueryType() : d.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) continue;
    defaults = new Map((d.variableDefinitions ?? []).filter((v) => v.defaultValue).map((v) => [v.variable.name.value, valueFromASTUntyped(v.defaultValue!)]));
    fragmentMeasures.clear(); // what a fragment costs depends on the operation's variable defaults
    const m = measure(d.selectionSet, new Set(), { parent: root, page: undefined, introspection: false });
    const depth = 1 + m.depth;
    if (m.roots > limits.maxRootFields)
      throw tooComplex(`the operation selects ${m.roots} root fields (aliases count each); the limit is ${limits.maxRootFields}`, 'query.rootFields');
    if (m.fields > limits.maxFields)
      throw tooComplex(`the operation selects ${m.fields} fields (aliases and fragments expanded); the limit is ${limits.maxFields}`, 'query.fields');
    if (m.introspection > limits.maxIntrospectionCost)
      throw tooComplex(
        `the operation's introspection could cost about ${Math.round(m.introspection)} units; the limit is ${limits.maxIntrospectionCost} (the standard introspection query costs about 28,000)`,
        'query.cost',
      );
    if (depth > limits.maxDepth) throw tooComplex(`the operation nests ${depth} levels deep; the limit is ${limits.maxDepth}`, 'query.depth');
    if (m.cost > limits.maxCost)
      throw tooComplex(
        `the operation could cost about ${Math.round(m.cost)} units (each value 1, each page multiplied by its size); the limit is ${limits.maxCost}. Ask for smaller pages or fewer fields.`,
        'query.cost',
      );
  }
}
