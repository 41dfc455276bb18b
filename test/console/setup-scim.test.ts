/**
 * Setup mode's SCIM page in a real browser: a setup link with the SCIM scope creates the token
 * (shown once), the page waits for the identity provider's first request, and the SCIM requests the
 * test sends with that token (a create, and a refused duplicate) appear in the list with their
 * answers; the status panel counts the error.
 * A failed read of the list (the network dropped) does not end the live list.
 * The tokens made with the link are listed with a revoke button.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { browserMissing, ensureConsoleBuilt, launchBrowser, screenshot, watchPageErrors } from '../helpers/browser.js';

describe('console: setup mode, SCIM', { skip: browserMissing }, () => {
  let t: TestServer;
  before(async () => {
    await ensureConsoleBuilt();
    t = await startTestServer();
  });
  after(() => t?.stop());

  test('token, then "waiting for the first request", then the live list of requests', async () => {
    const org = (await t.gql<any, any>(`mutation { createOrganization(input: { name: "Acme Corp", slug: "acme" }) { id } }`)).createOrganization;
    const link = (await t.gql<any, any>(`mutation($o: ID!) { createSetupLink(organizationId: $o, input: { scopes: [SCIM] }) { url } }`, { o: org.id }))
      .createSetupLink;
    const url = new URL(link.url);
    let browser: Browser | undefined;
    let page: Page | undefined;
    try {
      browser = await launchBrowser();
      page = await (await browser.newContext({ baseURL: t.url })).newPage();
      const errors = watchPageErrors(page);
      await page.goto(`${url.pathname}${url.hash}`);
      await page.getByRole('heading', { name: /Connect Acme Corp/ }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Single sign-on (SAML)' }).count(), 0, 'an SCIM-only link offers no SSO page');
      await page.getByRole('link', { name: 'Provisioning (SCIM)' }).click();
      await page.getByRole('radio', { name: 'Okta' }).check();
      await page.getByRole('button', { name: 'Create SCIM token' }).click();
      const token = (await page.getByTestId('secret').textContent())!.trim();
      await page.getByText('Waiting for your identity provider’s first request…').waitFor();
      await screenshot(page, 'setup-scim-waiting');

      const post = (userName: string) =>
        fetch(`${t.url}/scim/v2/Users`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', 'user-agent': 'Okta SCIM Client 1.0.0' },
          body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true }),
        });
      assert.equal((await post('ada@acme.example')).status, 201);
      assert.equal((await post('ada@acme.example')).status, 409);
      const rows = page.getByTestId('scim-request');
      await rows.nth(1).waitFor({ timeout: 20_000 });
      const text = (await page.getByTestId('scim-requests').textContent())!;
      assert.match(text, /POST \/scim\/v2\/Users/);
      assert.match(text, /201/);
      assert.match(text, /409 uniqueness/);
      assert.equal(await rows.count(), 2);
      await screenshot(page, 'setup-scim-requests');

      await page.getByRole('link', { name: 'Overview' }).click();
      const status = (await page.getByTestId('status').textContent())!;
      assert.match(status, /SCIM errors, last 24 h1/);
      assert.deepEqual(errors, []);
    } catch (err) {
      if (page) await screenshot(page, 'failure-setup-scim').catch(() => {});
      throw err;
    } finally {
      await browser?.close();
    }
  });

  test('one failed read of the request list (the network dropped, the laptop slept) does not stop the live list', async () => {
    const org = (await t.gql<any, any>(`mutation { createOrganization(input: { name: "Beta Ltd", slug: "beta" }) { id } }`)).createOrganization;
    const link = (await t.gql<any, any>(`mutation($o: ID!) { createSetupLink(organizationId: $o, input: { scopes: [SCIM] }) { url } }`, { o: org.id }))
      .createSetupLink;
    const token = (await t.gql<any, any>(`mutation($o: ID!) { createScimToken(organizationId: $o, name: "Okta") { token } }`, { o: org.id })).createScimToken
      .token;
    const url = new URL(link.url);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await (await browser.newContext({ baseURL: t.url })).newPage();
      await page.goto(`${url.pathname}${url.hash}`);
      await page.getByRole('link', { name: 'Provisioning (SCIM)' }).click();
      await page.getByTestId('scim-waiting').waitFor();
      // the next reads of the list fail at the network, then the network is back
      await page.route('**/graphql', (route) =>
        route.request().postData()?.includes('ConsoleScimRequests') ? route.abort('internetdisconnected') : route.continue(),
      );
      await page.getByText('Reading the SCIM requests:').waitFor();
      await page.unroute('**/graphql');
      const res = await fetch(`${t.url}/scim/v2/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', 'user-agent': 'Okta SCIM Client 1.0.0' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@beta.example', active: true }),
      });
      assert.equal(res.status, 201);
      await page.getByTestId('scim-request').first().waitFor({ timeout: 10_000 });
      assert.equal(await page.getByText('Reading the SCIM requests:').count(), 0, 'the error is gone once a read succeeds');
    } finally {
      await browser?.close();
    }
  });

  test('the tokens created with the link are listed and can be revoked there (one created twice is not left live)', async () => {
    const org = (await t.gql<any, any>(`mutation { createOrganization(input: { name: "Gamma SA", slug: "gamma" }) { id } }`)).createOrganization;
    const link = (await t.gql<any, any>(`mutation($o: ID!) { createSetupLink(organizationId: $o, input: { scopes: [SCIM] }) { url } }`, { o: org.id }))
      .createSetupLink;
    const url = new URL(link.url);
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await (await browser.newContext({ baseURL: t.url })).newPage();
      await page.goto(`${url.pathname}${url.hash}`);
      await page.getByRole('link', { name: 'Provisioning (SCIM)' }).click();
      const create = page.getByRole('button', { name: 'Create SCIM token' });
      await create.click();
      const first = (await page.getByTestId('secret').textContent())!.trim();
      await page.getByRole('button', { name: 'I have stored it' }).click();
      // the IT admin lost it and makes another: the first must not stay a live secret nobody holds
      await create.click();
      await page.getByTestId('secret').waitFor();
      const rows = page.getByTestId('setup-scim-token');
      await rows.nth(1).waitFor();
      await rows
        .first()
        .getByRole('button', { name: /Revoke/ })
        .click();
      await rows.nth(1).waitFor({ state: 'detached' });
      const scim = await fetch(`${t.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${first}` } });
      assert.equal(scim.status, 401, 'the revoked token is refused');
      const live = await t.gql<any, any>(`query($o: ID!) { credentials(organizationId: $o) { kind } }`, { o: org.id });
      assert.deepEqual(
        live.credentials.map((c: any) => c.kind),
        ['SCIM_TOKEN'],
      );
    } finally {
      await browser?.close();
    }
  });
});
