/**
 * SAML log lines name ids (request, organization, user, assertion), never the person: no NameID, no
 * email address, no attribute value the identity provider asserted, whatever the sign-in's outcome.
 * Captured at LOG_LEVEL=debug, so every line written under the ACS request's id is checked (the
 * refusal, the in-process GraphQL operations, the sign-in lines). README §Configuration (LOG_LEVEL),
 * docs/SAML.md §Rejections.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, postAcs, startLogin, to, type HttpResult, type Sp } from '../helpers/saml-sp.js';
import { DeactivateUserDocument, SetProvisioningPolicyDocument } from '../generated/graphql.js';

describe('SAML logs carry ids, not people', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  const idp = new TestIdp();
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  const setup = async (input: Record<string, unknown> = {}): Promise<{ org: OrgFixture; sp: Sp }> => {
    const org = await createOrg(t);
    return { org, sp: await connectIdp(t, org, idp, input) };
  };

  /** The attributes of a person, each a value that must never reach the log. */
  const person = (local: string) => ({
    nameId: `${local}@people.example`,
    attributes: {
      email: [`${local}@people.example`],
      firstName: [`Given${local}`],
      lastName: [`Family${local}`],
      title: [`Title of ${local}`],
      groups: [`Team ${local}`],
    },
  });

  /** Every log line of the request; none may hold any of the person's values (ignoring case). */
  function linesWithout(r: HttpResult, values: string[]): Array<Record<string, unknown>> {
    const lines = logs.of(r.requestId);
    assert.ok(lines.length > 0, 'the request logged lines');
    for (const line of lines) {
      const text = JSON.stringify(line).toLowerCase();
      for (const v of values) assert.ok(!text.includes(v.toLowerCase()), `a log line carries ${JSON.stringify(v)}: ${JSON.stringify(line)}`);
    }
    return lines;
  }
  const valuesOf = (p: ReturnType<typeof person>) => [p.nameId, ...Object.values(p.attributes).flat()];
  const refusal = (lines: Array<Record<string, unknown>>) => lines.find((l) => l.msg === 'SAML request refused')!;

  test('unknown user (policy SCIM): the refusal names the reason and the assertion, not the NameID', async () => {
    const { org, sp } = await setup();
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { mode: 'SCIM' } }, org.key);
    const p = person('unknown.person');
    const login = await startLogin(t.url, org.slug);
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId, ...p })));
    assertRefused(r, 403);
    const line = refusal(linesWithout(r, valuesOf(p)));
    assert.equal(line.reason, 'signIn.unknownUser');
    assert.equal(typeof line.assertionId, 'string');
    assert.equal(line.nameId, undefined);
  });

  test('deactivated user: the refusal names the user by id', async () => {
    const { org, sp } = await setup();
    const p = person('Deactivated.Person');
    const user = await createUser(t, org, { userName: p.nameId.toLowerCase() });
    await t.gql(DeactivateUserDocument, { organizationId: org.id, id: user.id }, org.key);
    const login = await startLogin(t.url, org.slug);
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId, ...p })));
    assertRefused(r, 403);
    const line = refusal(linesWithout(r, valuesOf(p)));
    assert.equal(line.reason, 'signIn.userDeactivated');
    assert.equal(line.userId, user.id);
  });

  test('a response posted twice, and a RelayState that is not allowed: refusals after validation carry no NameID', async () => {
    const { org, sp } = await setup({ allowIdpInitiated: true });
    const p = person('twice.person');
    const login = await startLogin(t.url, org.slug);
    const response = idp.response(to(sp, { inResponseTo: login.requestId, ...p }));
    assert.equal((await postAcs(t.url, org.slug, response)).status, 303);
    const again = await postAcs(t.url, org.slug, response);
    assertRefused(again, 400);
    assert.equal(refusal(linesWithout(again, valuesOf(p))).reason, 'saml.inResponseTo.used');

    const relay = await postAcs(t.url, org.slug, idp.response(to(sp, p)), 'https://evil.example/');
    assertRefused(relay, 400);
    assert.equal(refusal(linesWithout(relay, valuesOf(p))).reason, 'returnTo.refused');
  });

  test('first sign-in from a domain that is not allowed', async () => {
    const { org, sp } = await setup();
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { allowedEmailDomains: ['corp.example'] } }, org.key);
    const p = person('outsider');
    const login = await startLogin(t.url, org.slug);
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId, ...p })));
    assertRefused(r, 403);
    assert.equal(refusal(linesWithout(r, valuesOf(p))).reason, 'signIn.domainNotAllowed');
  });

  test('a sign-in that leaves out an attribute value the user model refuses logs the field, not the value', async () => {
    const { org, sp } = await setup();
    const p = person('lenient.person');
    const refusedValue = 'not-an-address.lenient.person';
    const login = await startLogin(t.url, org.slug);
    const r = await postAcs(
      t.url,
      org.slug,
      idp.response(to(sp, { inResponseTo: login.requestId, nameId: p.nameId, attributes: { ...p.attributes, email: [refusedValue] } })),
    );
    assert.equal(r.status, 303, r.text);
    const lines = linesWithout(r, [...valuesOf(p), refusedValue]);
    const left = lines.find((l) => l.msg === 'SAML sign-in left out attribute values the user model refuses');
    assert.ok(left, 'the left-out values are logged');
    assert.deepEqual(left.refused, [{ field: 'emails', reason: 'user.emails.value.invalid' }]);
    assert.equal(typeof left.userId, 'string');
  });
});
