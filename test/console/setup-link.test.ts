/**
 * Issue #19, browser test 2: a setup link opened in a fresh browser context walks the Okta SAML
 * guide (our values with copy buttons, the metadata file uploaded), and the test sign-in against
 * the test IdP; the link sees neither another organization nor any API key; once revoked it is refused.
 * A test the IdP never answers (its own error page) does not keep the next one from starting.
 * A test that is not a dry run says what it did ("A new user was created"), not what it would do.
 * A link cut short, mangled or without its "#…" part is said to be incomplete (not revoked or expired, not a blank page).
 * A connection set up before opens on its own identity provider; new metadata keeps its profile.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { browserMissing, ensureConsoleBuilt, launchBrowser, screenshot, watchPageErrors } from '../helpers/browser.js';
import { startIdpServer, type IdpServer } from '../helpers/saml-idp-server.js';

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug } }`;
const CREATE_LINK = `mutation($organizationId: ID!, $input: CreateSetupLinkInput!) { createSetupLink(organizationId: $organizationId, input: $input) { url link { id } } }`;

/** A GraphQL call from inside the page with the key the console holds (what any script of the page could do). */
async function asConsole(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ query, variables }) => {
      const key = (globalThis as any).sessionStorage.getItem('idm-console-key');
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json() };
    },
    { query, variables },
  );
}

