/**
 * SCIM discovery resources (RFC 7644 §4; RFC 7643 §5 ServiceProviderConfig, §6 ResourceType,
 * §7 Schema, §8.7 schema representations).
 *
 * Pure: every function builds fresh JSON from the SCIM base URL (e.g.
 * `https://id.example.com/scim/v2`; trailing slashes are ignored) and, for /Schemas, the
 * organization's custom attribute definitions.
 */
import type { CustomAttr } from './filter-to-core.js';
import {
  CUSTOM_SCHEMA,
  ENTERPRISE_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './urns.js';

/** filter.maxResults, and the largest page (`count`) a list request is answered with. */
export const MAX_RESULTS = 1000;
/** bulk.maxOperations: operations per Bulk request. */
export const BULK_MAX_OPERATIONS = 1000;
/** bulk.maxPayloadSize: bytes of a Bulk request body. */
export const BULK_MAX_PAYLOAD = 4 * 1024 * 1024;

/**
 * Attributes of the core User schema that /Schemas describes (RFC 7643 §4.1 lists them) but the
 * core does not store: advertised `writeOnly` / returned `never`. The adapter accepts them on
 * write and never returns them; `roles` and `entitlements` reach the attribute mappings (a rule
 * `roles` → `role` gives Entra ID's app roles a meaning), the others are dropped.
 */
export const UNSTORED_USER_ATTRIBUTES = ['password', 'ims', 'photos', 'entitlements', 'roles', 'x509Certificates'] as const;

type Json = Record<string, unknown>;

function base(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Attribute definitions (RFC 7643 §7)

type AttrType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
type Returned = 'always' | 'never' | 'default' | 'request';
type Uniqueness = 'none' | 'server' | 'global';

interface AttrOptions {
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: Mutability;
  returned?: Returned;
  uniqueness?: Uniqueness;
  canonicalValues?: ReadonlyArray<string | number>;
  referenceTypes?: readonly string[];
  subAttributes?: Json[];
}

/**
 * One attribute definition with every characteristic spelled out (RFC 7643 §2.2 defaults:
 * required false, caseExact false, mutability readWrite, returned default, uniqueness none).
 */
function attribute(name: string, type: AttrType, description: string, o: AttrOptions = {}): Json {
  const a: Json = { name, type, multiValued: o.multiValued ?? false, description, required: o.required ?? false };
  if (o.canonicalValues) a.canonicalValues = [...o.canonicalValues];
  a.caseExact = o.caseExact ?? false;
  a.mutability = o.mutability ?? 'readWrite';
  a.returned = o.returned ?? 'default';
  a.uniqueness = o.uniqueness ?? 'none';
  if (o.referenceTypes) a.referenceTypes = [...o.referenceTypes];
  if (o.subAttributes) a.subAttributes = o.subAttributes;
  return a;
}

/** Accepted on write, never stored or returned (UNSTORED_USER_ATTRIBUTES). */
const UNSTORED: AttrOptions = { mutability: 'writeOnly', returned: 'never' };

const TYPE_DESCRIPTION = "A label indicating the attribute's function";
const DISPLAY_DESCRIPTION = 'A human-readable name, primarily used for display purposes.';
const PRIMARY_DESCRIPTION =
  "A Boolean value indicating the 'primary' or preferred attribute value for this attribute. The primary attribute value 'true' MUST appear no more than once.";

/** value / display / type / primary, the sub-attributes of RFC 7643's plain multi-valued attributes. */
function multiValuedSubs(valueDescription: string, typeExamples: string, canonical: readonly string[], valueType: AttrType = 'string', valueOptions: AttrOptions = {}): Json[] {
  return [
    attribute('value', valueType, valueDescription, valueOptions),
    attribute('display', 'string', DISPLAY_DESCRIPTION),
    attribute('type', 'string', `${TYPE_DESCRIPTION}, e.g., ${typeExamples}.`, canonical.length ? { canonicalValues: canonical } : {}),
    attribute('primary', 'boolean', PRIMARY_DESCRIPTION),
  ];
}

/** id (RFC 7643 §3.1): assigned by the service provider, always returned. */
function idAttribute(): Json {
  return attribute(
    'id',
    'string',
    'Unique identifier for the SCIM resource as defined by the service provider. Each representation of the resource MUST include a non-empty "id" value. READ-ONLY.',
    { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' },
  );
}

/** externalId (RFC 7643 §3.1): the provisioning client's identifier, case-exact. */
function externalIdAttribute(): Json {
  return attribute('externalId', 'string', 'A String that is an identifier for the resource as defined by the provisioning client.', { caseExact: true });
}

/** meta (RFC 7643 §3.1), read-only. */
function metaAttribute(): Json {
  const ro: AttrOptions = { mutability: 'readOnly' };
  return attribute('meta', 'complex', 'A complex attribute containing resource metadata. READ-ONLY.', {
    mutability: 'readOnly',
    subAttributes: [
      attribute('resourceType', 'string', 'The name of the resource type of the resource.', { ...ro, caseExact: true }),
      attribute('created', 'dateTime', 'The DateTime that the resource was added to the service provider.', ro),
      attribute('lastModified', 'dateTime', 'The most recent DateTime that the details of this resource were updated at the service provider.', ro),
      attribute('location', 'reference', 'The URI of the resource being returned.', { ...ro, caseExact: true, referenceTypes: ['uri'] }),
      attribute('version', 'string', 'The version of the resource being returned (its ETag).', { ...ro, caseExact: true }),
    ],
  });
}

function userAttributes(): Json[] {
  const nameExample = "given the full name 'Ms. Barbara J Jensen, III'";
  return [
    idAttribute(),
    externalIdAttribute(),
    attribute(
      'userName',
      'string',
      "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.",
      { required: true, uniqueness: 'server' },
    ),
    attribute(
      'name',
      'complex',
      "The components of the user's real name. Providers MAY return just the full name as a single string in the formatted sub-attribute, or they MAY return just the individual component attributes using the other sub-attributes, or they MAY return both.",
      {
        subAttributes: [
          attribute('formatted', 'string', "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III')."),
          attribute('familyName', 'string', `The family name of the User, or last name in most Western languages (e.g., 'Jensen' ${nameExample}).`),
          attribute('givenName', 'string', `The given name of the User, or first name in most Western languages (e.g., 'Barbara' ${nameExample}).`),
          attribute('middleName', 'string', `The middle name(s) of the User (e.g., 'Jane' ${nameExample}).`),
          attribute('honorificPrefix', 'string', `The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' ${nameExample}).`),
          attribute('honorificSuffix', 'string', `The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' ${nameExample}).`),
        ],
      },
    ),
    attribute('displayName', 'string', 'The name of the User, suitable for display to end-users. The name SHOULD be the full name of the User being described, if known.'),
    attribute('nickName', 'string', "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'. This attribute SHOULD NOT be used to represent a User's username."),
    attribute('profileUrl', 'reference', "A fully qualified URL pointing to a page representing the User's online profile.", { referenceTypes: ['external'] }),
    attribute('title', 'string', 'The user\'s title, such as "Vice President."'),
    attribute(
      'userType',
      'string',
      "Used to identify the relationship between the organization and the user. Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used.",
    ),
    attribute(
      'preferredLanguage',
      'string',
      "Indicates the User's preferred written or spoken language. Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US.",
    ),
    attribute('locale', 'string', "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations."),
    attribute('timezone', 'string', "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'."),
    attribute('active', 'boolean', "A Boolean value indicating the User's administrative status."),
    attribute(
      'password',
      'string',
      "The User's cleartext password. This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password.",
      { mutability: 'writeOnly', returned: 'never' },
    ),
    attribute(
      'emails',
      'complex',
      "Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.",
      { multiValued: true, subAttributes: multiValuedSubs('Email addresses for the user.', "'work' or 'home'", ['work', 'home', 'other']) },
    ),
    attribute(
      'phoneNumbers',
      'complex',
      "Phone numbers for the User. The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.",
      {
        multiValued: true,
        subAttributes: multiValuedSubs('Phone number of the User.', "'work', 'home', 'mobile'", ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
      },
    ),
    attribute('ims', 'complex', 'Instant messaging addresses for the User.', {
      ...UNSTORED,
      multiValued: true,
      subAttributes: multiValuedSubs('Instant messaging address for the User.', "'aim', 'gtalk', 'xmpp'", ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    }),
    attribute('photos', 'complex', 'URLs of photos of the User.', {
      ...UNSTORED,
      multiValued: true,
      subAttributes: multiValuedSubs('URL of a photo of the User.', "'photo' or 'thumbnail'", ['photo', 'thumbnail'], 'reference', { referenceTypes: ['external'] }),
    }),
    attribute('addresses', 'complex', "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'.", {
      multiValued: true,
      subAttributes: [
        attribute('formatted', 'string', 'The full mailing address, formatted for display or use with a mailing label. This attribute MAY contain newlines.'),
        attribute(
          'streetAddress',
          'string',
          'The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information. This attribute MAY contain newlines.',
        ),
        attribute('locality', 'string', 'The city or locality component.'),
        attribute('region', 'string', 'The state or region component.'),
        attribute('postalCode', 'string', 'The zip code or postal code component.'),
        attribute('country', 'string', 'The country name component.'),
        attribute('type', 'string', `${TYPE_DESCRIPTION}, e.g., 'work' or 'home'.`, { canonicalValues: ['work', 'home', 'other'] }),
        attribute('primary', 'boolean', PRIMARY_DESCRIPTION),
      ],
    }),
    attribute('groups', 'complex', 'A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.', {
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        attribute('value', 'string', "The identifier of the User's group.", { mutability: 'readOnly' }),
        attribute('$ref', 'reference', "The URI of the corresponding 'Group' resource to which the user belongs.", { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
        attribute('display', 'string', DISPLAY_DESCRIPTION, { mutability: 'readOnly' }),
        attribute('type', 'string', `${TYPE_DESCRIPTION}, e.g., 'direct' or 'indirect'.`, { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
    }),
    attribute('entitlements', 'complex', 'A list of entitlements for the User that represent a thing the User has. Not stored: read by attribute mappings.', {
      ...UNSTORED,
      multiValued: true,
      subAttributes: multiValuedSubs('The value of an entitlement.', "'work' or 'home'", []),
    }),
    attribute('roles', 'complex', "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'. Not stored: read by attribute mappings (e.g. onto the user's role).", {
      ...UNSTORED,
      multiValued: true,
      subAttributes: multiValuedSubs('The value of a role.', "'work' or 'home'", []),
    }),
    attribute('x509Certificates', 'complex', 'A list of certificates issued to the User.', {
      ...UNSTORED,
      multiValued: true,
      subAttributes: multiValuedSubs('The value of an X.509 certificate.', "'work' or 'home'", [], 'binary'),
    }),
    metaAttribute(),
  ];
}

function enterpriseAttributes(): Json[] {
  return [
    attribute('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.'),
    attribute('costCenter', 'string', 'Identifies the name of a cost center.'),
    attribute('organization', 'string', 'Identifies the name of an organization.'),
    attribute('division', 'string', 'Identifies the name of a division.'),
    attribute('department', 'string', 'Identifies the name of a department.'),
    attribute(
      'manager',
      'complex',
      "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
      {
        subAttributes: [
          attribute('value', 'string', "The id of the SCIM resource representing the User's manager."),
          attribute('$ref', 'reference', "The URI of the SCIM resource representing the User's manager.", { referenceTypes: ['User'] }),
          attribute('displayName', 'string', "The displayName of the User's manager. OPTIONAL and READ-ONLY.", { mutability: 'readOnly' }),
        ],
      },
    ),
  ];
}

function groupAttributes(): Json[] {
  return [
    idAttribute(),
    externalIdAttribute(),
    // required and unique: the core requires a display name, unique case-insensitively per organization
    attribute('displayName', 'string', 'A human-readable name for the Group. REQUIRED.', { required: true, uniqueness: 'server' }),
    attribute('members', 'complex', 'A list of members of the Group.', {
      multiValued: true,
      subAttributes: [
        attribute('value', 'string', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
        attribute('$ref', 'reference', 'The URI corresponding to a SCIM resource that is a member of this Group.', { mutability: 'immutable', referenceTypes: ['User'] }),
        attribute('display', 'string', DISPLAY_DESCRIPTION, { mutability: 'readOnly' }),
        // members are users: nested groups are not supported
        attribute('type', 'string', "A label indicating the type of resource, e.g., 'User' or 'Group'.", { mutability: 'immutable', canonicalValues: ['User'] }),
      ],
    }),
    metaAttribute(),
  ];
}

const CUSTOM_TYPES: Readonly<Record<CustomAttr['type'], AttrType>> = { STRING: 'string', INTEGER: 'integer', BOOLEAN: 'boolean', DATETIME: 'dateTime' };

function customAttributes(custom: readonly CustomAttr[]): Json[] {
  return custom.map((c) => {
    const description = c.displayName ? c.displayName : `Custom attribute "${c.name}".`;
    // string values compare exactly (eq/ne are answered by the JSON containment index); co/sw/ew
    // ignore case, which matches a superset of what a case-exact comparison would
    const options: AttrOptions = { multiValued: c.multiValued, required: c.required === true, caseExact: c.type === 'STRING' };
    if (c.allowedValues && c.allowedValues.length > 0) options.canonicalValues = c.allowedValues;
    return attribute(c.name, CUSTOM_TYPES[c.type] ?? 'string', description, options);
  });
}

function schemaResource(baseUrl: string, id: string, name: string, description: string, attributes: Json[]): Json {
  return {
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${base(baseUrl)}/Schemas/${id}` },
  };
}

// ---------------------------------------------------------------------------------------------
// Endpoints

/** GET /ServiceProviderConfig (RFC 7643 §5). */
export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: "Authentication with a bearer token (the organization's SCIM credential) in the Authorization header.",
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base(baseUrl)}/ServiceProviderConfig` },
  };
}

/** GET /ResourceTypes (RFC 7643 §6): User (with the enterprise and custom extensions) and Group. */
export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  const b = base(baseUrl);
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_SCHEMA, required: false },
        { schema: CUSTOM_SCHEMA, required: false },
      ],
      meta: { resourceType: 'ResourceType', location: `${b}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${b}/ResourceTypes/Group` },
    },
  ];
}

/**
 * GET /Schemas (RFC 7643 §7, §8.7): core User, enterprise User, core Group and the organization's
 * custom extension (listed even with no definitions, since the User resource type names it).
 */
export function schemas(baseUrl: string, custom: CustomAttr[]): Record<string, unknown>[] {
  return [
    schemaResource(baseUrl, USER_SCHEMA, 'User', 'User Account', userAttributes()),
    schemaResource(baseUrl, ENTERPRISE_SCHEMA, 'EnterpriseUser', 'Enterprise User', enterpriseAttributes()),
    schemaResource(baseUrl, GROUP_SCHEMA, 'Group', 'Group', groupAttributes()),
    schemaResource(baseUrl, CUSTOM_SCHEMA, 'CustomAttributes', "The organization's custom user attributes", customAttributes(custom)),
  ];
}

/** A ListResponse (RFC 7644 §3.4.2) of every resource in one page, as the discovery endpoints answer. */
export function listResponse(resources: unknown[]): Record<string, unknown> {
  return {
    schemas: [LIST_RESPONSE],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: resources,
  };
}
