import { PROVISIONING_SOURCES, USER_ROLES, type ProvisioningSource, type UserRole } from '../entities/user.js';
import { normalizeIsoDateTime } from '../../shared/datetime.js';
import { badInput } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { foldKey, HISTORY_MARK } from '../keys.js';
import {
  and,
  boundedIn,
  boundedValues,
  dateConditions,
  likeEscape,
  not,
  or,
  Sql,
  sqlOf,
  stringConditions,
  type DateCondition,
  type StringCondition,
} from './sql-builder.js';

export interface MultiValueCondition {
  value?: StringCondition | null;
  type?: StringCondition | null;
  primary?: boolean | null;
  display?: StringCondition | null;
}

export interface AddressCondition {
  type?: StringCondition | null;
  primary?: boolean | null;
  formatted?: StringCondition | null;
  streetAddress?: StringCondition | null;
  locality?: StringCondition | null;
  region?: StringCondition | null;
  postalCode?: StringCondition | null;
  country?: StringCondition | null;
}

/** A custom attribute's value: text, or (INTEGER, BOOLEAN) a number or boolean. */
type CustomValue = string | number | boolean;

export interface CustomAttributeCondition extends Omit<StringCondition, 'eq' | 'ne' | 'in'> {
  name: string;
  /** Exact equality (JSON containment, answered by the GIN index); typed by typedCondition for INTEGER and BOOLEAN attributes. */
  eq?: CustomValue | null;
  ne?: CustomValue | null;
  in?: CustomValue[] | null;
  /** contains / startsWith / endsWith compare case-sensitively, as eq does (SCIM: the attributes are caseExact). */
  caseSensitive?: boolean | null;
  /** Exact equality to a number or boolean (string values use `eq`). */
  equals?: string | number | boolean | null;
  gtNumber?: number | null;
  ltNumber?: number | null;
  /** Set by typedCondition from gt/ge/lt/le on INTEGER attributes. */
  numberOps?: Array<['>' | '>=' | '<' | '<=', number]>;
}

/** Composable user filter; every condition set on one object must hold (and). */
export interface UserFilter {
  and?: UserFilter[] | null;
  or?: UserFilter[] | null;
  not?: UserFilter | null;
  id?: { eq?: string | null; in?: string[] | null } | null;
  userName?: StringCondition | null;
  externalId?: StringCondition | null;
  /** Any of the user's email addresses. */
  email?: StringCondition | null;
  /** One email element satisfying every condition (SCIM `emails[type eq "work" and value co "x"]`). */
  emails?: MultiValueCondition | null;
  phoneNumbers?: MultiValueCondition | null;
  addresses?: AddressCondition | null;
  active?: boolean | null;
  /** true: only the history copies NEW_USER reactivation keeps; false: none of them. */
  historyCopy?: boolean | null;
  givenName?: StringCondition | null;
  familyName?: StringCondition | null;
  middleName?: StringCondition | null;
  honorificPrefix?: StringCondition | null;
  honorificSuffix?: StringCondition | null;
  formattedName?: StringCondition | null;
  displayName?: StringCondition | null;
  nickName?: StringCondition | null;
  profileUrl?: StringCondition | null;
  title?: StringCondition | null;
  userType?: StringCondition | null;
  locale?: StringCondition | null;
  preferredLanguage?: StringCondition | null;
  timezone?: StringCondition | null;
  employeeNumber?: StringCondition | null;
  costCenter?: StringCondition | null;
  organizationName?: StringCondition | null;
  division?: StringCondition | null;
  department?: StringCondition | null;
  role?: { eq?: UserRole | null; in?: UserRole[] | null } | null;
  provisionedBy?: { eq?: ProvisioningSource | null; in?: ProvisioningSource[] | null } | null;
  /** Member of this group. */
  groupId?: string | null;
  managerId?: { eq?: string | null; present?: boolean | null } | null;
  createdAt?: DateCondition | null;
  updatedAt?: DateCondition | null;
  deactivatedAt?: DateCondition | null;
  lastSignInAt?: DateCondition | null;
  customAttributes?: CustomAttributeCondition[] | null;
}

