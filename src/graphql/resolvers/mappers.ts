import type { Page } from '../../core/queries/users-query.js';
import type { UserFields } from '../../core/services/user-fields.js';
import type { CustomAttributeCondition, UserFilter as CoreUserFilter } from '../../core/queries/user-filter.js';
import type { CustomAttributeFilter, UserAttributesInput, UserFilter } from '../types/user.js';

const NAME_PARTS = {
  formatted: 'formattedName',
  familyName: 'familyName',
  givenName: 'givenName',
  middleName: 'middleName',
  honorificPrefix: 'honorificPrefix',
  honorificSuffix: 'honorificSuffix',
} as const;

/** GraphQL user input → the core's flat UserFields, keeping "omitted" (undefined) apart from "cleared" (null). */
export function toUserFields(input: UserAttributesInput & { userName?: string | null }): UserFields {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || k === 'name') continue;
    // non-clearable fields: null means "leave as is"
    if (v === null && (k === 'active' || k === 'role')) continue;
    out[k] = v;
  }
  if (input.name === null) {
    for (const f of Object.values(NAME_PARTS)) out[f] = null;
  } else if (input.name) {
    for (const [k, f] of Object.entries(NAME_PARTS)) {
      const v = (input.name as Record<string, unknown>)[k];
      if (v !== undefined) out[f] = v;
    }
  }
  return out as UserFields;
}

/** GraphQL filter → core filter (the shapes match except custom attribute typed equality). */
export function toUserFilter(f: UserFilter | null | undefined): CoreUserFilter | null {
  if (!f) return null;
  const out: CoreUserFilter = { ...(f as unknown as CoreUserFilter) };
  if (f.and) out.and = f.and.map((x) => toUserFilter(x)!);
  if (f.or) out.or = f.or.map((x) => toUserFilter(x)!);
  if (f.not) out.not = toUserFilter(f.not);
  if (f.customAttributes) out.customAttributes = f.customAttributes.map(toCustomCondition);
  return out;
}

function toCustomCondition(c: CustomAttributeFilter): CustomAttributeCondition {
  const { equalsBoolean, equalsNumber, ...rest } = c;
  return { ...rest, equals: equalsBoolean ?? equalsNumber ?? null };
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  countTotal: () => Promise<number>;
}

export function toConnection<T>(page: Page<T>, hasPrevious: boolean): ConnectionShape<T> {
  const last = page.nodes.length - 1;
  return {
    // built when the query asks for edges: a page read as nodes encodes no cursor
    get edges() {
      return page.nodes.map((node, i) => ({ cursor: page.cursor(i), node }));
    },
    nodes: page.nodes,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: hasPrevious,
      startCursor: last >= 0 ? page.cursor(0) : null,
      endCursor: last >= 0 ? page.cursor(last) : null,
    },
    countTotal: page.totalCount,
  };
}
