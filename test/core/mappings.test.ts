// docs/PROVISIONING.md §4
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, defineAttributes, type OrgFixture } from '../helpers/fixtures.js';
import { signInAsSamlAdapter } from '../helpers/saml-adapter.js';
import {
  AttributeMappingsDocument,
  CreateGroupDocument,
  EventsDocument,
  PreviewProvisioningDocument,
  ProvisionUserDocument,
  ResetAttributeMappingsDocument,
  SetAttributeMappingsDocument,
  SetProvisioningPolicyDocument,
  UpdateUserDocument,
  UserDocument,
  type MappingRuleInput,
} from '../generated/graphql.js';

describe('attribute mappings (§4)', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  const samlRules = (org: OrgFixture, rules: MappingRuleInput[]) =>
    t.gql(SetAttributeMappingsDocument, { organizationId: org.id, source: 'SAML', rules }, org.key);
  const signIn = async (org: OrgFixture, subject: string, attributes: Record<string, unknown>) => {
    const r = await signInAsSamlAdapter(t, org.id, { subject, attributes });
    if (r.errors.length) throw new Error(JSON.stringify(r.errors));
    return r.data!.signIn;
  };

  test('§4.2 defaults: Okta SCIM core + enterprise attributes map with zero configuration', async () => {
    const org = await createOrg(t);
    const r = await t.gql(
      ProvisionUserDocument,
      {
        organizationId: org.id,
        input: {
          userName: 'okta.user@example.com',
          externalId: '00u1okta',
          attributes: {
            'name.givenName': 'Okta',
            'name.familyName': 'User',
            displayName: 'Okta User',
            title: 'Engineer',
            emails: [{ value: 'okta.user@example.com', type: 'work', primary: true }],
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'R&D',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter': 'CC-9',
          },
        },
      },
      org.scimToken,
    );
    const u = r.provisionUser.user;
    assert.deepEqual(u.name, { givenName: 'Okta', familyName: 'User' });
    assert.equal(u.department, 'R&D');
    assert.equal(u.title, 'Engineer');
    assert.deepEqual(u.emails, [{ value: 'okta.user@example.com', type: 'work', primary: true }]);
    assert.equal(u.attributeSources.title && (u.attributeSources.title as { source: string }).source, 'SCIM');
    const m = await t.gql(AttributeMappingsDocument, { organizationId: org.id, source: 'SCIM' }, org.key);
    assert.equal(m.attributeMappings.isDefault, true);
    assert.deepEqual(m.attributeMappings.rules, [], 'no rules of its own');
    assert.ok(m.attributeMappings.defaultRules.length > 10);
    assert.deepEqual(
      m.attributeMappings.effectiveRules.map((r) => [r.source, r.target, r.origin]),
      m.attributeMappings.defaultRules.map((r) => [r.source, r.target, 'DEFAULT']),
    );
  });

  test('§4.2 defaults: Okta and Entra SAML attribute names both work (first rule that yields wins)', async () => {
    const org = await createOrg(t);
    const okta = await signIn(org, 'okta@example.com', {
      firstName: ['Olga'],
      lastName: ['Okta'],
      email: ['okta@example.com'],
      title: ['PM'],
      department: ['Product'],
    });
    assert.deepEqual(okta.user.name, { givenName: 'Olga', familyName: 'Okta' });
    assert.equal(okta.user.department, 'Product');
    const entra = await signIn(org, 'entra@example.com', {
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': ['Erin'],
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': ['Entra'],
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['erin@example.com'],
    });
    assert.deepEqual(entra.user.name, { givenName: 'Erin', familyName: 'Entra' });
    assert.deepEqual(entra.user.emails, [{ value: 'erin@example.com', type: 'work', primary: true }]);
    const both = await signIn(org, 'both@example.com', {
      firstName: 'FromOkta',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': 'FromEntra',
    });
    assert.equal(both.user.name.givenName, 'FromOkta');
    const outcome = both.rules.find((r) => r.source.endsWith('/givenname'))!;
    assert.equal(outcome.fired, false);
    assert.match(outcome.note ?? '', /earlier rule/);
  });

  test('§4.3 every transform', async () => {
    const org = await createOrg(t);
    await defineAttributes(t, org, {
      skills: { type: 'STRING', multiValued: true },
      badge: 'STRING',
      region: 'STRING',
      tags: { type: 'STRING', multiValued: true },
    });
    await samlRules(org, [
      { source: 'first', target: 'givenName', transforms: [{ kind: 'TRIM' }, { kind: 'UPPER' }] },
      { source: 'last', target: 'familyName', transforms: [{ kind: 'LOWER' }] },
      { source: 'skillList', target: 'custom:skills', transforms: [{ kind: 'SPLIT', separator: ';' }] },
      { source: 'titleParts', target: 'title', transforms: [{ kind: 'JOIN', separator: ' / ' }] },
      { source: 'dept', target: 'department', transforms: [{ kind: 'DEFAULT', value: 'Unassigned' }] },
      { source: 'employee', target: 'custom:badge', transforms: [{ kind: 'REGEX_EXTRACT', pattern: '^EMP-(\\d+)$' }] },
      { source: 'office', target: 'custom:region', transforms: [{ kind: 'LOOKUP', table: { LON: 'EMEA', NYC: 'AMER' } }] },
      { source: 'rawTags', target: 'custom:tags', transforms: [{ kind: 'LOOKUP', table: { a: 'alpha' }, dropUnmatched: true }] },
    ]);
    const r = await signIn(org, 'tx@example.com', {
      first: '  ada ',
      last: 'LOVELACE',
      skillList: 'sql; dbt ;;python',
      titleParts: ['Staff', 'Data'],
      employee: 'EMP-00042',
      office: 'lon',
      rawTags: ['A', 'b'],
    });
    assert.deepEqual(r.user.name, { givenName: 'ADA', familyName: 'lovelace' });
    assert.equal(r.user.title, 'Staff / Data');
    assert.equal(r.user.department, 'Unassigned');
    assert.deepEqual(r.user.customAttributes, { skills: ['sql', 'dbt', 'python'], badge: '00042', region: 'EMEA', tags: ['alpha'] });
    const noMatch = await signIn(org, 'tx2@example.com', { employee: 'CONTRACTOR-7', office: 'PAR' });
    assert.deepEqual(noMatch.user.customAttributes, { region: 'PAR' }, 'unmatched regex drops the value; unmatched lookup keeps it');
  });

  test('§4.3 Entra group object ids become names through a lookup and drive group sync (§4.5)', async () => {
    const org = await createOrg(t);
    const analysts = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Analysts' } }, org.key)).createGroup;
    const admins = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Admins' } }, org.key)).createGroup;
    const pushed = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Pushed' } }, org.scimToken)).createGroup;
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { groupRoleRules: [{ groupId: admins.id, role: 'ADMIN' }] } }, org.key);
    await samlRules(org, [
      {
        source: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
        target: 'groups',
        transforms: [{ kind: 'LOOKUP', table: { 'a1b2-0001': 'Analysts', 'a1b2-0002': 'Admins', 'a1b2-0003': 'Pushed' }, dropUnmatched: true }],
      },
    ]);
    const claim = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups';
    const first = await signIn(org, 'grp@example.com', { [claim]: ['a1b2-0001', 'a1b2-0002', 'a1b2-0003', 'ffff-unknown'] });
    assert.deepEqual(first.user.groups.map((g) => g.displayName).sort(), ['Admins', 'Analysts'], 'SCIM-pushed groups are not SAML-managed');
    assert.equal(first.user.role, 'ADMIN', 'group-to-role rules apply to synced memberships');
    const second = await signIn(org, 'grp@example.com', { [claim]: ['a1b2-0001'] });
    assert.deepEqual(
      second.user.groups.map((g) => g.displayName),
      ['Analysts'],
    );
    assert.equal(second.user.role, 'MEMBER');
    void analysts;
    void pushed;
  });

  test('§4.1 SCIM replaces: a mapped attribute missing from a full update is cleared; SAML leaves it', async () => {
    const org = await createOrg(t);
    const c = await t.gql(
      ProvisionUserDocument,
      { organizationId: org.id, input: { userName: 'full@example.com', attributes: { title: 'Dev', nickName: 'Fu' } } },
      org.scimToken,
    );
    const u = await t.gql(
      ProvisionUserDocument,
      { organizationId: org.id, input: { userId: c.provisionUser.user.id, attributes: { title: 'Dev' } } },
      org.scimToken,
    );
    const got = (await t.gql(UserDocument, { organizationId: org.id, id: u.provisionUser.user.id }, org.key)).user!;
    assert.equal(got.title, 'Dev');
    const full = await t.gql(UserDocument, { organizationId: org.id, id: c.provisionUser.user.id }, org.key);
    assert.equal(full.user?.displayName, null);
    const s = await signIn(org, 'full@example.com', { department: 'Ops' });
    assert.equal(s.user.title, 'Dev', 'SAML did not clear the SCIM title');
  });

  test('§4.1 invalid rules are refused with the rule index; reset returns to defaults; changes are events (§6)', async () => {
    const org = await createOrg(t);
    const bad: Array<[MappingRuleInput, string]> = [
      [{ source: 'x', target: 'nope' }, 'mapping.target.invalid'],
      [{ source: 'x', target: 'custom:undefined_attr' }, 'mapping.target.invalid'],
      [{ source: 'x', target: 'id' }, 'mapping.target.invalid'],
      [{ source: 'x', target: 'userName' }, 'mapping.target.invalid'],
      [{ source: 'x', target: 'title', transforms: [{ kind: 'REGEX_EXTRACT', pattern: '(' }] }, 'mapping.transform.pattern'],
      // patterns that can backtrack for seconds on a short value, stalling every request of the process
      [{ source: 'x', target: 'title', transforms: [{ kind: 'REGEX_EXTRACT', pattern: '^(a+)+$' }] }, 'mapping.transform.pattern'],
      [{ source: 'x', target: 'title', transforms: [{ kind: 'REGEX_EXTRACT', pattern: '^(\\w+\\s?)*$' }] }, 'mapping.transform.pattern'],
      [{ source: 'x', target: 'title', transforms: [{ kind: 'REGEX_EXTRACT', pattern: '(a|aa)*b' }] }, 'mapping.transform.pattern'],
      [{ source: 'x', target: 'title', transforms: [{ kind: 'REGEX_EXTRACT', pattern: '(.)\\1' }] }, 'mapping.transform.pattern'],
      [{ source: 'x', target: 'title', transforms: [{ kind: 'REGEX_EXTRACT', pattern: '.*.*.*!' }] }, 'mapping.transform.pattern'],
      [{ source: 'x', target: 'title', transforms: [{ kind: 'SPLIT' }] }, 'mapping.transform.separator'],
      [{ source: '', target: 'title' }, 'mapping.source.invalid'],
    ];
    for (const [rule, reason] of bad) {
      const r = await t.raw(
        SetAttributeMappingsDocument,
        { organizationId: org.id, source: 'SCIM', rules: [{ source: 'ok', target: 'title' }, rule] },
        org.key,
      );
      assert.equal(r.errors?.[0]?.extensions?.reason, reason, JSON.stringify(rule));
      assert.match(r.errors?.[0]?.message ?? '', /rules\[1\]/);
    }
    const set = await t.gql(SetAttributeMappingsDocument, { organizationId: org.id, source: 'SCIM', rules: [{ source: 'jobCode', target: 'title' }] }, org.key);
    assert.equal(set.setAttributeMappings.isDefault, false);
    const reset = await t.gql(ResetAttributeMappingsDocument, { organizationId: org.id, source: 'SCIM' }, org.key);
    assert.equal(reset.resetAttributeMappings.isDefault, true);
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['ATTRIBUTE_MAPPINGS_CHANGED'] } }, org.key);
    assert.equal(ev.events.nodes.length, 2);
    assert.deepEqual((ev.events.nodes[0]?.changes.rules as { before: unknown }).before, 'DEFAULT');
    assert.equal(ev.events.nodes[0]?.actorLabel, 'API key "admin"');
  });

  test('§4.4 precedence and provenance: SAML never overwrites what SCIM owns by default; the order is configurable; API edits always apply', async () => {
    const org = await createOrg(t);
    const p = await t.gql(
      ProvisionUserDocument,
      { organizationId: org.id, input: { userName: 'prec@example.com', attributes: { title: 'SCIM title' } } },
      org.scimToken,
    );
    const id = p.provisionUser.user.id;
    const s = await signIn(org, 'prec@example.com', { title: 'SAML title', department: 'SAML dept' });
    assert.equal(s.user.title, 'SCIM title');
    assert.deepEqual(s.skippedFields, ['title']);
    assert.equal(s.user.department, 'SAML dept', 'fields SCIM does not own are synced');
    const src = s.user.attributeSources as Record<string, { source: string; at: string }>;
    assert.equal(src.title?.source, 'SCIM');
    assert.equal(src.department?.source, 'SAML');
    assert.ok(!Number.isNaN(Date.parse(src.department!.at)));
    await t.gql(UpdateUserDocument, { organizationId: org.id, id, input: { department: 'Admin dept' } }, org.key);
    const s2 = await signIn(org, 'prec@example.com', { department: 'SAML again' });
    assert.equal(s2.user.department, 'Admin dept', 'API outranks SAML by default');
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { attributePrecedence: ['SAML', 'SCIM', 'API'] } }, org.key);
    const s3 = await signIn(org, 'prec@example.com', { title: 'SAML wins now' });
    assert.equal(s3.user.title, 'SAML wins now');
    const scim = await t.gql(ProvisionUserDocument, { organizationId: org.id, input: { userId: id, attributes: { title: 'SCIM back' } } }, org.scimToken);
    assert.equal(scim.provisionUser.user.title, 'SAML wins now');
    assert.ok(scim.provisionUser.skippedFields.includes('title'));
    const bad = await t.raw(SetProvisioningPolicyDocument, { organizationId: org.id, input: { attributePrecedence: ['SAML', 'SAML', 'API'] } }, org.key);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('§4.6 dry run shows the resulting user and fired rules, and writes nothing', async () => {
    const org = await createOrg(t);
    await defineAttributes(t, org, { level: 'INTEGER' });
    const countRows = async () => {
      const db = new pg.Client({ connectionString: t.databaseUrl });
      await db.connect();
      try {
        const r = await db.query(
          'select (select count(*) from users)::int as users, (select count(*) from events)::int as events, (select count(*) from sessions)::int as sessions',
        );
        return r.rows[0];
      } finally {
        await db.end();
      }
    };
    const before = await countRows();
    const saml = await t.gql(
      PreviewProvisioningDocument,
      { organizationId: org.id, source: 'SAML', input: { subject: 'dry@example.com', attributes: { firstName: 'Dry', level: '5', ignored: 'x' } } },
      org.key,
    );
    const pv = saml.previewProvisioning;
    assert.equal(pv.error, null);
    assert.equal(pv.created, true);
    assert.equal((pv.user as { userName: string }).userName, 'dry@example.com');
    assert.equal((pv.user as { givenName: string }).givenName, 'Dry');
    assert.deepEqual((pv.user as { customAttributes: unknown }).customAttributes, { level: 5 });
    assert.ok(pv.rules.some((r) => r.target === 'givenName' && r.fired && r.value === 'Dry'));
    assert.ok(pv.rules.some((r) => r.target === 'custom:level' && r.origin === 'IMPLICIT' && r.fired));
    assert.deepEqual(pv.refusedAttributes, []);
    // a value the user model refuses: the sign-in would leave it out, and the preview says so
    const odd = (
      await t.gql(
        PreviewProvisioningDocument,
        { organizationId: org.id, source: 'SAML', input: { subject: 'odd@example.com', attributes: { firstName: 'Odd', title: 'Bell\u0007' } } },
        org.key,
      )
    ).previewProvisioning;
    assert.equal(odd.error, null);
    assert.equal((odd.user as { title: string | null }).title, null);
    assert.deepEqual(odd.refusedAttributes, [{ field: 'title', reason: 'user.title.invalid' }]);
    const scimErr = await t.gql(
      PreviewProvisioningDocument,
      { organizationId: org.id, source: 'SCIM', input: { userName: 'x@example.com', attributes: { level: 'not-a-number' } } },
      org.key,
    );
    assert.equal(scimErr.previewProvisioning.user, null);
    assert.equal(scimErr.previewProvisioning.error?.reason, 'user.customAttributes.type');
    assert.deepEqual(await countRows(), before, 'no user, event or session was written');
  });
});