/** Case-insensitive text columns: compared as lower(column) against a folded operand. */
const TEXT_COLUMNS: Record<string, string> = {
  givenName: 'given_name',
  familyName: 'family_name',
  middleName: 'middle_name',
  honorificPrefix: 'honorific_prefix',
  honorificSuffix: 'honorific_suffix',
  formattedName: 'formatted_name',
  displayName: 'display_name',
  nickName: 'nick_name',
  profileUrl: 'profile_url',
  title: 'title',
  userType: 'user_type',
  locale: 'locale',
  preferredLanguage: 'preferred_language',
  timezone: 'timezone',
  employeeNumber: 'employee_number',
  costCenter: 'cost_center',
  organizationName: 'organization_name',
  division: 'division',
  department: 'department',
};

const identity = (s: string) => s;
const MAX_NODES = 200;
const MAX_DEPTH = 12;

function elementConditions(elem: string, c: Record<string, unknown>, field: string): Sql[] {
  const parts: Sql[] = [];
  for (const [k, v] of Object.entries(c)) {
    if (v == null) continue;
    if (k === 'primary') parts.push(sqlOf(`coalesce((${elem}->>'primary')::boolean, false) = ?`, v));
    else parts.push(...stringConditions(`lower(${elem}->>'${k}')`, v as StringCondition, foldKey, `${field}.${k}`));
  }
  return parts;
}

/** What a filter needs to know of a custom attribute definition. */
export interface CustomAttributeKind {
  name: string;
  type: 'STRING' | 'INTEGER' | 'BOOLEAN' | 'DATETIME';
}

/**
 * Checks a condition against the attribute's definition, so a mistake is an error instead of a
 * filter that silently matches nothing: an attribute the organization does not define, or a
 * comparison its type cannot answer. For INTEGER and BOOLEAN attributes the text operators take the
 * value written as text (`eq: "3"`, `gt: "2"`, `eq: "true"`) and compare it as a number or boolean.
 */
