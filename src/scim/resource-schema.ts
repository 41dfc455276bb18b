/**
 * The SCIM resource schema, written once: one table per schema (the core User, the enterprise User
 * extension, the core Group, and the organization's custom attributes, built per request from
 * their definitions by `customAttribute`), each attribute with
 *
 * - its RFC 7643 §7 characteristics, exactly as GET /Schemas advertises them (name, type,
 *   multiValued, description, required, canonicalValues, caseExact, mutability, returned,
 *   uniqueness, referenceTypes, subAttributes; defaults as RFC 7643 §2.2 gives them), and
 * - what this adapter does with it:
 *   - `core`: the field of the core's GraphQL `User` / `Group` it is read from (a complex one with
 *     its sub-attributes as fields of it), or, where the resource is not a copy of one field, the
 *     selection and how the SCIM value is built from it;
 *   - `input` (users): how a POST, PUT or PATCH body's value reaches the core: `identity`
 *     (userName, externalId, active travel as arguments of their own) or `attributes` (the
 *     attribute bag the organization's mappings read, keyed by SCIM path); absent: accepted and
 *     ignored. A group's body is read by groups.ts, which turns it into the group mutations;
 *   - `filter` / `sort`: the condition of the core's UserFilter / GroupFilter a filter on it becomes
 *     and the UserSort / GroupSort field of a sortBy; absent: "not supported";
 *   - `patch` (users): where a User PATCH reads the attribute otherwise than /Schemas advertises
 *     it, beside the attribute with why (test/scim/resource-schema.test.ts lists them all, and
 *     holds the fields, filters and sorts named here against the core's GraphQL schema).
 *
 * Read by discovery.ts (/Schemas, /ResourceTypes), filter-to-core.ts (filters and sortBy),
 * patch.ts (the ResourceSchema a User PATCH is applied with; groups.ts reads a Group PATCH
 * itself), operations.ts (the GraphQL selections), render.ts (User and Group resources from the
 * core's nodes) and users.ts (what a body sends to the core). Data and a few helpers: a new attribute is one entry here.
 */
