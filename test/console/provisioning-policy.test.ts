/**
 * The operator's policy form (`/admin/orgs/{id}/provisioning`) in real Chromium: a seat limit is a
 * whole number. One the form cannot read as such ("1,000", "100 seats") is refused in the form,
 * saying so, and nothing is saved: before, it went out as JSON `null` (NaN) and removed the limit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { browserMissing, ensureConsoleBuilt, launchBrowser, screenshot, watchPageErrors } from '../helpers/browser.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';

const POLICY = `query ($org: ID!) { provisioningPolicy(organizationId: $org) { seatLimit version } }`;
const SET = `mutation ($org: ID!, $input: ProvisioningPolicyInput!) { setProvisioningPolicy(organizationId: $org, input: $input) { seatLimit } }`;

describe('console: the provisioning policy form', { skip: browserMissing }, () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    await ensureConsoleBuilt();
    t = await startTestServer();
    org = await createOrg(t);
    await t.gql(SET, { org: org.id, input: { seatLimit: 50 } });
  });
  after(() => t?.stop());

  const policy = async () =>
    (await t.gql<{ provisioningPolicy: { seatLimit: number | null; version: number } }, unknown>(POLICY, { org: org.id })).provisioningPolicy;

  test('a seat limit that is not a whole number is refused in the form, and the limit stays', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await (await browser.newContext({ baseURL: t.url })).newPage();
      const errors = watchPageErrors(page);
      await page.goto('/admin/');
      await page.getByLabel('API key').fill(t.adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
      await page.goto(`/admin/orgs/${org.id}/provisioning`);
      const seat = page.getByLabel('Seat limit');
      await seat.waitFor();
      assert.equal(await seat.inputValue(), '50');
      const before = await policy();

      for (const typed of ['1,000', '100 seats', '2.5']) {
        await seat.fill(typed);
        await page.getByRole('button', { name: 'Save policy' }).click();
        await page.getByText('The seat limit must be a whole number').waitFor();
        await screenshot(page, 'operator-policy-seat-limit-refused');
        assert.deepEqual(await policy(), before, `"${typed}" changed nothing`);
      }

      // a whole number is saved, and empty means unlimited
      await seat.fill('1000');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByText(/^ Saved \(version/).waitFor();
      assert.equal((await policy()).seatLimit, 1000);
      assert.equal(await page.getByText('The seat limit must be a whole number').count(), 0, 'the note is gone once the value is fine');
      assert.deepEqual(errors, []);
    } finally {
      await browser?.close();
    }
  });
});