function typedCondition(c: CustomAttributeCondition, definitions: ReadonlyMap<string, CustomAttributeKind>): CustomAttributeCondition {
  const def = definitions.get(c.name);
  if (!def) {
    const other = [...definitions.keys()].find((n) => n.toLowerCase() === c.name.toLowerCase());
    throw badInput(
      'filter.customAttribute.unknown',
      `no custom attribute "${c.name}" is defined in this organization${other ? ` (did you mean "${other}"?)` : ''}`,
      { field: 'customAttributes' },
    );
  }
  const wrong = (what: string, use: string) =>
    badInput('filter.customAttribute.type', `"${def.name}" is a${def.type === 'INTEGER' ? 'n' : ''} ${def.type} attribute: ${what}; use ${use}`, {
      field: 'customAttributes',
    });
  const given = (k: keyof CustomAttributeCondition) => c[k] != null;
  if (def.type === 'STRING' || def.type === 'DATETIME') {
    if (given('equals') || given('gtNumber') || given('ltNumber'))
      throw wrong(
        'equalsNumber, equalsBoolean, gtNumber and ltNumber compare numbers and booleans',
        `eq, ne, in, contains, startsWith, endsWith, gt, ge, lt, le or present`,
      );
    if (def.type === 'STRING') return c;
    // DATETIME values are stored as canonical UTC text (shared/datetime.ts): eq, ne, in and the order
    // comparisons take any ISO-8601 form and compare that text, so they compare instants;
    // contains / startsWith / endsWith match the stored text as written (startsWith: "2024-05")
    const instant = (v: CustomValue) => {
      const iso = normalizeIsoDateTime(v);
      if (iso === undefined)
        throw wrong(`${JSON.stringify(v)} is not an ISO-8601 date-time`, 'a date-time such as "2024-05-01T12:00:00Z" (without an offset: UTC) or a date');
      return iso;
    };
    const out: CustomAttributeCondition = { ...c };
    for (const op of ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const) if (c[op] != null) out[op] = instant(c[op]);
    if (c.in != null) out.in = c.in.map(instant);
    return out;
  }
  const out: CustomAttributeCondition = { name: c.name, present: c.present, gtNumber: c.gtNumber, ltNumber: c.ltNumber, equals: c.equals };
  if (def.type === 'INTEGER') {
    if (given('equals') && typeof c.equals !== 'number') throw wrong('it holds numbers', 'equalsNumber');
    for (const op of ['contains', 'startsWith', 'endsWith'] as const)
      if (given(op)) throw wrong(`${op} compares text`, 'eq, ne, in, gt, ge, lt, le (numbers written as text), equalsNumber, gtNumber, ltNumber or present');
    const num = (v: CustomValue) => {
      if (typeof v === 'number') return v;
      if (typeof v !== 'string' || !/^\s*-?\d{1,15}\s*$/.test(v)) throw wrong(`"${v}" is not an integer`, 'an integer, such as "3"');
      return Number(v);
    };
    if (c.eq != null) out.eq = num(c.eq);
    if (c.ne != null) out.ne = num(c.ne);
    if (c.in != null) out.in = c.in.map(num);
    for (const [op, sym] of [
      ['gt', '>'],
      ['ge', '>='],
      ['lt', '<'],
      ['le', '<='],
    ] as const) {
      const v = c[op];
      if (v != null) out.numberOps = [...(out.numberOps ?? []), [sym, num(v)]];
    }
    return out;
  }
  // BOOLEAN
  if (given('equals') && typeof c.equals !== 'boolean') throw wrong('it holds true or false', 'equalsBoolean');
  if (given('gtNumber') || given('ltNumber')) throw wrong('it holds true or false', 'equalsBoolean');
  for (const op of ['contains', 'startsWith', 'endsWith', 'gt', 'ge', 'lt', 'le'] as const) {
    if (given(op)) throw wrong(`${op} does not compare booleans`, 'eq, ne or in with "true" or "false", equalsBoolean or present');
  }
  const bool = (v: CustomValue) => {
    if (typeof v === 'boolean') return v;
    const t = String(v).trim().toLowerCase();
    if (t !== 'true' && t !== 'false') throw wrong(`"${v}" is not true or false`, '"true" or "false"');
    return t === 'true';
  };
  if (c.eq != null) out.eq = bool(c.eq);
  if (c.ne != null) out.ne = bool(c.ne);
  if (c.in != null) out.in = c.in.map(bool);
  return out;
}

function customConditions(c: CustomAttributeCondition): Sql[] {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/.test(c.name ?? ''))
    throw badInput('filter.customAttribute.name.invalid', `"${c.name}" is not a custom attribute name`);
  const raw = `u.custom_attributes->'${c.name}'`;
  const parts: Sql[] = [];
  // scalar or array values alike: both containment forms are answered by the GIN index
  const contains = (v: unknown) =>
    sqlOf(`(u.custom_attributes @> ?::jsonb or u.custom_attributes @> ?::jsonb)`, JSON.stringify({ [c.name]: v }), JSON.stringify({ [c.name]: [v] }));
  if (c.eq != null) parts.push(contains(c.eq));
  if (c.equals != null) parts.push(contains(c.equals));
  if (c.ne != null) parts.push(not(contains(c.ne)));
  if (c.in != null) parts.push(or(boundedIn('customAttributes', c.in).map(contains)));
  const values = `jsonb_array_elements_text(case jsonb_typeof(${raw}) when 'array' then ${raw} when 'string' then jsonb_build_array(${raw}) else '[]'::jsonb end)`;
  const fold = c.caseSensitive ? (v: string) => v : foldKey;
  const like = (pattern: string) => sqlOf(`exists (select 1 from ${values} as x where ${c.caseSensitive ? 'x' : 'lower(x)'} like ? escape '\\')`, pattern);
  if (c.contains != null) parts.push(like(`%${likeEscape(fold(c.contains))}%`));
  if (c.startsWith != null) parts.push(like(`${likeEscape(fold(c.startsWith))}%`));
  if (c.endsWith != null) parts.push(like(`%${likeEscape(fold(c.endsWith))}`));
  const text = `(case when jsonb_typeof(${raw}) = 'string' then ${raw}->>0 end)`;
  for (const [op, sym] of [
    ['gt', '>'],
    ['ge', '>='],
    ['lt', '<'],
    ['le', '<='],
  ] as const) {
    if (c[op] != null) parts.push(sqlOf(`${text} ${sym} ?`, c[op]));
  }
  const num = `(case when jsonb_typeof(${raw}) = 'number' then (${raw})::numeric end)`;
  if (c.gtNumber != null) parts.push(sqlOf(`${num} > ?`, c.gtNumber));
  if (c.ltNumber != null) parts.push(sqlOf(`${num} < ?`, c.ltNumber));
  // an INTEGER attribute's value in a multi-valued one is any element (as eq's containment is)
  for (const [sym, v] of c.numberOps ?? []) {
    parts.push(
      sqlOf(
        `exists (select 1 from jsonb_array_elements(case jsonb_typeof(${raw}) when 'array' then ${raw} when 'number' then jsonb_build_array(${raw}) else '[]'::jsonb end) as x where jsonb_typeof(x) = 'number' and x::numeric ${sym} ?)`,
        v,
      ),
    );
  }
  if (c.present != null)
    parts.push(
      sqlOf(
        c.present
          ? `(${raw} is not null and ${raw} <> 'null'::jsonb and ${raw} <> '[]'::jsonb)`
          : `(${raw} is null or ${raw} = 'null'::jsonb or ${raw} = '[]'::jsonb)`,
      ),
    );
  return parts;
}

