/**
 * The admin console behind a reverse proxy that serves the service under a path prefix and strips it
 * (PUBLIC_URL `http://proxy/idm`, as test/oidc/path-prefix.test.ts has it for OpenID Connect and
 * SAML): the shell's assets, the console's own links and history, its GraphQL requests and its
 * WebSocket subscription all go under the prefix, deep links reload, and a setup link opens there.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { browserMissing, ensureConsoleBuilt, launchBrowser, watchPageErrors } from '../helpers/browser.js';
import { ReverseProxy } from '../helpers/reverse-proxy.js';

const CREATE_LINK = `mutation($organizationId: ID!, $input: CreateSetupLinkInput!) { createSetupLink(organizationId: $organizationId, input: $input) { url } }`;

describe('console: PUBLIC_URL with a path prefix, behind a proxy that strips it', { skip: browserMissing }, () => {
  const proxy = new ReverseProxy('/idm');
  let t: TestServer;
  let publicUrl: string;
  before(async () => {
    await ensureConsoleBuilt();
    await proxy.start();
    publicUrl = proxy.publicUrl;
    t = await startTestServer({ env: { PUBLIC_URL: publicUrl } });
    proxy.upstreams = [t.url];
  });
  after(async () => {
    await t?.stop();
    await proxy.stop();
  });

  test('the shell points under the prefix; /idm/admin redirects there; the CSP names the origin', async () => {
    const res = await fetch(`${publicUrl}/admin/orgs/x/users`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<script type="module" crossorigin src="\/idm\/admin\/assets\/index-[\w-]+\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" crossorigin href="\/idm\/admin\/assets\/index-[\w-]+\.css">/);
    assert.match(html, /<meta name="idm-base-path" content="\/idm" \/>/);
    assert.doesNotMatch(html, /"\/admin\//, 'no URL outside the prefix');
    assert.match(res.headers.get('content-security-policy')!, new RegExp(`connect-src 'self' ${proxy.url.replace(/^http/, 'ws').replace(/[.]/g, '\\.')}(;|$)`));
    const head = await fetch(`${publicUrl}/admin/`, { method: 'HEAD' });
    assert.equal(Number(head.headers.get('content-length')), Buffer.byteLength(await (await fetch(`${publicUrl}/admin/`)).text(), 'utf8'));
    const redirect = await fetch(`${publicUrl}/admin`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), '/idm/admin/');
    // without PUBLIC_URL's prefix nothing changes (test/server/admin-console.test.ts): the shell is the build's
  });

  test('an operator signs in, creates an organization, follows links, reloads a deep link, watches live events', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      page.on('websocket', (ws) => requested.push(ws.url()));

      await page.goto(`${publicUrl}/admin/`);
      await page.getByLabel('API key').fill(t.adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
      await page.getByLabel('Name').fill('Acme Corp');
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.getByRole('heading', { name: 'Organization status' }).waitFor();
      const orgId = new RegExp(`^${publicUrl.replace(/[.]/g, '\\.')}/admin/orgs/([0-9a-f-]+)$`).exec(page.url())?.[1];
      assert.ok(orgId, `the organization's page is under the prefix: ${page.url()}`);

      assert.equal(await page.getByRole('link', { name: 'Users' }).getAttribute('href'), `/idm/admin/orgs/${orgId}/users`);
      await page.getByRole('link', { name: 'Users' }).click();
      await page.waitForURL(`${publicUrl}/admin/orgs/${orgId}/users`);
      // a deep link loaded afresh: the shell and its assets, then the same page
      await page.reload();
      assert.equal(await page.getByRole('link', { name: 'Users' }).getAttribute('aria-current'), 'page');
      await page.goBack();
      await page.getByRole('heading', { name: 'Organization status' }).waitFor();

      await page.getByRole('link', { name: 'Live events' }).click();
      await page.getByText('Connected: new events appear').waitFor();
      await page.locator('[data-testid=event][data-type=ORGANIZATION_CREATED]').waitFor();

      assert.ok(requested.length > 5);
      for (const url of requested) assert.ok(url.startsWith(`${publicUrl}/`) || url.startsWith(`${publicUrl.replace(/^http/, 'ws')}/`), url);
      assert.ok(
        requested.some((u) => u === `${publicUrl.replace(/^http/, 'ws')}/graphql`),
        'the subscription went through the proxy',
      );
      assert.ok(proxy.passed.some((p) => p.path === '/idm/graphql' && p.status === 101));
      assert.deepEqual(errors, [], 'no script error and no Content-Security-Policy refusal');
    } finally {
      await browser?.close();
    }
  });

  test('a setup link opens its page under the prefix', async () => {
    const org = (await t.gql<any, any>(`mutation { createOrganization(input: { name: "Beta Ltd", slug: "beta" }) { id } }`)).createOrganization;
    const link = (await t.gql<any, any>(CREATE_LINK, { organizationId: org.id, input: { scopes: ['SSO'], expiresInSeconds: 3600 } })).createSetupLink;
    assert.ok(link.url.startsWith(`${publicUrl}/admin/setup#`));
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await (await browser.newContext()).newPage();
      const errors = watchPageErrors(page);
      await page.goto(link.url);
      await page.getByRole('heading', { name: 'Connect Beta Ltd to your identity provider' }).waitFor();
      assert.equal(page.url(), `${publicUrl}/admin/setup`, 'the secret leaves the address bar; the path keeps the prefix');
      assert.deepEqual(errors, []);
    } finally {
      await browser?.close();
    }
  });
});
