/**
 * Issue #19, browser test 3 (operator pages): axe-core (WCAG 2.1 A/AA rules and best practices) on
 * every operator page of the console, with data on it: no serious or critical violation. Each page
 * is saved as a screenshot under test-output/console/. Setup mode: accessibility.setup.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { browserMissing, ensureConsoleBuilt, launchBrowser, screenshot, seriousViolations, type AxeFinding } from '../helpers/browser.js';
import { seedConsoleFixture, type ConsoleFixture } from '../helpers/console-fixtures.js';

describe('console: accessibility of the operator pages (axe-core)', { skip: browserMissing }, () => {
  let t: TestServer;
  let f: ConsoleFixture;
  before(async () => {
    await ensureConsoleBuilt();
    t = await startTestServer();
    f = await seedConsoleFixture(t);
  });
  after(() => t?.stop());

  test('no serious or critical axe violation on any operator page', async () => {
    const findings: Record<string, AxeFinding[]> = {};
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await (await browser.newContext({ baseURL: t.url })).newPage();
      const check = async (name: string, ready: () => Promise<unknown>) => {
        await ready();
        await screenshot(page, name);
        const v = await seriousViolations(page);
        if (v.length) findings[name] = v;
      };
      await page.goto('/admin/');
      await check('a11y-sign-in', () => page.getByRole('button', { name: 'Sign in' }).waitFor());
      // by keyboard only: Tab to the key field, type, Enter submits
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement.getAttribute("name")'), 'key', 'the first Tab reaches the key field');
      await page.keyboard.type(t.adminKey);
      await page.keyboard.press('Enter');
      await check('a11y-organizations', () => page.getByRole('link', { name: 'Acme Corp' }).waitFor());
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content', 'the first Tab of a page reaches the skip link');
      const base = `/admin/orgs/${f.orgId}`;
      const pages: Array<[string, string, () => Promise<unknown>]> = [
        ['a11y-status', base, () => page.getByTestId('status').waitFor()],
        ['a11y-keys', `${base}/keys`, () => page.getByRole('cell', { name: 'Okta', exact: true }).waitFor()],
        ['a11y-users', `${base}/users`, () => page.getByRole('link', { name: 'ada@acme.example' }).waitFor()],
        ['a11y-user', `${base}/users/${f.userIds[0]}`, () => page.getByRole('heading', { name: 'History' }).waitFor()],
        ['a11y-groups', `${base}/groups`, () => page.getByRole('cell', { name: 'Engineering' }).waitFor()],
        ['a11y-events', `${base}/events`, () => page.getByText('Connected: new events appear').waitFor()],
        ['a11y-setup-links', `${base}/setup-links`, () => page.getByTestId('setup-link').first().waitFor()],
      ];
      for (const [name, path, ready] of pages) {
        await page.goto(path);
        await check(name, ready);
      }
      // the policy and mappings page with a dry run's result on it
      await page.goto(`${base}/provisioning`);
      await page.getByRole('button', { name: 'Preview' }).click();
      await check('a11y-provisioning', () => page.getByRole('region', { name: 'Dry-run result' }).waitFor());
    } finally {
      await browser?.close();
    }
    assert.deepEqual(findings, {}, `axe-core found serious or critical violations:\n${JSON.stringify(findings, null, 2)}`);
  });
});
