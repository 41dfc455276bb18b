// docs/PROVISIONING.md §4.1 (userName as a source), §4.2 (own rules extend the defaults by target; disabled defaults), §4.6 (dry run)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { signInAsSamlAdapter } from '../helpers/saml-adapter.js';
import { scimClient } from '../helpers/scim-client.js';
import { Migration20261206200800_attribute_mappings_disabled_defaults as DisabledDefaultsMigration } from '../../migrations/Migration20261206200800_attribute_mappings_disabled_defaults.js';
import {
  AttributeMappingsDocument,
  EventsDocument,
  PreviewProvisioningDocument,
  ProvisionUserDocument,
  SetAttributeMappingsDocument,
  UserDocument,
  type MappingRuleInput,
} from '../generated/graphql.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('attribute mappings keep their defaults (§4.2)', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  const setRules = (org: OrgFixture, source: 'SCIM' | 'SAML', rules: MappingRuleInput[], disabledDefaults?: string[] | null) =>
    t.gql(SetAttributeMappingsDocument, { organizationId: org.id, source, rules, disabledDefaults }, org.key);
  const signIn = async (org: OrgFixture, subject: string, attributes: Record<string, unknown>) => {
    const r = await signInAsSamlAdapter(t, org.id, { subject, attributes });
    if (r.errors.length) throw new Error(JSON.stringify(r.errors));
    return r.data!.signIn;
  };

  test('§4.2 one own rule (department) keeps every other default: a SCIM create still stores the emails', async () => {
    const org = await createOrg(t);
    const set = await setRules(org, 'SCIM', [{ source: 'costCode', target: 'department', transforms: [{ kind: 'UPPER' }] }]);
    assert.equal(set.setAttributeMappings.isDefault, false);
    assert.deepEqual(
      set.setAttributeMappings.rules.map((r) => r.target),
      ['department'],
    );
    const scim = scimClient(t, org.scimToken);
    const c = await scim.post('/Users', {
      schemas: [CORE, ENT],
      userName: 'kept@example.com',
      displayName: 'Kept Defaults',
      emails: [{ value: 'kept@example.com', type: 'work', primary: true }],
      costCode: 'rd-7',
      [ENT]: { department: 'ignored: the own rule replaces this default' },
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const u = (await t.gql(UserDocument, { organizationId: org.id, id: c.body.id }, org.key)).user!;
    assert.deepEqual(u.emails, [{ value: 'kept@example.com', type: 'work', primary: true }], 'the default emails rule still applies');
    assert.equal(u.displayName, 'Kept Defaults');
    assert.equal(u.department, 'RD-7', 'the own rule replaced the default department rule');
  });

  test('§4.2 effectiveRules: own rules first (RULE), then the defaults of the targets they leave (DEFAULT), then IMPLICIT', async () => {
    const org = await createOrg(t);
    const m = await setRules(org, 'SAML', [
      { source: 'mail', target: 'email' },
      { source: 'upn', target: 'email' },
    ]);
    const eff = m.setAttributeMappings.effectiveRules;
    assert.deepEqual(
      eff.slice(0, 2).map((r) => [r.source, r.target, r.origin]),
      [
        ['mail', 'email', 'RULE'],
        ['upn', 'email', 'RULE'],
      ],
    );
    assert.ok(!eff.some((r) => r.target === 'email' && r.origin === 'DEFAULT'), 'both default email rules are replaced');
    assert.ok(eff.some((r) => r.source === 'firstName' && r.target === 'givenName' && r.origin === 'DEFAULT'));
    assert.ok(eff.some((r) => r.target === 'groups' && r.origin === 'DEFAULT'));
    const read = (await t.gql(AttributeMappingsDocument, { organizationId: org.id, source: 'SAML' }, org.key)).attributeMappings;
    assert.deepEqual(read.effectiveRules, eff);
    assert.ok(
      read.defaultRules.some((r) => r.source === 'email' && r.target === 'email'),
      'the defaults are listed whether they apply or not',
    );
    const s = await signIn(org, 'nameid@example.com', { firstName: 'Mia', email: 'default@example.com', upn: 'upn@example.com' });
    assert.equal(s.user.name?.givenName, 'Mia');
    assert.deepEqual(
      s.user.emails.map((e) => e.value),
      ['upn@example.com'],
      'own email rules: mail absent, upn is the fallback; the default email attribute is not read',
    );
  });

  test('§4.2 disabledDefaults: a disabled default target is not mapped; omitted keeps the list, [] enables the defaults again; refused targets', async () => {
    const org = await createOrg(t);
    const set = await setRules(org, 'SCIM', [], ['title', 'emails']);
    assert.deepEqual(set.setAttributeMappings.disabledDefaults, ['title', 'emails']);
    assert.equal(set.setAttributeMappings.isDefault, false);
    assert.ok(!set.setAttributeMappings.effectiveRules.some((r) => r.target === 'title' || r.target === 'emails'));
    const body = { userName: 'nodefaults@example.com', attributes: { title: 'Dev', emails: [{ value: 'nod@example.com', type: 'work' }], nickName: 'Nod' } };
    const p = await t.gql(ProvisionUserDocument, { organizationId: org.id, input: body }, org.scimToken);
    assert.equal(p.provisionUser.user.title, null, 'title is not mapped at all');
    const u = (await t.gql(UserDocument, { organizationId: org.id, id: p.provisionUser.user.id }, org.key)).user!;
    assert.deepEqual(u.emails, [], 'emails are not mapped at all');
    assert.ok(!p.provisionUser.rules.some((r) => r.target === 'title'));

    // an own rule for a disabled target still runs (only the defaults are disabled)
    const own = await setRules(org, 'SCIM', [{ source: 'jobCode', target: 'title' }]);
    assert.deepEqual(own.setAttributeMappings.disabledDefaults, ['title', 'emails'], 'omitted: the list is kept');
    const p2 = await t.gql(
      ProvisionUserDocument,
      { organizationId: org.id, input: { userId: p.provisionUser.user.id, attributes: { title: 'Dev', jobCode: 'J-1' } } },
      org.scimToken,
    );
    assert.equal(p2.provisionUser.user.title, 'J-1');

    const again = await setRules(org, 'SCIM', [], []);
    assert.deepEqual(again.setAttributeMappings.disabledDefaults, []);
    assert.equal(again.setAttributeMappings.isDefault, true, 'no own rules and nothing disabled is the defaults');

    for (const [source, target] of [
      ['SCIM', 'groups'],
      ['SCIM', 'nope'],
      ['SAML', 'emails'],
      ['SCIM', 'custom:x'],
    ] as const) {
      const r = await t.raw(SetAttributeMappingsDocument, { organizationId: org.id, source, rules: [], disabledDefaults: ['givenName', target] }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', `${source} ${target}`);
      assert.equal(r.errors?.[0]?.extensions?.reason, 'mapping.disabledDefaults.invalid', `${source} ${target}`);
      assert.match(r.errors?.[0]?.message ?? '', /disabledDefaults\[1\]/);
    }

    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['ATTRIBUTE_MAPPINGS_CHANGED'] } }, org.key);
    const changes = ev.events.nodes.map((e) => e.changes);
    assert.equal(changes.length, 3);
    const byTime = changes; // oldest first
    assert.deepEqual(byTime[0], { disabledDefaults: { before: [], after: ['title', 'emails'] } });
    assert.deepEqual(Object.keys(byTime[1]!), ['rules'], 'only what changed is in the diff');
    assert.deepEqual(byTime[2], {
      rules: { before: [{ source: 'jobCode', target: 'title', transforms: [] }], after: 'DEFAULT' },
      disabledDefaults: { before: ['title', 'emails'], after: [] },
    });
  });

  test('§4.5 SAML group sync is turned off by disabling the groups default, not by leaving the groups rules out', async () => {
    const org = await createOrg(t);
    const m = await setRules(org, 'SAML', [{ source: 'givenname', target: 'givenName' }]);
    assert.ok(m.setAttributeMappings.effectiveRules.some((r) => r.target === 'groups' && r.origin === 'DEFAULT'));
    const off = await setRules(org, 'SAML', [{ source: 'givenname', target: 'givenName' }], ['groups']);
    assert.ok(!off.setAttributeMappings.effectiveRules.some((r) => r.target === 'groups'));
  });

  test('§4.6 the dry run shows the merged rules and where each comes from', async () => {
    const org = await createOrg(t);
    await setRules(org, 'SCIM', [{ source: 'costCode', target: 'department' }]);
    const pv = (
      await t.gql(
        PreviewProvisioningDocument,
        {
          organizationId: org.id,
          source: 'SCIM',
          input: { userName: 'preview@example.com', attributes: { costCode: 'Ops', emails: [{ value: 'preview@example.com', type: 'work' }] } },
        },
        org.key,
      )
    ).previewProvisioning;
    assert.equal(pv.error, null);
    assert.equal((pv.user as { department: string }).department, 'Ops');
    assert.deepEqual(
      (pv.user as { emails: Array<{ value: string }> }).emails.map((e) => e.value),
      ['preview@example.com'],
    );
    assert.deepEqual(
      pv.rules.filter((r) => r.fired).map((r) => [r.target, r.origin]),
      [
        ['department', 'RULE'],
        ['emails', 'DEFAULT'],
      ],
    );
    assert.equal(pv.rules[0]?.origin, 'RULE');
  });

  test('§4.1 userName is a mapping source: SCIM reads the userName, SAML the NameID unless a userName attribute is sent', async () => {
    const org = await createOrg(t);
    await setRules(org, 'SCIM', [{ source: 'userName', target: 'email' }]);
    const scim = scimClient(t, org.scimToken);
    const c = await scim.post('/Users', { schemas: [CORE], userName: 'Login@Example.com' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const id = c.body.id as string;
    const emailsOf = async () => (await t.gql(UserDocument, { organizationId: org.id, id }, org.key)).user!.emails.map((e) => e.value);
    assert.deepEqual(await emailsOf(), ['Login@Example.com'], 'the email rule read the userName; the default emails rule, finding nothing, did not empty it');
    const renamed = await scim.patch(`/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'userName', value: 'renamed@example.com' }],
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual(await emailsOf(), ['renamed@example.com'], 'a PATCH of userName runs the rule');
    const titled = await scim.patch(`/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'title', value: 'Dev' }],
    });
    assert.equal(titled.status, 200);
    assert.deepEqual(await emailsOf(), ['renamed@example.com'], 'a PATCH that leaves userName leaves its targets');
    const sent = await scim.put(`/Users/${id}`, { schemas: [CORE], userName: 'renamed@example.com', emails: [{ value: 'work@example.com', type: 'work' }] });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.deepEqual(await emailsOf(), ['work@example.com'], 'emails the IdP sends win over the email rule');

    await setRules(org, 'SAML', [{ source: 'userName', target: 'displayName', transforms: [{ kind: 'REGEX_EXTRACT', pattern: '^([^@]+)@' }] }]);
    const byNameId = await signIn(org, 'nameid.user@example.com', { firstName: 'Nia' });
    assert.equal(byNameId.user.displayName, 'nameid.user');
    const byAttribute = await signIn(org, 'other@example.com', { userName: 'attr.user@example.com' });
    assert.equal(byAttribute.user.displayName, 'attr.user', 'an asserted userName attribute is read, not the NameID');
  });

  test('upgrade: a stored SAML rule list without a groups rule keeps group sync off (the migration disables the groups default)', async () => {
    const orgs = await Promise.all([createOrg(t), createOrg(t), createOrg(t), createOrg(t)]);
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const insert = (org: string, source: string, rules: unknown) =>
        db.query(`insert into attribute_mappings (organization_id, source, rules, updated_at) values ($1, $2, $3, now())`, [
          org,
          source,
          JSON.stringify(rules),
        ]);
      await insert(orgs[0]!.id, 'SAML', [{ source: 'firstName', target: 'givenName', transforms: [] }]);
      await insert(orgs[1]!.id, 'SAML', [{ source: 'memberOf', target: 'groups', transforms: [] }]);
      await insert(orgs[2]!.id, 'SCIM', [{ source: 'jobCode', target: 'title', transforms: [] }]);
      await insert(orgs[3]!.id, 'SCIM', []);
      const migration = new DisabledDefaultsMigration({} as never, {} as never);
      await migration.up();
      const queries = migration.getQueries().map(String);
      assert.equal(queries.length, 2);
      await db.query(queries[1]!);
      const rows = await db.query<{ organization_id: string; disabled_defaults: string[] }>(
        `select organization_id, disabled_defaults from attribute_mappings where organization_id = any($1::uuid[])`,
        [orgs.map((o) => o.id)],
      );
      const disabled = new Map(rows.rows.map((r) => [r.organization_id, r.disabled_defaults]));
      assert.deepEqual(disabled.get(orgs[0]!.id), ['groups']);
      assert.deepEqual(disabled.get(orgs[1]!.id), []);
      assert.deepEqual(disabled.get(orgs[2]!.id), []);
      assert.deepEqual(disabled.get(orgs[3]!.id), []);
    } finally {
      await db.end();
    }
    const m = (await t.gql(AttributeMappingsDocument, { organizationId: orgs[0]!.id, source: 'SAML' }, orgs[0]!.key)).attributeMappings;
    assert.deepEqual(m.disabledDefaults, ['groups']);
    assert.ok(!m.effectiveRules.some((r) => r.target === 'groups'));
    assert.ok(
      m.effectiveRules.some((r) => r.target === 'email' && r.origin === 'DEFAULT'),
      'the other defaults apply again',
    );
    const scimRules = (await t.gql(AttributeMappingsDocument, { organizationId: orgs[2]!.id, source: 'SCIM' }, orgs[2]!.key)).attributeMappings;
    assert.deepEqual(
      scimRules.effectiveRules.filter((r) => r.target === 'title').map((r) => [r.source, r.origin]),
      [['jobCode', 'RULE']],
    );
    assert.ok(
      scimRules.effectiveRules.some((r) => r.target === 'emails' && r.origin === 'DEFAULT'),
      'a stored SCIM list now extends the defaults',
    );
    const empty = (await t.gql(AttributeMappingsDocument, { organizationId: orgs[3]!.id, source: 'SCIM' }, orgs[3]!.key)).attributeMappings;
    assert.equal(empty.isDefault, true, 'a stored empty list is the defaults');
  });
});
