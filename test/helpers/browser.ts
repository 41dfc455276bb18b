/**
 * Real Chromium for the console's browser tests (test/console/): Debian's /usr/bin/chromium
 * (`apt-get install -y chromium`; CHROMIUM_PATH names another), driven by playwright-core, which
 * downloads no browser of its own. Every browser a test launches is closed in its `finally`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { buildConsole } from '../../scripts/build-console.js';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why the browser tests cannot run here (undefined: they can). Used as the tests' `skip` reason. */
export const browserMissing: string | undefined = existsSync(CHROMIUM)
  ? undefined
  : `NOT RUN: Chromium not found at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH to a Chromium binary) to run the admin console's browser tests.`;

if (browserMissing) process.stderr.write(`\n!!!!! ${browserMissing}\n\n`);

/** Where screenshots go (git-ignored): test-output/console/<name>.png. */
export const SCREENSHOTS = path.resolve('test-output', 'console');

/** The console's build, made if missing or stale (what `npm test` did before, for a single test file run alone). */
export async function ensureConsoleBuilt(): Promise<void> {
  await buildConsole({ ifStale: true, quiet: true });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright gives each launch a fresh temporary profile (user-data dir); the flags keep
    // Chromium from phoning home (refused connections here) and from needing a sandbox as root
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules and best practices). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Collects what the page's console reports as errors and the Content-Security-Policy refusals. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}