function enumList<T extends string>(field: string, allowed: readonly T[], c: { eq?: T | null; in?: T[] | null }, column: string): Sql[] {
  const out: Sql[] = [];
  const check = (v: T) => {
    if (!allowed.includes(v)) throw badInput(`filter.${field}.invalid`, `${field} must be one of ${allowed.join(', ')}`);
    return v;
  };
  if (c.eq != null) out.push(sqlOf(`${column} = ?`, check(c.eq)));
  if (c.in != null) out.push(boundedIn(field, c.in).length ? sqlOf(`${column} in (${c.in.map(() => '?').join(', ')})`, ...c.in.map(check)) : sqlOf('false'));
  return out;
}

/** Whether a filter has custom attribute conditions anywhere (then compiling it needs the definitions). */
export function hasCustomConditions(f: UserFilter | null | undefined, depth = 0): boolean {
  if (!f || depth > MAX_DEPTH) return false;
  return (
    !!f.customAttributes?.length ||
    !!f.and?.some((x) => hasCustomConditions(x, depth + 1)) ||
    !!f.or?.some((x) => hasCustomConditions(x, depth + 1)) ||
    hasCustomConditions(f.not, depth + 1)
  );
}

/**
 * Compiles a filter to a SQL condition over `users u`. Every operand is a parameter; every column
 * name comes from this file. Equality on userName, externalId, email, department, groups and custom
 * attributes is answered by indexes.
 */
