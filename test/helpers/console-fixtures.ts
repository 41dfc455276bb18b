/** Data for the console's browser tests: an organization with a SCIM token, two SCIM users in a group, and a setup link. */
import assert from 'node:assert/strict';
import type { TestServer } from './harness.js';

export interface ConsoleFixture {
  orgId: string;
  scimToken: string;
  userIds: string[];
  setupUrl: URL;
}

export async function seedConsoleFixture(t: TestServer): Promise<ConsoleFixture> {
  const org = (await t.gql<any, any>(`mutation { createOrganization(input: { name: "Acme Corp", slug: "acme" }) { id } }`)).createOrganization;
  const scim = (await t.gql<any, any>(`mutation($o: ID!) { createScimToken(organizationId: $o, name: "Okta") { token } }`, { o: org.id })).createScimToken;
  for (const [userName, given] of [
    ['ada@acme.example', 'Ada'],
    ['grace@acme.example', 'Grace'],
  ]) {
    const res = await fetch(`${t.url}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        name: { givenName: given, familyName: 'Example' },
        active: true,
      }),
    });
    assert.equal(res.status, 201);
  }
  const users = (await t.gql<any, any>(`query($o: ID!) { users(organizationId: $o) { nodes { id } } }`, { o: org.id })).users.nodes;
  await t.gql(`mutation($o: ID!, $m: [ID!]) { createGroup(organizationId: $o, input: { displayName: "Engineering", memberIds: $m }) { id } }`, {
    o: org.id,
    m: users.map((u: any) => u.id),
  });
  const link = (await t.gql<any, any>(`mutation($o: ID!) { createSetupLink(organizationId: $o, input: { scopes: [SSO, SCIM] }) { url } }`, { o: org.id }))
    .createSetupLink;
  return { orgId: org.id, scimToken: scim.token, userIds: users.map((u: any) => u.id), setupUrl: new URL(link.url) };
}
