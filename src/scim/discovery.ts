/**
 * SCIM discovery resources (RFC 7644 §4; RFC 7643 §5 ServiceProviderConfig, §6 ResourceType,
 * §7 Schema, §8.7 schema representations).
 *
 * Pure: every function builds fresh JSON from the SCIM base URL (e.g.
 * `https://id.example.com/scim/v2`; trailing slashes are ignored) and, for /Schemas, the
 * organization's custom attribute definitions. The resource types, schemas and attributes are
 * those of the table in resource-schema.ts.
 */
import { customAttributes, RESOURCE_TYPES, USER_CORE, type CustomAttr, type ScimAttribute, type ScimSchema } from './resource-schema.js';
import { LIST_RESPONSE, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA } from './urns.js';

/** filter.maxResults, and the largest page (`count`) a list request is answered with. */
export const MAX_RESULTS = 1000;
/** bulk.maxOperations: operations per Bulk request. */
export const BULK_MAX_OPERATIONS = 1000;
/** bulk.maxPayloadSize: bytes of a Bulk request body. */
export const BULK_MAX_PAYLOAD = 4 * 1024 * 1024;

/**
 * Attributes of the core User schema that /Schemas describes (RFC 7643 §4.1 lists them) but the
 * core does not store: advertised `writeOnly` / returned `never` (resource-schema.ts).
 */
export const UNSTORED_USER_ATTRIBUTES: readonly string[] = USER_CORE.attributes.filter((a) => a.returned === 'never').map((a) => a.name);

type Json = Record<string, unknown>;

function base(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Attribute definitions (RFC 7643 §7), from the table of resource-schema.ts

/**
 * One attribute definition with every characteristic spelled out (RFC 7643 §2.2 defaults:
 * required false, caseExact false, mutability readWrite, returned default, uniqueness none).
 */
function attribute(a: ScimAttribute<never>): Json {
  const o: Json = { name: a.name, type: a.type, multiValued: a.multiValued ?? false, description: a.description, required: a.required ?? false };
  if (a.canonicalValues) o.canonicalValues = [...a.canonicalValues];
  o.caseExact = a.caseExact ?? false;
  o.mutability = a.mutability ?? 'readWrite';
  o.returned = a.returned ?? 'default';
  o.uniqueness = a.uniqueness ?? 'none';
  if (a.referenceTypes) o.referenceTypes = [...a.referenceTypes];
  if (a.subAttributes) o.subAttributes = a.subAttributes.map(attribute);
  return o;
}

function schemaResource(baseUrl: string, s: ScimSchema<never>): Json {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes.map(attribute),
    meta: { resourceType: 'Schema', location: `${base(baseUrl)}/Schemas/${s.id}` },
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
  return RESOURCE_TYPES.map((t) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: t.id,
    name: t.name,
    endpoint: t.endpoint,
    description: t.description,
    schema: t.schema.id,
    schemaExtensions: t.extensions.map((e) => ({ schema: e.id, required: false })),
    meta: { resourceType: 'ResourceType', location: `${b}/ResourceTypes/${t.id}` },
  }));
}

/**
 * GET /Schemas (RFC 7643 §7, §8.7): the schemas of every resource type (core User, enterprise
 * User, core Group), then the organization's custom extension (listed even with no definitions,
 * since the User resource type names it).
 */
export function schemas(baseUrl: string, custom: readonly CustomAttr[]): Record<string, unknown>[] {
  const all: ScimSchema<never>[] = RESOURCE_TYPES.flatMap((t): ScimSchema<never>[] => [t.schema, ...t.extensions.filter((e) => !e.perOrganization)]);
  return [...all, customAttributes(custom)].map((s) => schemaResource(baseUrl, s));
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