export function compileUserFilter(f: UserFilter | null | undefined, definitions?: ReadonlyMap<string, CustomAttributeKind>): Sql {
  let nodes = 0;
  const walk = (f: UserFilter, depth: number): Sql => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH)
      throw badInput('filter.tooComplex', `filters are limited to ${MAX_NODES} conditions nested ${MAX_DEPTH} deep`);
    const parts: Sql[] = [];
    if (f.and) parts.push(and(f.and.map((x) => walk(x, depth + 1))));
    if (f.or) parts.push(or(f.or.map((x) => walk(x, depth + 1))));
    if (f.not) parts.push(not(walk(f.not, depth + 1)));
    if (f.id) {
      // an id that is not a UUID matches nothing (it never names a user) instead of failing the cast
      const valid = (s: string) => (isUuid(s) ? s : '00000000-0000-0000-0000-000000000000');
      if (f.id.eq != null) parts.push(sqlOf('u.id = ?::uuid', valid(f.id.eq)));
      if (f.id.in != null)
        parts.push(boundedIn('id', f.id.in).length ? sqlOf(`u.id in (${f.id.in.map(() => '?::uuid').join(', ')})`, ...f.id.in.map(valid)) : sqlOf('false'));
    }
    if (f.userName) parts.push(...stringConditions('(u.user_name_key collate "C")', f.userName, foldKey, 'userName'));
    if (f.externalId) parts.push(...stringConditions('u.external_id', f.externalId, identity, 'externalId'));
    if (f.email) {
      const e = f.email;
      if (e.eq != null) parts.push(sqlOf('u.email_keys @> array[?]::text[]', foldKey(e.eq)));
      if (e.ne != null) parts.push(sqlOf('not (u.email_keys @> array[?]::text[])', foldKey(e.ne)));
      if (e.in != null)
        parts.push(
          boundedIn('email', e.in).length
            ? sqlOf('u.email_keys && ?::text[]', '{' + e.in.map((x) => JSON.stringify(foldKey(x))).join(',') + '}')
            : sqlOf('false'),
        );
      const rest = { ...e, eq: null, ne: null, in: null, present: null };
      const conds = stringConditions('k', rest, foldKey, 'email');
      if (conds.length) parts.push(new Sql(`exists (select 1 from unnest(u.email_keys) as k where ${and(conds).text})`, and(conds).params));
      if (e.present != null) parts.push(sqlOf(e.present ? 'cardinality(u.email_keys) > 0' : 'cardinality(u.email_keys) = 0'));
    }
    for (const [field, column] of [
      ['emails', 'emails'],
      ['phoneNumbers', 'phone_numbers'],
      ['addresses', 'addresses'],
    ] as const) {
      const c = f[field];
      if (!c) continue;
      const conds = elementConditions('e', c as Record<string, unknown>, field);
      const body = and(conds);
      parts.push(new Sql(`exists (select 1 from jsonb_array_elements(u.${column}) as e where ${body.text})`, body.params));
    }
    if (f.active != null) parts.push(sqlOf('u.active = ?', f.active));
    // the folded userName carries the mark, and no other userName may (normalizeUserName)
    if (f.historyCopy != null) parts.push(sqlOf(`u.user_name_key ${f.historyCopy ? '' : 'not '}like '%${HISTORY_MARK}%'`));
    for (const [field, column] of Object.entries(TEXT_COLUMNS)) {
      const c = (f as Record<string, unknown>)[field] as StringCondition | null | undefined;
      if (c) parts.push(...stringConditions(`lower(u.${column})`, c, foldKey, field));
    }
    if (f.role) parts.push(...enumList('role', USER_ROLES, f.role, 'u.role'));
    if (f.provisionedBy) parts.push(...enumList('provisionedBy', PROVISIONING_SOURCES, f.provisionedBy, 'u.provisioned_by'));
    if (f.groupId != null) {
      parts.push(isUuid(f.groupId) ? sqlOf('exists (select 1 from group_memberships m where m.user_id = u.id and m.group_id = ?)', f.groupId) : sqlOf('false'));
    }
    if (f.managerId) {
      if (f.managerId.eq != null) parts.push(isUuid(f.managerId.eq) ? sqlOf('u.manager_id = ?', f.managerId.eq) : sqlOf('false'));
      if (f.managerId.present != null) parts.push(sqlOf(f.managerId.present ? 'u.manager_id is not null' : 'u.manager_id is null'));
    }
    if (f.createdAt) parts.push(...dateConditions('u.created_at', f.createdAt));
    if (f.updatedAt) parts.push(...dateConditions('u.updated_at', f.updatedAt));
    if (f.deactivatedAt) parts.push(...dateConditions('u.deactivated_at', f.deactivatedAt));
    if (f.lastSignInAt) parts.push(...dateConditions('u.last_sign_in_at', f.lastSignInAt));
    for (const c of f.customAttributes ?? []) parts.push(...customConditions(definitions ? typedCondition(c, definitions) : c));
    return and(parts);
  };
  return f ? boundedValues(walk(f, 0)) : sqlOf('true');
}