import { etagOf, type ShownOfOthers } from './scim-context.js';
import { CUSTOM_SCHEMA, ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urns.js';

// ---------------------------------------------------------------------------------------------
// The shapes of the core's nodes the tables read (the selections operations.ts builds from them)

export interface GqlUser {
  id: string;
  externalId: string | null;
  userName: string;
  active: boolean;
  name: Record<string, string | null>;
  displayName: string | null;
  nickName: string | null;
  profileUrl: string | null;
  title: string | null;
  userType: string | null;
  locale: string | null;
  preferredLanguage: string | null;
  timezone: string | null;
  employeeNumber: string | null;
  costCenter: string | null;
  organizationName: string | null;
  division: string | null;
  department: string | null;
  managerId: string | null;
  manager: { displayName: string | null; userName: string } | null;
  emails: Array<{ value: string; type: string | null; primary: boolean; display: string | null }>;
  phoneNumbers: Array<{ value: string; type: string | null; primary: boolean; display: string | null }>;
  addresses: Array<Record<string, string | boolean | null>>;
  customAttributes: Record<string, unknown>;
  groups?: Array<{ id: string; displayName: string }>;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface GqlGroup {
  id: string;
  externalId: string | null;
  displayName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One member of a group, as the paged GROUP_MEMBERS query reads them (never with the group itself). */
export interface GroupMember {
  userId: string;
  userName: string;
  displayName: string | null;
}

/** A group with the page of members to render (null: without members). */
export type GroupNode = GqlGroup & { members?: GroupMember[] | null };

// ---------------------------------------------------------------------------------------------
// The vocabulary of a table entry

export type AttrType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

/**
 * An organization's custom attribute definition (the fields of CustomAttributeDefinition this
 * adapter reads). `name` is the reference name, exactly as defined.
 */
export interface CustomAttr {
  name: string;
  type: 'STRING' | 'INTEGER' | 'BOOLEAN' | 'DATETIME';
  multiValued: boolean;
  /** Advertised as `required` in /Schemas (default false). */
  required?: boolean | null;
  /** Used as the attribute's description in /Schemas. */
  displayName?: string | null;
  /** Advertised as `canonicalValues` in /Schemas. */
  allowedValues?: ReadonlyArray<string | number> | null;
}

/** What a filter comparing the attribute (or sub-attribute) becomes in the core's UserFilter / GroupFilter. */
export type FilterTarget =
  /** the resource's id: eq, ne, pr */
  | { kind: 'id' }
  /** a StringFilter on this field */
  | { kind: 'text'; field: string }
  /** UserFilter.active */
  | { kind: 'active' }
  /** a DateTimeFilter on this field */
  | { kind: 'date'; field: string }
  /** any of the user's email addresses (UserFilter.email) */
  | { kind: 'email' }
  /** the manager's id (UserFilter.managerId) */
  | { kind: 'manager' }
  /** `eq` / `ne` on the id of one of a user's groups (groupId) or of a group's members (memberId) */
  | { kind: 'membership'; field: 'groupId' | 'memberId' }
  /** one of the organization's custom attributes, typed by its definition */
  | { kind: 'custom'; def: CustomAttr };

/** A sub-attribute compared inside the per-element filter of its multi-valued attribute, by its own name. */
export const ELEMENT = { kind: 'element' } as const;

/** How a filter on an attribute (as opposed to one of its sub-attributes) reaches the core. */
export type AttributeFilter =
  | FilterTarget
  /**
   * A multi-valued complex attribute the core filters one element at a time (UserFilter[field], a
   * MultiValueFilter or AddressFilter; `attr[...]` filters one element). Written alone it means
   * `self`: its `value` sub-attribute, another condition, or (absent) only whether it has elements.
   */
  | { kind: 'elements'; field: string; self?: 'value' | FilterTarget }
  /** A singular complex attribute without a value of its own: a filter names a sub-attribute (the error suggests `example`). */
  | { kind: 'subAttributes'; example: string };

/** How an attribute is read when it is not one field of the core's node as it is. */
export interface CoreRead<N> {
  /** The GraphQL selection on the node (fields and their arguments). Absent: read from elsewhere. */
  select?: string;
  /** The SCIM value (null or undefined leaves the attribute out; [] is kept). */
  render(node: N, baseUrl: string): unknown;
}

/** How PATCH (patch.ts) reads the attribute where it differs from what /Schemas advertises. */
export interface PatchReading {
  caseExact?: boolean;
  required?: boolean;
  mutability?: Mutability;
  /** Sub-attributes PATCH accepts beside the advertised ones. */
  extraSubAttributes?: readonly ScimAttribute<never>[];
}

export interface ScimAttribute<N> {
  // RFC 7643 §7, as /Schemas advertises it (defaults: multiValued, required, caseExact false;
  // mutability readWrite; returned default; uniqueness none)
  name: string;
  type: AttrType;
  description: string;
  multiValued?: boolean;
  required?: boolean;
  canonicalValues?: ReadonlyArray<string | number>;
  caseExact?: boolean;
  mutability?: Mutability;
  returned?: Returned;
  uniqueness?: Uniqueness;
  referenceTypes?: readonly string[];
  subAttributes?: readonly ScimAttribute<N>[];

  // what this adapter does with it
  /** The field of the core node it is read from (a complex one: with its sub-attributes as fields of it), or how. */
  core?: string | CoreRead<N>;
  /** Users: how a body's value reaches the core (absent: accepted and ignored). */
  input?: 'identity' | 'attributes';
  /** How a body's value becomes the attribute bag's value (default: as sent). */
  readInput?: (value: unknown) => unknown;
  /** A filter on it: see FilterTarget, AttributeFilter; on a sub-attribute of an `elements` attribute, ELEMENT. */
  filter?: AttributeFilter | typeof ELEMENT;
  /** The UserSort / GroupSort field a sortBy naming it becomes. */
  sort?: string;
  patch?: PatchReading;
}

export interface ScimSchema<N> {
  /** The schema URN. */
  id: string;
  name: string;
  description: string;
  attributes: readonly ScimAttribute<N>[];
  /** The whole extension is one field of the core (custom attributes), rather than one per attribute. */
  core?: CoreRead<N>;
  /** Its attributes are the organization's custom attribute definitions (see `customAttribute`). */
  perOrganization?: true;
}

export interface ScimResourceType<N> {
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: ScimSchema<N>;
  /** In the order /ResourceTypes lists them; none is required. */
  extensions: readonly ScimSchema<N>[];
}

// ---------------------------------------------------------------------------------------------
// Helpers for the values the tables render

/** Neither null, undefined nor an empty list. */
export const present = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

/** `o` without its null, undefined and empty-list values (a copy). */
export const compact = <T extends Record<string, unknown>>(o: T): Partial<T> => {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (present(o[k])) out[k] = o[k];
  return out as Partial<T>;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Common attributes (RFC 7643 §3.1) and the plain multi-valued sub-attributes (§2.4)

const TYPE_DESCRIPTION = "A label indicating the attribute's function";
const DISPLAY_DESCRIPTION = 'A human-readable name, primarily used for display purposes.';
const PRIMARY_DESCRIPTION =
  "A Boolean value indicating the 'primary' or preferred attribute value for this attribute. The primary attribute value 'true' MUST appear no more than once.";

/**
 * Resource ids and their URIs: a User PATCH compares them exactly (a group, a manager is another
 * one when its id differs in case), while /Schemas keeps RFC 7643's `caseExact: false` for them.
 */
const EXACT_ID: PatchReading = { caseExact: true };

/**
 * value / display / type / primary, the sub-attributes of RFC 7643's plain multi-valued attributes.
 * `filter`: each is compared inside the attribute's per-element filter (ELEMENT), or none is.
 */
function multiValuedSubs<N>(
  valueDescription: string,
  typeExamples: string,
  canonical: readonly string[],
  o: { valueType?: AttrType; value?: Partial<ScimAttribute<N>>; filter?: boolean } = {},
): ScimAttribute<N>[] {
  const filter = o.filter ? { filter: ELEMENT } : {};
  return [
    { name: 'value', type: o.valueType ?? 'string', description: valueDescription, ...filter, ...o.value },
    { name: 'display', type: 'string', description: DISPLAY_DESCRIPTION, ...filter },
    {
      name: 'type',
      type: 'string',
      description: `${TYPE_DESCRIPTION}, e.g., ${typeExamples}.`,
      ...(canonical.length ? { canonicalValues: canonical } : {}),
      ...filter,
    },
    { name: 'primary', type: 'boolean', description: PRIMARY_DESCRIPTION, ...filter },
  ];
}

/** id (RFC 7643 §3.1): assigned by the service provider, always returned. */
function idAttribute<N extends { id: string }>(): ScimAttribute<N> {
  return {
    name: 'id',
    type: 'string',
    description:
      'Unique identifier for the SCIM resource as defined by the service provider. Each representation of the resource MUST include a non-empty "id" value. READ-ONLY.',
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
    core: 'id',
    filter: { kind: 'id' },
    sort: 'CREATED_AT', // UUIDv7 ids are time-ordered: creation order
  };
}

/** externalId (RFC 7643 §3.1): the provisioning client's identifier, case-exact. */
function externalIdAttribute<N>(o: Partial<ScimAttribute<N>> = {}): ScimAttribute<N> {
  return {
    name: 'externalId',
    type: 'string',
    description: 'A String that is an identifier for the resource as defined by the provisioning client.',
    caseExact: true,
    core: 'externalId',
    filter: { kind: 'text', field: 'externalId' },
    ...o,
  };
}

/** meta (RFC 7643 §3.1), read-only, from the core's timestamps and version. */
function metaAttribute<N extends { id: string; createdAt: string; updatedAt: string; version: number }>(
  resourceType: string,
  endpoint: string,
): ScimAttribute<N> {
  const ro = { mutability: 'readOnly' } as const;
  return {
    name: 'meta',
    type: 'complex',
    description: 'A complex attribute containing resource metadata. READ-ONLY.',
    mutability: 'readOnly',
    subAttributes: [
      { name: 'resourceType', type: 'string', description: 'The name of the resource type of the resource.', ...ro, caseExact: true },
      {
        name: 'created',
        type: 'dateTime',
        description: 'The DateTime that the resource was added to the service provider.',
        ...ro,
        filter: { kind: 'date', field: 'createdAt' },
        sort: 'CREATED_AT',
      },
      {
        name: 'lastModified',
        type: 'dateTime',
        description: 'The most recent DateTime that the details of this resource were updated at the service provider.',
        ...ro,
        filter: { kind: 'date', field: 'updatedAt' },
        sort: 'UPDATED_AT',
      },
      { name: 'location', type: 'reference', description: 'The URI of the resource being returned.', ...ro, caseExact: true, referenceTypes: ['uri'] },
      { name: 'version', type: 'string', description: 'The version of the resource being returned (its ETag).', ...ro, caseExact: true },
    ],
    core: {
      select: 'createdAt updatedAt version',
      render: (n, baseUrl) => ({
        resourceType,
        created: n.createdAt,
        lastModified: n.updatedAt,
        location: `${baseUrl}${endpoint}/${n.id}`,
        version: etagOf(n.version, n as ShownOfOthers),
      }),
    },
    filter: { kind: 'subAttributes', example: 'lastModified' },
  };
}

/** A simple string attribute of the core User, stored in the field of its name, read from the attribute bag. */
function text(name: string, description: string, o: Partial<ScimAttribute<GqlUser>> = {}): ScimAttribute<GqlUser> {
  return { name, type: 'string', description, core: name, input: 'attributes', filter: { kind: 'text', field: name }, ...o };
}

/**
 * Attributes of the core User the core does not store: advertised `writeOnly`, returned `never`.
 * POST and PUT send `roles` and `entitlements` to the attribute mappings (their `input`; a rule
 * `roles` → `role` gives Entra ID's app roles a meaning) and drop the others. PATCH applies all of
 * them like stored attributes (the resource it patches never holds them) and sends what changed:
 * the new `roles` / `entitlements`, and null for `ims`, `photos` and `x509Certificates` (only a
 * mapping rule reading one of those could notice).
 */
const UNSTORED = { mutability: 'writeOnly', returned: 'never', patch: { mutability: 'readWrite' } } as const;

/** Entra ID's AppRoleAssignmentsComplex PATCHes roles as {id, value, displayName}: PATCH accepts them too (neither is stored). */
const ENTRA_ROLE_SUBS: PatchReading['extraSubAttributes'] = [
  { name: 'id', type: 'string', description: 'Entra ID: the app role assignment id.' },
  { name: 'displayName', type: 'string', description: "Entra ID: the app role's display name." },
];

// ---------------------------------------------------------------------------------------------
// urn:ietf:params:scim:schemas:core:2.0:User (RFC 7643 §4.1)

const nameExample = "given the full name 'Ms. Barbara J Jensen, III'";

export const USER_CORE: ScimSchema<GqlUser> = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    idAttribute(),
    externalIdAttribute({ input: 'identity', sort: 'EXTERNAL_ID' }),
    {
      name: 'userName',
      type: 'string',
      description:
        "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.",
      required: true,
      uniqueness: 'server',
      core: 'userName',
      input: 'identity',
      filter: { kind: 'text', field: 'userName' },
      sort: 'USER_NAME',
    },
    {
      name: 'name',
      type: 'complex',
      description:
        "The components of the user's real name. Providers MAY return just the full name as a single string in the formatted sub-attribute, or they MAY return just the individual component attributes using the other sub-attributes, or they MAY return both.",
      subAttributes: [
        {
          name: 'formatted',
          type: 'string',
          description:
            "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III').",
          filter: { kind: 'text', field: 'formattedName' },
        },
        {
          name: 'familyName',
          type: 'string',
          description: `The family name of the User, or last name in most Western languages (e.g., 'Jensen' ${nameExample}).`,
          filter: { kind: 'text', field: 'familyName' },
          sort: 'FAMILY_NAME',
        },
        {
          name: 'givenName',
          type: 'string',
          description: `The given name of the User, or first name in most Western languages (e.g., 'Barbara' ${nameExample}).`,
          filter: { kind: 'text', field: 'givenName' },
          sort: 'GIVEN_NAME',
        },
        {
          name: 'middleName',
          type: 'string',
          description: `The middle name(s) of the User (e.g., 'Jane' ${nameExample}).`,
          filter: { kind: 'text', field: 'middleName' },
        },
        {
          name: 'honorificPrefix',
          type: 'string',
          description: `The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' ${nameExample}).`,
          filter: { kind: 'text', field: 'honorificPrefix' },
        },
        {
          name: 'honorificSuffix',
          type: 'string',
          description: `The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' ${nameExample}).`,
          filter: { kind: 'text', field: 'honorificSuffix' },
        },
      ],
      core: 'name',
      input: 'attributes',
      filter: { kind: 'subAttributes', example: 'familyName' },
    },
    text('displayName', 'The name of the User, suitable for display to end-users. The name SHOULD be the full name of the User being described, if known.', {
      sort: 'DISPLAY_NAME',
    }),
    text(
      'nickName',
      "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'. This attribute SHOULD NOT be used to represent a User's username.",
    ),
    text('profileUrl', "A fully qualified URL pointing to a page representing the User's online profile.", { type: 'reference', referenceTypes: ['external'] }),
    text('title', 'The user\'s title, such as "Vice President."', { sort: 'TITLE' }),
    text(
      'userType',
      "Used to identify the relationship between the organization and the user. Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used.",
    ),
    text(
      'preferredLanguage',
      "Indicates the User's preferred written or spoken language. Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US.",
    ),
    text(
      'locale',
      "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations.",
    ),
    text('timezone', "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'."),
    {
      name: 'active',
      type: 'boolean',
      description: "A Boolean value indicating the User's administrative status.",
      core: 'active',
      input: 'identity',
      filter: { kind: 'active' },
    },
    {
      name: 'password',
      type: 'string',
      description:
        "The User's cleartext password. This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password.",
      // accepted and dropped, by PATCH too
      mutability: 'writeOnly',
      returned: 'never',
    },
    {
      name: 'emails',
      type: 'complex',
      multiValued: true,
      description:
        "Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.",
      // emails.value alone (outside "[...]") is any of the user's addresses, as `emails` is
      subAttributes: multiValuedSubs('Email addresses for the user.', "'work' or 'home'", ['work', 'home', 'other'], {
        filter: true,
        value: { filter: { kind: 'email' }, sort: 'EMAIL' },
      }),
      core: 'emails',
      input: 'attributes',
      filter: { kind: 'elements', field: 'emails', self: { kind: 'email' } },
      sort: 'EMAIL',
    },
    {
      name: 'phoneNumbers',
      type: 'complex',
      multiValued: true,
      description:
        "Phone numbers for the User. The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.",
      subAttributes: multiValuedSubs('Phone number of the User.', "'work', 'home', 'mobile'", ['work', 'home', 'mobile', 'fax', 'pager', 'other'], {
        filter: true,
      }),
      core: 'phoneNumbers',
      input: 'attributes',
      filter: { kind: 'elements', field: 'phoneNumbers', self: 'value' },
    },
    {
      name: 'ims',
      type: 'complex',
      multiValued: true,
      description: 'Instant messaging addresses for the User.',
      ...UNSTORED,
      subAttributes: multiValuedSubs('Instant messaging address for the User.', "'aim', 'gtalk', 'xmpp'", [
        'aim',
        'gtalk',
        'icq',
        'xmpp',
        'msn',
        'skype',
        'qq',
        'yahoo',
      ]),
    },
    {
      name: 'photos',
      type: 'complex',
      multiValued: true,
      description: 'URLs of photos of the User.',
      ...UNSTORED,
      subAttributes: multiValuedSubs('URL of a photo of the User.', "'photo' or 'thumbnail'", ['photo', 'thumbnail'], {
        valueType: 'reference',
        value: { referenceTypes: ['external'] },
      }),
    },
    {
      name: 'addresses',
      type: 'complex',
      multiValued: true,
      description: "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'.",
      subAttributes: [
        {
          name: 'formatted',
          type: 'string',
          description: 'The full mailing address, formatted for display or use with a mailing label. This attribute MAY contain newlines.',
          filter: ELEMENT,
        },
        {
          name: 'streetAddress',
          type: 'string',
          description:
            'The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information. This attribute MAY contain newlines.',
          filter: ELEMENT,
        },
        { name: 'locality', type: 'string', description: 'The city or locality component.', filter: ELEMENT },
        { name: 'region', type: 'string', description: 'The state or region component.', filter: ELEMENT },
        { name: 'postalCode', type: 'string', description: 'The zip code or postal code component.', filter: ELEMENT },
        { name: 'country', type: 'string', description: 'The country name component.', filter: ELEMENT },
        {
          name: 'type',
          type: 'string',
          description: `${TYPE_DESCRIPTION}, e.g., 'work' or 'home'.`,
          canonicalValues: ['work', 'home', 'other'],
          filter: ELEMENT,
        },
        { name: 'primary', type: 'boolean', description: PRIMARY_DESCRIPTION, filter: ELEMENT },
      ],
      core: 'addresses',
      input: 'attributes',
      // an address has no value: `addresses` alone only says whether there is one
      filter: { kind: 'elements', field: 'addresses' },
    },
    {
      name: 'groups',
      type: 'complex',
      multiValued: true,
      description: 'A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.',
      mutability: 'readOnly',
      subAttributes: [
        {
          name: 'value',
          type: 'string',
          description: "The identifier of the User's group.",
          mutability: 'readOnly',
          filter: { kind: 'membership', field: 'groupId' },
          patch: EXACT_ID,
        },
        {
          name: '$ref',
          type: 'reference',
          description: "The URI of the corresponding 'Group' resource to which the user belongs.",
          mutability: 'readOnly',
          referenceTypes: ['User', 'Group'],
          patch: EXACT_ID,
        },
        { name: 'display', type: 'string', description: DISPLAY_DESCRIPTION, mutability: 'readOnly' },
        {
          name: 'type',
          type: 'string',
          description: `${TYPE_DESCRIPTION}, e.g., 'direct' or 'indirect'.`,
          mutability: 'readOnly',
          canonicalValues: ['direct', 'indirect'],
        },
      ],
      core: {
        // read only when the response shows them (users.ts passes $groups)
        select: 'groups(first: 1000) @include(if: $groups) { id displayName }',
        render: (u, baseUrl) => u.groups?.map((g) => ({ value: g.id, $ref: `${baseUrl}/Groups/${g.id}`, display: g.displayName, type: 'direct' })),
      },
      filter: { kind: 'membership', field: 'groupId' },
    },
    {
      name: 'entitlements',
      type: 'complex',
      multiValued: true,
      description: 'A list of entitlements for the User that represent a thing the User has. Not stored: read by attribute mappings.',
      ...UNSTORED,
      subAttributes: multiValuedSubs('The value of an entitlement.', "'work' or 'home'", []),
      input: 'attributes',
      patch: { ...UNSTORED.patch, extraSubAttributes: ENTRA_ROLE_SUBS },
    },
    {
      name: 'roles',
      type: 'complex',
      multiValued: true,
      description:
        "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'. Not stored: read by attribute mappings (e.g. onto the user's role).",
      ...UNSTORED,
      subAttributes: multiValuedSubs('The value of a role.', "'work' or 'home'", []),
      input: 'attributes',
      patch: { ...UNSTORED.patch, extraSubAttributes: ENTRA_ROLE_SUBS },
    },
    {
      name: 'x509Certificates',
      type: 'complex',
      multiValued: true,
      description: 'A list of certificates issued to the User.',
      ...UNSTORED,
      subAttributes: multiValuedSubs('The value of an X.509 certificate.', "'work' or 'home'", [], { valueType: 'binary' }),
    },
    metaAttribute('User', '/Users'),
  ],
};

// ---------------------------------------------------------------------------------------------
// urn:ietf:params:scim:schemas:extension:enterprise:2.0:User (RFC 7643 §4.3)

function enterpriseText(name: string, description: string, field = name, o: Partial<ScimAttribute<GqlUser>> = {}): ScimAttribute<GqlUser> {
  return { name, type: 'string', description, core: field, input: 'attributes', filter: { kind: 'text', field }, ...o };
}

export const ENTERPRISE_USER: ScimSchema<GqlUser> = {
  id: ENTERPRISE_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    enterpriseText(
      'employeeNumber',
      'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.',
    ),
    enterpriseText('costCenter', 'Identifies the name of a cost center.'),
    enterpriseText('organization', 'Identifies the name of an organization.', 'organizationName'),
    enterpriseText('division', 'Identifies the name of a division.'),
    enterpriseText('department', 'Identifies the name of a department.', 'department', { sort: 'DEPARTMENT' }),
    {
      name: 'manager',
      type: 'complex',
      description:
        "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
      subAttributes: [
        {
          name: 'value',
          type: 'string',
          description: "The id of the SCIM resource representing the User's manager.",
          filter: { kind: 'manager' },
          patch: EXACT_ID,
        },
        {
          name: '$ref',
          type: 'reference',
          description: "The URI of the SCIM resource representing the User's manager.",
          referenceTypes: ['User'],
          patch: EXACT_ID,
        },
        { name: 'displayName', type: 'string', description: "The displayName of the User's manager. OPTIONAL and READ-ONLY.", mutability: 'readOnly' },
      ],
      core: {
        select: 'managerId manager { displayName userName }',
        render: (u, baseUrl) =>
          u.managerId
            ? compact({ value: u.managerId, $ref: `${baseUrl}/Users/${u.managerId}`, displayName: u.manager?.displayName ?? u.manager?.userName })
            : undefined,
      },
      input: 'attributes',
      // the core takes the manager's id: `value` of the object, or a bare id (Entra ID); "" clears it
      readInput: (v) => (isObject(v) ? (v.value ?? null) : v === '' ? null : v),
      filter: { kind: 'manager' },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// urn:ietf:params:scim:schemas:extension:custom:2.0:User: the organization's custom attributes

const CUSTOM_TYPES: Readonly<Record<CustomAttr['type'], AttrType>> = { STRING: 'string', INTEGER: 'integer', BOOLEAN: 'boolean', DATETIME: 'dateTime' };

/**
 * The extension point: the table entry of one custom attribute (docs/PROVISIONING.md §2), from its
 * definition. Stored in the user's `customAttributes` (the extension is read whole, see
 * CUSTOM_USER), read from the attribute bag by its reference name, filtered and sorted by it.
 */
export function customAttribute(c: CustomAttr): ScimAttribute<GqlUser> {
  return {
    name: c.name,
    type: CUSTOM_TYPES[c.type] ?? 'string',
    multiValued: c.multiValued,
    description: c.displayName ? c.displayName : `Custom attribute "${c.name}".`,
    required: c.required === true,
    ...(c.allowedValues && c.allowedValues.length > 0 ? { canonicalValues: c.allowedValues } : {}),
    // string values compare exactly (eq/ne are answered by the JSON containment index); co/sw/ew
    // ignore case, which matches a superset of what a case-exact comparison would
    caseExact: c.type === 'STRING',
    input: 'attributes',
    filter: { kind: 'custom', def: c },
    sort: 'CUSTOM_ATTRIBUTE',
    // PATCH compares every custom value exactly, and leaves required ones to the core, which
    // validates custom values (docs/PROVISIONING.md §2.2)
    patch: { caseExact: true, required: false },
  };
}

/** The custom extension without attributes: `customAttributes` gives those of an organization. */
export const CUSTOM_USER: ScimSchema<GqlUser> = {
  id: CUSTOM_SCHEMA,
  name: 'CustomAttributes',
  description: "The organization's custom user attributes",
  attributes: [],
  core: { select: 'customAttributes', render: (u) => compact(u.customAttributes) },
  perOrganization: true,
};

/** The custom extension with the organization's attributes. */
export function customAttributes(custom: readonly CustomAttr[]): ScimSchema<GqlUser> {
  return { ...CUSTOM_USER, attributes: custom.map(customAttribute) };
}

// ---------------------------------------------------------------------------------------------
// urn:ietf:params:scim:schemas:core:2.0:Group (RFC 7643 §4.2)

export const GROUP_CORE: ScimSchema<GroupNode> = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    idAttribute(),
    externalIdAttribute(),
    {
      name: 'displayName',
      type: 'string',
      description: 'A human-readable name for the Group. REQUIRED.',
      // required and unique: the core requires a display name, unique case-insensitively per organization
      required: true,
      uniqueness: 'server',
      core: 'displayName',
      filter: { kind: 'text', field: 'displayName' },
      sort: 'DISPLAY_NAME',
    },
    {
      name: 'members',
      type: 'complex',
      multiValued: true,
      description: 'A list of members of the Group.',
      subAttributes: [
        {
          name: 'value',
          type: 'string',
          description: 'Identifier of the member of this Group.',
          mutability: 'immutable',
          filter: { kind: 'membership', field: 'memberId' },
        },
        {
          name: '$ref',
          type: 'reference',
          description: 'The URI corresponding to a SCIM resource that is a member of this Group.',
          mutability: 'immutable',
          referenceTypes: ['User'],
        },
        { name: 'display', type: 'string', description: DISPLAY_DESCRIPTION, mutability: 'readOnly' },
        // members are users: nested groups are not supported
        {
          name: 'type',
          type: 'string',
          description: "A label indicating the type of resource, e.g., 'User' or 'Group'.",
          mutability: 'immutable',
          canonicalValues: ['User'],
        },
      ],
      core: {
        // never selected with the group: groups.ts reads them a page at a time (GROUP_MEMBERS)
        render: (g, baseUrl) =>
          g.members?.map((m) => ({ value: m.userId, $ref: `${baseUrl}/Users/${m.userId}`, display: m.displayName ?? m.userName, type: 'User' })),
      },
      filter: { kind: 'membership', field: 'memberId' },
    },
    metaAttribute('Group', '/Groups'),
  ],
};

// ---------------------------------------------------------------------------------------------
// Resource types (RFC 7643 §6)

export const USER_RESOURCE: ScimResourceType<GqlUser> = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_CORE,
  extensions: [ENTERPRISE_USER, CUSTOM_USER],
};

export const GROUP_RESOURCE: ScimResourceType<GroupNode> = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: GROUP_CORE,
  extensions: [],
};

export const RESOURCE_TYPES: ReadonlyArray<ScimResourceType<GqlUser> | ScimResourceType<GroupNode>> = [USER_RESOURCE, GROUP_RESOURCE];

// ---------------------------------------------------------------------------------------------
// Derived facts more than one module asks

/** Lower-cased names of the core User schema's attributes. */
const USER_CORE_NAMES = new Set(USER_CORE.attributes.map((a) => a.name.toLowerCase()));

/** Whether `name` (any case) is an attribute of the core User schema, or `schemas`. */
export function isUserCoreAttribute(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'schemas' || USER_CORE_NAMES.has(lower);
}

/** The attribute of `attributes` named `name`, ignoring case. */
export function attributeNamed<N>(attributes: readonly ScimAttribute<N>[], name: string): ScimAttribute<N> | undefined {
  const lower = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === lower);
}
