/**
 * How the server serves the admin console's build at /admin: hashed assets cached for a year as
 * immutable, the HTML shell revalidated (no-cache), any console path answered with the shell, a
 * missing asset a 404 (never the shell), and a strict Content-Security-Policy on all of it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { ensureConsoleBuilt } from '../helpers/browser.js';

describe('admin console: static files at /admin', () => {
  let t: TestServer;
  before(async () => {
    await ensureConsoleBuilt();
    t = await startTestServer();
  });
  after(() => t?.stop());

  test('the shell: no-cache, strict CSP with connect-src to this origin over WebSocket, no framing', async () => {
    const res = await fetch(`${t.url}/admin/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'scripts from this origin only: no inline, no eval');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, new RegExp(`connect-src 'self' ${t.url.replace(/^http/, 'ws').replace(/[.]/g, '\\.')}(;|$)`));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const html = await res.text();
    assert.match(html, /<script type="module" crossorigin src="\/admin\/assets\/index-[\w-]+\.js"><\/script>/);
    assert.doesNotMatch(html.replace(/<script[^>]*src=[^>]*><\/script>/g, ''), /<script/, 'no inline script in the shell');
  });

  test('console paths fall back to the shell; /admin redirects to /admin/', async () => {
    for (const p of ['/admin/orgs/123/users', '/admin/setup']) {
      const res = await fetch(`${t.url}${p}`);
      assert.equal(res.status, 200, p);
      assert.match(res.headers.get('content-type')!, /^text\/html/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
    }
    const res = await fetch(`${t.url}/admin`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/admin/');
  });

  test('hashed assets: a year, immutable; a missing one is a 404, not the shell; no way out of the folder', async () => {
    const assets = readdirSync(path.resolve('console/dist/assets'));
    const js = assets.find((a) => a.endsWith('.js'))!;
    const res = await fetch(`${t.url}/admin/assets/${js}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/javascript/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.ok((await res.text()).length > 1000);
    const head = await fetch(`${t.url}/admin/assets/${js}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers.get('content-length')), await readFileSize(js));

    const missing = await fetch(`${t.url}/admin/assets/index-nothere.js`);
    assert.equal(missing.status, 404);
    assert.notEqual(missing.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    for (const p of ['/admin/..%2f..%2fpackage.json', '/admin/%2e%2e/%2e%2e/package.json', '/admin/.build-hash/../../../package.json']) {
      const r = await fetch(`${t.url}${p}`);
      assert.ok(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
      assert.doesNotMatch(await r.text(), /"name": "identity-api"/);
    }
    const post = await fetch(`${t.url}/admin/`, { method: 'POST' });
    assert.equal(post.status, 405);
  });
});

async function readFileSize(asset: string): Promise<number> {
  const { stat } = await import('node:fs/promises');
  return (await stat(path.resolve('console/dist/assets', asset))).size;
}
