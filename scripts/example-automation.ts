/**
 * Example automation script (see README): creates an organization, a SCIM token for its identity
 * provider and a first user, using the typed operations that `npm run codegen` generates from
 * schema/schema.graphql.
 *
 *   API_URL=http://127.0.0.1:4000 ADMIN_KEY=idm_admin_… npx tsx scripts/example-automation.ts acme "Acme Corp"
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { CreateOrganizationDocument, CreateScimTokenDocument, CreateUserDocument } from '../test/generated/graphql.js';

const api = process.env.API_URL ?? 'http://127.0.0.1:4000';
const key = process.env.ADMIN_KEY;
if (!key) throw new Error('set ADMIN_KEY to a platform key (printed by the first `npm start`)');

async function call<R, V>(doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const res = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(doc), variables }),
  });
  const body = (await res.json()) as { data?: R; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('\n'));
  return body.data!;
}

const [slug = 'acme', name = 'Acme Corp'] = process.argv.slice(2);
const { createOrganization: org } = await call(CreateOrganizationDocument, { input: { name, slug } });
const { createScimToken } = await call(CreateScimTokenDocument, { organizationId: org.id, name: 'Okta' });
const { createUser: user } = await call(CreateUserDocument, {
  organizationId: org.id,
  input: { userName: `admin@${slug}.example`, name: { givenName: 'First', familyName: 'Admin' }, role: 'ADMIN' },
});
console.log(JSON.stringify({ organizationId: org.id, scimToken: createScimToken.token, firstUserId: user.id }, null, 2));
