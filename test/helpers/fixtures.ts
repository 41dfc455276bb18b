import type { TestServer } from './harness.js';
import {
  CreateApiKeyDocument,
  CreateOrganizationDocument,
  CreateScimTokenDocument,
  CreateUserDocument,
  DefineCustomAttributeDocument,
  type CreateUserMutationVariables,
  type DefineCustomAttributeInput,
} from '../generated/graphql.js';
import { randomBytes } from 'node:crypto';

export interface OrgFixture {
  id: string;
  slug: string;
  /** An ADMIN API key of the organization. */
  key: string;
  scimToken: string;
}

/** A new organization with an admin API key and a SCIM token. */
export async function createOrg(t: TestServer, slug = `org-${randomBytes(4).toString('hex')}`): Promise<OrgFixture> {
  const { createOrganization } = await t.gql(CreateOrganizationDocument, { input: { name: slug.toUpperCase(), slug } });
  const { createApiKey } = await t.gql(CreateApiKeyDocument, { organizationId: createOrganization.id, name: 'admin', role: 'ADMIN' });
  const { createScimToken } = await t.gql(CreateScimTokenDocument, { organizationId: createOrganization.id, name: 'Okta' });
  return { id: createOrganization.id, slug, key: createApiKey.token, scimToken: createScimToken.token };
}

export async function createUser(t: TestServer, org: OrgFixture, input: CreateUserMutationVariables['input'], key = org.key) {
  return (await t.gql(CreateUserDocument, { organizationId: org.id, input }, key)).createUser;
}

/** Defines custom attributes: name → type, or a full definition. */
export async function defineAttributes(
  t: TestServer,
  org: OrgFixture,
  defs: Record<string, DefineCustomAttributeInput['type'] | Omit<DefineCustomAttributeInput, 'name'>>,
) {
  for (const [name, d] of Object.entries(defs)) {
    const input = typeof d === 'string' ? { name, type: d } : { name, ...d };
    await t.gql(DefineCustomAttributeDocument, { organizationId: org.id, input }, org.key);
  }
}

/** The secret part of a bearer token (`idm_<kind>_<lookupId>_<secret>`): its last 43 characters.
 *  Not `split('_').pop()`: base64url secrets may themselves contain `_`, leaving a short fragment. */
export function secretPart(token: string): string {
  return token.slice(-43);
}
