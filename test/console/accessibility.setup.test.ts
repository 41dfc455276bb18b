/**
 * Issue #19, browser test 3 (setup mode): axe-core (WCAG 2.1 A/AA rules and best practices) on the
 * pages a setup link opens: no serious or critical violation. Screenshots under test-output/console/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { browserMissing, ensureConsoleBuilt, launchBrowser, screenshot, seriousViolations, type AxeFinding } from '../helpers/browser.js';
import { seedConsoleFixture, type ConsoleFixture } from '../helpers/console-fixtures.js';

describe('console: accessibility of setup mode (axe-core)', { skip: browserMissing }, () => {
  let t: TestServer;
  let f: ConsoleFixture;
  before(async () => {
    await ensureConsoleBuilt();
    t = await startTestServer();
    f = await seedConsoleFixture(t);
  });
  after(() => t?.stop());

  test('no serious or critical axe violation on any setup page', async () => {
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
      await page.goto(`${f.setupUrl.pathname}${f.setupUrl.hash}`);
      await check('a11y-setup-overview', () => page.getByRole('heading', { name: /Connect Acme Corp/ }).waitFor());
      await page.getByRole('link', { name: 'Single sign-on (SAML)' }).click();
      await check('a11y-setup-sso', () => page.getByRole('heading', { name: 'Configure SAML' }).waitFor());
      await page.getByRole('link', { name: 'Provisioning (SCIM)' }).click();
      await page.getByRole('button', { name: 'Create SCIM token' }).click();
      await check('a11y-setup-scim', () => page.getByTestId('secret').waitFor());
    } finally {
      await browser?.close();
    }
    assert.deepEqual(findings, {}, `axe-core found serious or critical violations:\n${JSON.stringify(findings, null, 2)}`);
  });
});