describe('console: a setup link walks the Okta SAML guide', { skip: browserMissing }, () => {
  let t: TestServer;
  let idpServer: IdpServer;
  before(async () => {
    await ensureConsoleBuilt();
    t = await startTestServer();
    idpServer = await startIdpServer({
      nameId: 'ada@acme.example',
      attributes: { firstName: ['Ada'], lastName: ['Lovelace'], email: ['ada@acme.example'], department: ['Engineering'], groups: ['Everyone', 'engineering'] },
    });
  });
  after(async () => {
    await idpServer?.close();
    await t?.stop();
  });

  test('guide, metadata upload, a dry-run test sign-in, isolation from other organizations and keys, refused after revocation', async () => {
    const idp = idpServer.idp;
    const acme = (await t.gql<any, any>(CREATE_ORG, { input: { name: 'Acme Corp', slug: 'acme' } })).createOrganization;
    const other = (await t.gql<any, any>(CREATE_ORG, { input: { name: 'Other Inc', slug: 'other' } })).createOrganization;
    await t.gql(`mutation($o: ID!) { createApiKey(organizationId: $o, name: "ops", role: ADMIN) { token } }`, { o: acme.id });
    const link = (await t.gql<any, any>(CREATE_LINK, { organizationId: acme.id, input: { scopes: ['SSO', 'SCIM'], expiresInSeconds: 3600 } })).createSetupLink;
    assert.match(link.url, /\/admin\/setup#.+/);
    const url = new URL(link.url);

    let browser: Browser | undefined;
    let page: Page | undefined;
    try {
      browser = await launchBrowser();
      // a fresh context: no key, no session, nothing but the link
      const context = await browser.newContext({ baseURL: t.url });
      page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(`${url.pathname}${url.hash}`);
      await page.getByRole('heading', { name: 'Connect Acme Corp to your identity provider' }).waitFor();
      assert.equal(new URL(page.url()).hash, '', 'the secret leaves the address bar at once');
      assert.match((await page.getByTestId('viewer').textContent())!, /SSO and SCIM/);
      await screenshot(page, 'setup-overview');

      await page.getByRole('link', { name: 'Single sign-on (SAML)' }).click();
      await page.getByRole('radio', { name: 'Okta' }).check();
      await page.getByRole('heading', { name: 'Single sign-on with Okta' }).waitFor();
      // our own values for this organization, each with a copy button
      const acs = await page.locator('[data-testid="value-Single sign on URL"]').first().textContent();
      assert.equal(acs, `${t.url}/saml/acme/acs`);
      assert.ok(await page.getByRole('button', { name: 'Copy Single sign on URL' }).first().isVisible());

      await page
        .getByLabel('Metadata file (XML)')
        .setInputFiles({ name: 'okta-metadata.xml', mimeType: 'application/xml', buffer: Buffer.from(idp.metadataXml()) });
      await page.getByText('Read okta-metadata.xml').waitFor();
      await page.getByRole('button', { name: 'Save metadata' }).click();
      await page.getByTestId('metadata-saved').waitFor();
      const connection = (await page.getByTestId('saml-connection').textContent())!;
      assert.ok(connection.includes(idp.entityId), connection);
      assert.ok(connection.includes('OKTA'), 'the connection records the Okta profile (its default mappings)');
      await screenshot(page, 'setup-sso-okta');

      // the test sign-in: the IdP opens in a new window, signs in (a real signed response posted to
      // the ACS), and the page shows what arrived and what the mappings made of it
      assert.ok(await page.getByLabel('Dry run: change no user and open no session').isChecked(), 'a dry run by default');
      const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Start test sign-in' }).click()]);
      await popup.getByText(/Test sign-in complete/).waitFor({ timeout: 20_000 });
      assert.equal(idpServer.requests.length, 1, 'the IdP received one AuthnRequest');
      await screenshot(popup, 'setup-test-sign-in-idp-return');
      const result = page.getByTestId('test-sign-in-result');
      await page.locator('[data-testid=test-sign-in-result][data-status=SUCCEEDED]').waitFor({ timeout: 15_000 });
      assert.equal(await page.getByTestId('name-id').textContent(), 'ada@acme.example');
      const received = (await page.getByTestId('received-attributes').textContent())!;
      for (const s of ['firstName', 'Ada', 'lastName', 'Lovelace', 'department', 'Engineering', 'groups', 'Everyone, engineering'])
        assert.ok(received.includes(s), `${s} in ${received}`);
      const mapped = (await result.getByRole('region', { name: 'Mapped user' }).textContent())!;
      assert.match(mapped, /A new user would be created/);
      assert.match(mapped, /"givenName": "Ada"/);
      await result.getByText('Test sign-in succeeded').waitFor();
      await screenshot(page, 'setup-test-sign-in');
      const users = await t.gql<any, any>(`query($o: ID!) { users(organizationId: $o, first: 0) { totalCount } }`, { o: acme.id });
      assert.equal(users.users.totalCount, 0, 'a dry run creates no user');

      // the change is recorded with the link as the actor
      const events = await t.gql<any, any>(
        `query($o: ID!) { events(organizationId: $o, filter: { types: [SAML_CONNECTION_CONFIGURED] }) { nodes { actorType actorId } } }`,
        {
          o: acme.id,
        },
      );
      assert.deepEqual(events.events.nodes, [{ actorType: 'SETUP_LINK', actorId: link.link.id }]);

      // what the link's key can reach: its organization's settings, nothing else
      const orgs = await asConsole(page, `{ organizations { id } }`);
      assert.deepEqual(
        (orgs.body.data?.organizations ?? []).map((o: any) => o.id).filter((id: string) => id !== acme.id),
        [],
        'no other organization is listed',
      );
      const otherOrg = await asConsole(page, `query($id: ID!) { organization(id: $id) { id } }`, { id: other.id });
      assert.equal(otherOrg.body.data?.organization ?? null, null, 'another organization is invisible');
      const otherSaml = await asConsole(page, `query($o: ID!) { samlConnection(organizationId: $o) { configured } }`, { o: other.id });
      assert.equal(otherSaml.body.data?.samlConnection ?? null, null);
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(otherSaml.body.errors?.[0]?.extensions?.code), JSON.stringify(otherSaml.body));
      const keys = await asConsole(page, `query($o: ID!) { credentials(organizationId: $o) { id kind name } }`, { o: acme.id });
      const apiKeys = (keys.body.data?.credentials ?? []).filter((c: any) => c.kind === 'API_KEY');
      assert.deepEqual(apiKeys, [], 'no API key is visible to the link');
      // and the console does not offer operator pages: an operator path lands back in setup mode
      await page.goto(`/admin/orgs/${other.id}/keys`);
      await page.getByRole('heading', { name: 'Connect Acme Corp to your identity provider' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/admin/setup');

      // revoked: the next request is refused and the console says so
      await t.gql(`mutation($id: ID!) { revokeSetupLink(id: $id) { revokedAt } }`, { id: link.link.id });
      await page.reload();
      await page.getByText('This setup link is no longer valid').waitFor();
      const refused = await page.evaluate(
        async (secret) => {
          const res = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
            body: JSON.stringify({ query: '{ viewer { kind } }' }),
          });
          return res.status;
        },
        decodeURIComponent(url.hash.slice(1)),
      );
      assert.equal(refused, 401);
      await screenshot(page, 'setup-revoked');
      assert.deepEqual(
        errors.filter((e) => !/status of 401/.test(e)),
        [],
        'no script error and no Content-Security-Policy refusal (the refused request itself is logged as a 401)',
      );
    } catch (err) {
      if (page) await screenshot(page, 'failure-setup-link').catch(() => {});
      throw err;
    } finally {
      await browser?.close();
    }
  });

  test('a test sign-in the identity provider never answers (its error page, a closed window) does not block the next one', async () => {
    const org = (await t.gql<any, any>(CREATE_ORG, { input: { name: 'Beta Ltd', slug: 'beta' } })).createOrganization;
    // the IdP's sign-in page fails (as Okta's "not assigned to this application" page does): no response ever reaches the ACS
    const idp = idpServer.idp;
    await t.gql(`mutation($o: ID!, $x: String!) { configureSamlConnection(organizationId: $o, input: { idpMetadataXml: $x }) { configured } }`, {
      o: org.id,
      x: idp.metadataXml().replaceAll(idpServer.ssoUrl, `${idpServer.ssoUrl}-unassigned`),
    });
    const link = (await t.gql<any, any>(CREATE_LINK, { organizationId: org.id, input: { scopes: ['SSO'], expiresInSeconds: 3600 } })).createSetupLink;
    const url = new URL(link.url);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const context = await browser.newContext({ baseURL: t.url });
      const page = await context.newPage();
      await page.goto(`${url.pathname}${url.hash}`);
      await page.getByRole('link', { name: 'Single sign-on (SAML)' }).click();
      const start = page.getByRole('button', { name: 'Start test sign-in' });
      const [first] = await Promise.all([context.waitForEvent('page'), start.click()]);
      await page.getByText('Waiting for the identity provider’s answer…').waitFor();
      await first.close();
      // the admin fixes the assignment at the IdP and tries again, without reloading the page
      assert.ok(await start.isEnabled(), 'a new test can be started while the abandoned one is still pending');
      const started = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('ConsoleStartTestSignIn'));
      const [second] = await Promise.all([context.waitForEvent('page'), start.click()]);
      await started;
      await second.close();
      const events = await t.gql<any, any>(
        `query($o: ID!) { events(organizationId: $o, filter: { types: [SAML_TEST_SIGN_IN_STARTED] }) { nodes { actorType } } }`,
        { o: org.id },
      );
      assert.equal(events.events.nodes.length, 2);
    } finally {
      await browser?.close();
    }
  });

  test('a test sign-in that is not a dry run says what it did, not what it would do', async () => {
    const org = (await t.gql<any, any>(CREATE_ORG, { input: { name: 'Gamma SA', slug: 'gamma' } })).createOrganization;
    await t.gql(`mutation($o: ID!, $x: String!) { configureSamlConnection(organizationId: $o, input: { idpMetadataXml: $x, profile: OKTA }) { configured } }`, {
      o: org.id,
      x: idpServer.idp.metadataXml(),
    });
    const link = (await t.gql<any, any>(CREATE_LINK, { organizationId: org.id, input: { scopes: ['SSO'], expiresInSeconds: 3600 } })).createSetupLink;
    const url = new URL(link.url);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const context = await browser.newContext({ baseURL: t.url });
      const page = await context.newPage();
      await page.goto(`${url.pathname}${url.hash}`);
      await page.getByRole('link', { name: 'Single sign-on (SAML)' }).click();
      await page.getByLabel('Dry run: change no user and open no session').uncheck();
      const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Start test sign-in' }).click()]);
      await popup.getByText(/Test sign-in complete/).waitFor({ timeout: 20_000 });
      await page.locator('[data-testid=test-sign-in-result][data-status=SUCCEEDED]').waitFor({ timeout: 15_000 });
      const users = await t.gql<any, any>(`query($o: ID!) { users(organizationId: $o) { totalCount } }`, { o: org.id });
      assert.equal(users.users.totalCount, 1, 'the sign-in created the user');
      const mapped = (await page.getByRole('region', { name: 'Mapped user' }).textContent())!;
      assert.match(mapped, /A new user was created/);
      assert.doesNotMatch(mapped, /would be/);
    } finally {
      await browser?.close();
    }
  });

  test('a link cut short (a mail program broke it) is said to be incomplete, not revoked or expired', async () => {
    const org = (await t.gql<any, any>(CREATE_ORG, { input: { name: 'Delta AG', slug: 'delta' } })).createOrganization;
    const link = (await t.gql<any, any>(CREATE_LINK, { organizationId: org.id, input: { scopes: ['SSO'], expiresInSeconds: 3600 } })).createSetupLink;
    const url = new URL(link.url);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await (await browser.newContext({ baseURL: t.url })).newPage();
      await page.goto(`${url.pathname}${url.hash.slice(0, -20)}`);
      const notice = page.getByText(/This setup link is incomplete/);
      await notice.waitFor();
      assert.doesNotMatch((await notice.textContent())!, /revoked|expired/);
      // the secret mangled into a bad percent-escape (a blank page before), or dropped with the whole "#…" part
      const errors = watchPageErrors(page);
      for (const broken of [`${url.pathname}${url.hash.slice(0, 30)}%E0%A4`, url.pathname]) {
        const fresh = await (await browser.newContext({ baseURL: t.url })).newPage();
        fresh.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        await fresh.goto(broken);
        await fresh.getByText(/This setup link is incomplete/).waitFor();
      }
      assert.deepEqual(
        errors.filter((e) => !/status of 401/.test(e)),
        [],
      );
    } finally {
      await browser?.close();
    }
  });

  test('a connection set up before opens on its own identity provider, and new metadata keeps its profile', async () => {
    // set up with Entra ID last month; now its certificate rolls over and the IT admin uploads the new metadata
    const org = (await t.gql<any, any>(CREATE_ORG, { input: { name: 'Epsilon BV', slug: 'epsilon' } })).createOrganization;
    await t.gql(
      `mutation($o: ID!, $x: String!) { configureSamlConnection(organizationId: $o, input: { idpMetadataXml: $x, profile: ENTRA_ID }) { configured } }`,
      {
        o: org.id,
        x: idpServer.idp.metadataXml(),
      },
    );
    const link = (await t.gql<any, any>(CREATE_LINK, { organizationId: org.id, input: { scopes: ['SSO'], expiresInSeconds: 3600 } })).createSetupLink;
    const url = new URL(link.url);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await (await browser.newContext({ baseURL: t.url })).newPage();
      await page.goto(`${url.pathname}${url.hash}`);
      await page.getByRole('link', { name: 'Single sign-on (SAML)' }).click();
      await page.getByRole('heading', { name: 'Single sign-on with Microsoft Entra ID' }).waitFor();
      assert.ok(await page.getByRole('radio', { name: 'Microsoft Entra ID' }).isChecked());
      await page.getByLabel('Or paste the metadata XML').fill(idpServer.idp.metadataXml());
      await page.getByRole('button', { name: 'Save metadata' }).click();
      await page.getByTestId('metadata-saved').waitFor();
      const c = await t.gql<any, any>(`query($o: ID!) { samlConnection(organizationId: $o) { profile } }`, { o: org.id });
      assert.equal(c.samlConnection.profile, 'ENTRA_ID', "Entra ID's claim names stay the ones the default mappings read");
    } finally {
      await browser?.close();
    }
  });
});
