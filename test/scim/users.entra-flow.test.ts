// Microsoft Entra ID's provisioning sequence, replayed from its documented request shapes and quirks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { fixture } from '../helpers/fixture.js';
import { PATCH, q, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { AttributeMappingsDocument, DefineCustomAttributeDocument, SetAttributeMappingsDocument, type MappingRuleInput } from '../generated/graphql.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:custom:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('SCIM: Entra ID user lifecycle', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  test('filter by externalId, create (with Entra extras such as roles: []), update, disable with string booleans', async () => {
    const body = fixture('entra/create-user');
    const pre = await scim.get(`/Users?${q(`externalId eq "${body.externalId}"`)}`);
    assert.equal(pre.status, 200);
    assert.equal(pre.body.totalResults, 0);
    const c = await scim.post('/Users', body);
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const id = c.body.id as string;
    const byExt = await scim.get(`/Users?${q(`externalId eq "${body.externalId}"`)}`);
    assert.equal(byExt.body.Resources[0].id, id);
    const byExtWrongCase = await scim.get(`/Users?${q(`externalId eq "${String(body.externalId).toUpperCase()}"`)}`);
    assert.equal(byExtWrongCase.body.totalResults, 0, 'externalId is case-exact');

    const upd = await scim.patch(`/Users/${id}`, fixture('entra/update-user'));
    assert.equal(upd.status, 200, JSON.stringify(upd.body));
    assert.equal(upd.body.name.familyName, 'updatedFamilyName');
    assert.deepEqual(upd.body.emails, [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }]);

    const off = await scim.patch(`/Users/${id}`, fixture('entra/disable-user'));
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.active, false);
    const on = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: 'active', value: 'True' }));
    assert.equal(on.body.active, true);
  });

  test('manager by bare id string, by object, and removal; Add on a filtered path creates the element', async () => {
    const boss = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'boss@example.com', displayName: 'The Boss' });
    const u = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'report@example.com' });
    const id = u.body.id;
    const set = await scim.patch(`/Users/${id}`, PATCH({ op: 'Add', path: `${ENT}:manager`, value: boss.body.id }));
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body[ENT].manager.value, boss.body.id);
    assert.equal(set.body[ENT].manager.displayName, 'The Boss');
    const removed = await scim.patch(`/Users/${id}`, PATCH({ op: 'Remove', path: `${ENT}:manager` }));
    assert.equal(removed.body[ENT]?.manager, undefined);
    const obj = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: `${ENT}:manager`, value: { value: boss.body.id } }));
    assert.equal(obj.body[ENT].manager.value, boss.body.id);
    const addr = await scim.patch(`/Users/${id}`, PATCH({ op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Seattle' }));
    assert.equal(addr.status, 200, JSON.stringify(addr.body));
    assert.deepEqual(addr.body.addresses, [{ type: 'work', primary: false, locality: 'Seattle' }]);
    const dept = await scim.patch(`/Users/${id}`, PATCH({ op: 'Add', value: { [`${ENT}:department`]: 'Finance', 'name.givenName': 'Rita' } }));
    assert.equal(dept.body[ENT].department, 'Finance');
    assert.equal(dept.body.name.givenName, 'Rita');
    const foreignManager = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: `${ENT}:manager`, value: '01900000-0000-7000-8000-000000000000' }));
    assert.equal(foreignManager.status, 400);
    assert.equal(foreignManager.body.scimType, 'invalidValue');
  });

  test('a manager id in capitals (a GUID as some directories write it) names the same user: never the user itself, and answered as stored', async () => {
    const boss = await scim.post('/Users', { schemas: [CORE], userName: 'caps.boss@example.com', displayName: 'Caps Boss' });
    const id = (await scim.post('/Users', { schemas: [CORE], userName: 'caps.report@example.com' })).body.id;
    const self = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: `${ENT}:manager`, value: id.toUpperCase() }));
    assert.equal(self.status, 400, JSON.stringify(self.body));
    assert.equal(self.body.scimType, 'invalidValue');
    assert.equal((await scim.get(`/Users/${id}`)).body[ENT]?.manager, undefined, 'nothing changed');
    const set = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: `${ENT}:manager`, value: boss.body.id.toUpperCase() }));
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const manager = { value: boss.body.id, $ref: `${t.url}/scim/v2/Users/${boss.body.id}`, displayName: 'Caps Boss' };
    assert.deepEqual(set.body[ENT].manager, manager);
    assert.deepEqual((await scim.get(`/Users/${id}`)).body[ENT].manager, manager);
  });

  test("a manager given by the IdP's own id (externalId) or by userName is linked; one that matches nobody is left out instead of failing the user", async () => {
    // OneLogin's enterprise templates send manager.value = its external_manager_id, Okta a manager login
    const boss = await scim.post('/Users', { schemas: [CORE], userName: 'boss.ext@example.com', externalId: 'ol-4711' });
    const byExternal = await scim.post('/Users', {
      schemas: [CORE, ENT],
      userName: 'report1@example.com',
      [ENT]: { manager: { value: 'ol-4711', displayName: 'Boss' } },
    });
    assert.equal(byExternal.status, 201, JSON.stringify(byExternal.body));
    assert.equal(byExternal.body[ENT].manager.value, boss.body.id);
    const byUserName = await scim.put(`/Users/${byExternal.body.id}`, {
      schemas: [CORE, ENT],
      userName: 'report1@example.com',
      [ENT]: { manager: { value: 'Boss.Ext@example.com' } },
    });
    assert.equal(byUserName.status, 200, JSON.stringify(byUserName.body));
    assert.equal(byUserName.body[ENT].manager.value, boss.body.id);
    const unknown = await scim.post('/Users', {
      schemas: [CORE, ENT],
      userName: 'report2@example.com',
      [ENT]: { department: 'Eng', manager: { value: '12345678' } },
    });
    assert.equal(unknown.status, 201, JSON.stringify(unknown.body));
    assert.equal(unknown.body[ENT].manager, undefined);
    assert.equal(unknown.body[ENT].department, 'Eng');
    // a value no filter can carry (longer than a filter may be) names nobody either
    const odd = await scim.post('/Users', { schemas: [CORE, ENT], userName: 'report3@example.com', [ENT]: { manager: { value: `"${'x'.repeat(3000)}\\` } } });
    assert.equal(odd.status, 201, JSON.stringify(odd.body));
    assert.equal(odd.body[ENT]?.manager, undefined);
    const patched = await scim.patch(`/Users/${unknown.body.id}`, PATCH({ op: 'Replace', path: `${ENT}:manager`, value: 'ol-4711' }));
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body[ENT].manager.value, boss.body.id);
  });

  test('an address of empty strings (an empty profile, as IdP templates send it) is not stored', async () => {
    const c = await scim.post('/Users', {
      schemas: [CORE],
      userName: 'noaddress@example.com',
      addresses: [
        { type: 'work', streetAddress: '', locality: '', postalCode: '', country: '' },
        { type: 'home', locality: 'Lyon' },
      ],
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    assert.deepEqual(c.body.addresses, [{ type: 'home', primary: false, locality: 'Lyon' }]);
    const put = await scim.put(`/Users/${c.body.id}`, {
      schemas: [CORE],
      userName: 'noaddress@example.com',
      addresses: [{ streetAddress: ' ', city: 'Paris' }],
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.addresses, undefined);
  });

  test('a custom attribute the user has no value for yet is set by PATCH, also under the namespace the admin chose', async () => {
    await t.gql(DefineCustomAttributeDocument, { organizationId: org.id, input: { name: 'worksiteId', type: 'STRING' } }, org.key);
    await t.gql(DefineCustomAttributeDocument, { organizationId: org.id, input: { name: 'badge', type: 'INTEGER' } }, org.key);
    await t.gql(DefineCustomAttributeDocument, { organizationId: org.id, input: { name: 'sites', type: 'STRING', multiValued: true } }, org.key);
    const u = await scim.post('/Users', { schemas: [CORE], userName: 'worksite@example.com' });
    const id = u.body.id as string;
    // Entra sends Add of the attribute when its source first gets a value
    const add = await scim.patch(
      `/Users/${id}`,
      PATCH({ op: 'Add', path: `${CUSTOM}:worksiteId`, value: '182' }, { op: 'Replace', path: 'title', value: 'Clerk' }),
    );
    assert.equal(add.status, 200, JSON.stringify(add.body));
    assert.deepEqual(add.body[CUSTOM], { worksiteId: '182' });
    assert.equal(add.body.title, 'Clerk');
    // removed, then set again
    const rm = await scim.patch(`/Users/${id}`, PATCH({ op: 'Remove', path: `${CUSTOM}:worksiteId` }));
    assert.equal(rm.body[CUSTOM], undefined);
    // typed by the definitions: an integer from a string, a multi-valued attribute from one value
    const again = await scim.patch(
      `/Users/${id}`,
      PATCH({ op: 'Replace', value: { [`${CUSTOM}:worksiteId`]: '190', [`${CUSTOM}:badge`]: '7' } }, { op: 'Add', path: `${CUSTOM}:sites`, value: 'north' }),
    );
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body[CUSTOM], { worksiteId: '190', badge: 7, sites: ['north'] });
    const more = await scim.patch(`/Users/${id}`, PATCH({ op: 'Add', path: `${CUSTOM}:sites`, value: 'south' }));
    assert.deepEqual(more.body[CUSTOM].sites, ['north', 'south']);
    const bad = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: `${CUSTOM}:badge`, value: 'seven' }));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.scimType, 'invalidValue');

    // Microsoft's instructions for custom attributes: urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>
    const ext = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
    const c = await scim.post('/Users', { schemas: [CORE, ENT, ext], userName: 'ext-ns@example.com', [ext]: { worksiteId: '300', unknownThing: 'x' } });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    assert.deepEqual(c.body[CUSTOM], { worksiteId: '300' }, 'defined attributes are stored; undefined ones are left to the mappings');
    const p = await scim.patch(
      `/Users/${c.body.id}`,
      PATCH({ op: 'Add', path: `${ext}:badge`, value: '12' }, { op: 'Replace', value: { [ext]: { worksiteId: '301' } } }),
    );
    assert.equal(p.status, 200, JSON.stringify(p.body));
    assert.deepEqual(p.body[CUSTOM], { worksiteId: '301', badge: 12 });
    // Entra ID qualifies an attribute whose namespace is the core schema with the core URN
    const coreQualified = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'Replace', path: `${CORE}:worksiteId`, value: '305' }));
    assert.equal(coreQualified.status, 200, JSON.stringify(coreQualified.body));
    assert.deepEqual(coreQualified.body[CUSTOM], { worksiteId: '305', badge: 12 });
    const put = await scim.put(`/Users/${c.body.id}`, {
      schemas: [CORE, 'urn:okta:acme_app:1.0:user:custom'],
      userName: 'ext-ns@example.com',
      'urn:okta:acme_app:1.0:user:custom': { worksiteId: '302' },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body[CUSTOM].worksiteId, '302');
    // a PATCH of an attribute no definition and no mapping knows changes nothing, like a POST of it
    const unknown = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'Add', path: `${ext}:unknownThing`, value: 'y' }));
    assert.equal(unknown.status, 200, JSON.stringify(unknown.body));
    assert.equal(unknown.body.meta.version, put.body.meta.version);
    // an extension value that is not an object is refused
    const notObject = await scim.post('/Users', { schemas: [CORE, ext], userName: 'bad-ext@example.com', [ext]: 'x' });
    assert.equal(notObject.status, 400);
    assert.equal(notObject.body.scimType, 'invalidValue');
  });

  test('a filter (the matching attribute an admin chose) and sortBy find a custom attribute under the namespace it is written in', async () => {
    await t.gql(DefineCustomAttributeDocument, { organizationId: org.id, input: { name: 'employeeCode', type: 'STRING' } }, org.key);
    const ext = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';
    const okta = 'urn:okta:contoso_app:1.0:user:custom';
    const ids: string[] = [];
    for (const code of ['E-2', 'E-1']) {
      const c = await scim.post('/Users', { schemas: [CORE, ext], userName: `match-${code}@example.com`, [ext]: { employeeCode: code } });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      ids.push(c.body.id);
    }
    for (const urn of [ext, okta, CORE, CUSTOM]) {
      const found = await scim.get(`/Users?${q(`${urn}:employeeCode eq "E-1"`)}`);
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.deepEqual(
        found.body.Resources.map((u: { id: string }) => u.id),
        [ids[1]],
        urn,
      );
      const sorted = await scim.get(`/Users?${q(`${urn}:employeeCode pr`)}&sortBy=${encodeURIComponent(`${urn}:employeeCode`)}`);
      assert.equal(sorted.status, 200, JSON.stringify(sorted.body));
      assert.deepEqual(
        sorted.body.Resources.map((u: { id: string }) => u.id),
        [ids[1], ids[0]],
        urn,
      );
    }
    // a name no definition has, in another namespace, is still refused
    const unknown = await scim.get(`/Users?${q(`${ext}:nothingDefined eq "x"`)}`);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.scimType, 'invalidFilter');
  });

  test('app roles (roles) reach a roles → role mapping on create and PATCH; a remove clears them', async () => {
    const current = await t.gql(AttributeMappingsDocument, { organizationId: org.id, source: 'SCIM' }, org.key);
    const rules = current.attributeMappings.rules.map((r) => ({
      source: r.source,
      target: r.target,
      transforms: r.transforms.map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== null))),
    })) as MappingRuleInput[];
    await t.gql(
      SetAttributeMappingsDocument,
      {
        organizationId: org.id,
        source: 'SCIM',
        rules: [
          ...rules,
          { source: 'roles', target: 'role', transforms: [{ kind: 'LOOKUP', table: { Admin: 'ADMIN', Reader: 'VIEWER' }, dropUnmatched: true }] },
        ],
      },
      org.key,
    );
    try {
      const c = await scim.post('/Users', {
        schemas: [CORE],
        userName: 'approle@example.com',
        roles: [{ primary: 'True', type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }],
      });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      assert.equal(c.body.roles, undefined, 'roles are not returned');
      assert.equal(await roleOf(c.body.id), 'ADMIN');
      // SingleAppRoleAssignment: Replace of roles[primary eq "True"].value
      const single = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'Replace', path: 'roles[primary eq "True"].value', value: 'Reader' }));
      assert.equal(single.status, 200, JSON.stringify(single.body));
      assert.equal(await roleOf(c.body.id), 'VIEWER');
      // AppRoleAssignmentsComplex: Add of the roles
      const complex = await scim.patch(
        `/Users/${c.body.id}`,
        PATCH({ op: 'Add', path: 'roles', value: [{ primary: 'False', type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }] }),
      );
      assert.equal(complex.status, 200, JSON.stringify(complex.body));
      assert.equal(await roleOf(c.body.id), 'ADMIN');
      // ... which Entra sends in PATCH as {id, value, displayName} elements (MicrosoftDocs/azure-docs#50772)
      const entraShape = await scim.patch(
        `/Users/${c.body.id}`,
        PATCH({ op: 'Add', path: 'roles', value: [{ id: '06b07648-ecfe-589f-9d2f-6325724a46ee', value: 'Reader', displayName: 'Reader' }] }),
      );
      assert.equal(entraShape.status, 200, JSON.stringify(entraShape.body));
      assert.equal(await roleOf(c.body.id), 'VIEWER');
      // a remove, in any form, clears them: the role falls back to the organization's default
      const removed = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'Remove', path: 'roles[value eq "Admin"]' }));
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.equal(await roleOf(c.body.id), 'MEMBER');
    } finally {
      await t.gql(SetAttributeMappingsDocument, { organizationId: org.id, source: 'SCIM', rules }, org.key);
    }
  });

  test('a filter on a filtered sub-attribute (emails[type eq "work"].value eq …) finds the user, as Entra and its validator send it', async () => {
    const u = await scim.post('/Users', {
      schemas: [CORE],
      userName: 'workmail@example.com',
      emails: [
        { value: 'Work.Mail@example.com', type: 'work', primary: true },
        { value: 'home@example.com', type: 'home' },
      ],
    });
    assert.equal(u.status, 201);
    const found = await scim.get(`/Users?${q('emails[type eq "work"].value eq "work.mail@example.com"')}`);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(
      found.body.Resources.map((r: { id: string }) => r.id),
      [u.body.id],
    );
    const wrongType = await scim.get(`/Users?${q('emails[type eq "home"].value eq "work.mail@example.com"')}`);
    assert.equal(wrongType.body.totalResults, 0);
  });

  async function roleOf(id: string): Promise<string> {
    const r = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${org.key}` },
      body: JSON.stringify({ query: 'query($o: ID!, $id: ID!) { user(organizationId: $o, id: $id) { role } }', variables: { o: org.id, id } }),
    });
    return ((await r.json()) as { data: { user: { role: string } } }).data.user.role;
  }
});
