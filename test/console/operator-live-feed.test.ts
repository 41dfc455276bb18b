/**
 * Issue #19, browser test 1: an operator pastes the platform key, creates an organization, creates
 * a SCIM token (shown once, copied with the button), and sees a SCIM `POST /Users` sent by the test
 * with that token appear in the live event feed (the `events` subscription over graphql-ws).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { browserMissing, ensureConsoleBuilt, launchBrowser, screenshot, watchPageErrors } from '../helpers/browser.js';

describe('console: operator creates an organization and a SCIM token, and watches the live feed', { skip: browserMissing }, () => {
  let t: TestServer;
  before(async () => {
    await ensureConsoleBuilt();
    t = await startTestServer();
  });
  after(() => t?.stop());

  test('platform key → organization → SCIM token → a SCIM POST /Users appears live', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const context = await browser.newContext({ baseURL: t.url, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      const errors = watchPageErrors(page);

      await page.goto('/admin/');
      await page.getByLabel('API key').fill(t.adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
      assert.equal(await page.evaluate('localStorage.length'), 0, 'the key is not kept beyond the tab');
      assert.equal(await page.evaluate("sessionStorage.getItem('idm-console-key')"), t.adminKey);

      // accented letters lose their accent, not their place: the slug is in the SAML URLs the IdP is given
      await page.getByLabel('Name').fill('Société Générale Øresund Straße');
      assert.equal(await page.getByLabel('Slug').inputValue(), 'societe-generale-oresund-strasse');
      await page.getByLabel('Name').fill('Acme Corp');
      assert.equal(await page.getByLabel('Slug').inputValue(), 'acme-corp', 'the slug follows the name');
      await screenshot(page, 'operator-organizations');
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.getByRole('heading', { name: 'Organization status' }).waitFor();
      const orgId = /\/admin\/orgs\/([0-9a-f-]+)$/.exec(page.url())![1]!;
      await page.getByTestId('status').waitFor();
      await screenshot(page, 'operator-status');

      await page.getByRole('link', { name: 'API keys & SCIM tokens' }).click();
      await page.getByLabel('SCIM token name').fill('Okta');
      await page.getByRole('button', { name: 'Create SCIM token' }).click();
      const secret = (await page.getByTestId('secret').textContent())!.trim();
      assert.ok(secret.length > 20, 'the token is shown once');
      await page.getByRole('button', { name: 'Copy SCIM token "Okta"' }).click();
      await page.getByText('Copied').waitFor();
      assert.equal(await page.evaluate('navigator.clipboard.readText()'), secret, 'the copy button copies the secret');
      await page.getByRole('cell', { name: 'Okta', exact: true }).waitFor();
      await screenshot(page, 'operator-keys');
      await page.getByRole('button', { name: 'I have stored it' }).click();
      assert.equal(await page.getByTestId('secret').count(), 0, 'the secret is gone from the page');

      await page.getByRole('link', { name: 'Live events' }).click();
      await page.getByText('Connected: new events appear').waitFor();
      // what happened so far is there (newest first)
      await page.locator('[data-testid=event][data-type=CREDENTIAL_CREATED]').waitFor();

      const res = await fetch(`${t.url}/scim/v2/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'grace@acme.example',
          name: { givenName: 'Grace', familyName: 'Hopper' },
          emails: [{ value: 'grace@acme.example', type: 'work', primary: true }],
          active: true,
        }),
      });
      assert.equal(res.status, 201);
      const created = page.locator('[data-testid=event][data-type=USER_CREATED]', { hasText: 'grace@acme.example' });
      await created.waitFor({ timeout: 10_000 });
      assert.match((await created.textContent())!, /SCIM token "Okta"/, 'the actor is the SCIM token');
      await screenshot(page, 'operator-live-events');

      // the user is there with its provenance
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('link', { name: 'grace@acme.example' }).click();
      await page.getByRole('heading', { name: 'Attributes and where they came from' }).waitFor();
      assert.match((await page.getByRole('row', { name: /name\.givenName/ }).textContent())!, /Grace.*SCIM/);
      await page.locator('[data-testid=event][data-type=USER_CREATED]').waitFor();
      await screenshot(page, 'operator-user');
      assert.ok(page.url().endsWith(`/admin/orgs/${orgId}/users/${(/users\/([0-9a-f-]+)$/.exec(page.url()) ?? [])[1]}`));

      assert.deepEqual(errors, [], 'no script error and no Content-Security-Policy refusal');
    } finally {
      await browser?.close();
    }
  });
});
