/**
 * Unauthenticated work at the ACS is bounded: the decoded XML is checked against structural limits
 * (nesting depth, nodes, attributes per element and in all, namespace declarations per element) by
 * a single forward pass over its text before any DOM is built (scanXmlLimits in src/shared/xml.ts),
 * and the SAML rate limit counts a request before its body is read. docs/SAML.md §Limits,
 * §Rejections.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { NS, TestIdp, toBase64 } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, postAcs, sessionOf, snapshot, startLogin, to, type HttpResult, type Sp } from '../helpers/saml-sp.js';
import { DEFAULT_XML_LIMITS, parseXmlStrict, scanXmlLimits, XmlLimitExceeded, XmlScanMalformed } from '../../src/shared/xml.js';

const L = DEFAULT_XML_LIMITS;
const response = (inner: string, rootAttributes = '') =>
  `<samlp:Response xmlns:samlp="${NS.protocol}" ID="_r" Version="2.0"${rootAttributes}>${inner}</samlp:Response>`;
const nested = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);
const attrs = (n: number, name = 'a') => Array.from({ length: n }, (_, i) => ` ${name}${i}="v"`).join('');

function limitOf(xml: string): string | null {
  try {
    scanXmlLimits(xml);
    return null;
  } catch (err) {
    if (err instanceof XmlLimitExceeded) return err.limit;
    throw err;
  }
}

describe('scanXmlLimits', () => {
  test('reads every well-formed construct a SAML response may hold, and counts exactly at each bound', () => {
    const wellFormed =
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <b> and "quotes" -->\n` +
      `<r xmlns="urn:x" xmlns:p='urn:p' a = "1 > 0" b='&lt;not a tag/>' c="it's">` +
      `text &amp; more<p:e\t\n  d="x"/><![CDATA[<c></c>]]><?pi data <x>?><e></e ><f/>` +
      `</r>\n<!-- trailing -->`;
    assert.doesNotThrow(() => scanXmlLimits(wellFormed));
    parseXmlStrict(wellFormed); // the DOM parser agrees

    // depth: the root is at 0, an element at depth 48 is allowed, one at 49 is not
    assert.equal(limitOf(nested(L.maxDepth + 1)), null);
    assert.equal(limitOf(nested(L.maxDepth + 2)), 'maxDepth');
    // nodes: elements, comments, processing instructions and CDATA sections
    assert.equal(limitOf(`<r>${'<a/>'.repeat(L.maxNodes - 1)}</r>`), null);
    assert.equal(limitOf(`<r>${'<a/>'.repeat(L.maxNodes)}</r>`), 'maxNodes');
    assert.equal(limitOf(`<r>${'<!--c-->'.repeat(L.maxNodes)}</r>`), 'maxNodes');
    assert.equal(limitOf(`<r>${'<?p?>'.repeat(L.maxNodes)}</r>`), 'maxNodes');
    assert.equal(limitOf(`<r>${'<![CDATA[x]]>'.repeat(L.maxNodes)}</r>`), 'maxNodes');
    // attributes per element, in all, and namespace declarations per element
    assert.equal(limitOf(`<r${attrs(L.maxAttributesPerElement)}/>`), null);
    assert.equal(limitOf(`<r${attrs(L.maxAttributesPerElement + 1)}/>`), 'maxAttributesPerElement');
    const perElement = 10;
    const elements = Math.ceil((L.maxAttributes + 1) / perElement);
    assert.equal(limitOf(`<r>${`<a${attrs(perElement)}/>`.repeat(elements)}</r>`), 'maxAttributes');
    assert.equal(limitOf(`<r${attrs(L.maxNamespaceDeclarationsPerElement, 'xmlns:p')}/>`), null);
    assert.equal(limitOf(`<r xmlns="urn:d"${attrs(L.maxNamespaceDeclarationsPerElement, 'xmlns:p')}/>`), 'maxNamespaceDeclarationsPerElement');
  });

  test('markup it cannot read is refused as malformed, not skipped (it could hide elements from the count)', () => {
    for (const bad of [
      '<r><!-- unclosed</r>',
      '<r><![CDATA[ unclosed</r>',
      '<r a=unquoted/>',
      '<r a="unclosed/>',
      '<r><!ELEMENT r ANY></r>',
      '<r></s>',
      '</r>',
      '<r a="1"b="2"/>',
      '<r>< a/></r>',
      '<r><?pi</r>',
    ]) {
      assert.throws(() => scanXmlLimits(bad), XmlScanMalformed, bad);
    }
  });
});

describe('ACS: XML over a structural limit is refused before a DOM is built', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  let org: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });

  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp, { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  /** Posts the XML; checks the refusal (400 page, nothing changed) and returns the logged line. */
  async function refused(xml: string): Promise<{ r: HttpResult; line: Record<string, unknown> }> {
    const before = await snapshot(t, org);
    const r = await postAcs(t.url, org.slug, toBase64(xml));
    assertRefused(r, 400);
    const line = logs.of(r.requestId).find((l) => l.msg === 'SAML request refused');
    assert.ok(line, 'the refusal is logged under the reference');
    assert.deepEqual(await snapshot(t, org), before, 'no user and no event changed');
    return { r, line };
  }

  test('105,000 nested elements (957 KB posted): validate.xml_limits at once, in milliseconds of CPU instead of a second', async () => {
    const xml = nested(105_000);
    const b64 = toBase64(xml);
    assert.equal(b64.length, 980_000, '957 KiB of base64, within the 1,000,000-character SAMLResponse limit');
    await refused(nested(60)); // the first request of the process warms up code on every path
    const before = await snapshot(t, org);
    const cpu = process.cpuUsage();
    const r = await postAcs(t.url, org.slug, b64);
    const used = process.cpuUsage(cpu);
    const ms = (used.user + used.system) / 1000;
    assertRefused(r, 400);
    assert.deepEqual(await snapshot(t, org), before, 'no user and no event changed');
    const line = logs.of(r.requestId).find((l) => l.msg === 'SAML request refused')!;
    assert.equal(line.reason, 'validate.xml_limits', JSON.stringify(line));
    assert.match(String(line.detail), /more than 48 levels deep/);
    // test client and server share this process; before the pre-scan, the server alone spent 0.7-1.2 s here
    console.log(`# CPU of the refused 105,000-element post (client and server): ${ms.toFixed(1)} ms`);
    assert.ok(ms < 300, `the refusal cost ${ms.toFixed(0)} ms of CPU`);
  });

  test('each limit, in a Response: too many nodes, attributes on an element, attributes in all, namespace declarations', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['nodes', response('<a/>'.repeat(L.maxNodes)), /more than 5000 elements, comments, processing instructions and CDATA sections/],
      ['attributes per element', response('', attrs(L.maxAttributesPerElement)), /an XML element has more than 32 attributes/],
      ['attributes in all', response(`<a${attrs(10)}/>`.repeat(Math.ceil(L.maxAttributes / 10))), /more than 15000 attributes in all/],
      ['namespace declarations', response('', attrs(L.maxNamespaceDeclarationsPerElement, 'xmlns:p')), /declares more than 16 namespaces/],
    ];
    for (const [what, xml, detail] of cases) {
      const { line } = await refused(xml);
      assert.equal(line.reason, 'validate.xml_limits', `${what}: ${JSON.stringify(line)}`);
      assert.match(String(line.detail), detail, what);
    }
  });

  test('a real response far above the usual size (2,500 group values, signed) stays within the limits and signs in', async () => {
    const groups = Array.from({ length: 2500 }, (_, i) => `group-${i}`);
    const login = await startLogin(t.url, org.slug);
    const r = await postAcs(
      t.url,
      org.slug,
      idp.response(
        to(sp, { inResponseTo: login.requestId, nameId: 'many@example.com', signResponse: true, attributes: { email: ['many@example.com'], groups } }),
      ),
    );
    assert.equal(r.status, 303, r.text);
    assert.equal((await sessionOf(t.url, r.sessionCookie!)).body.user.userName, 'many@example.com');
  });

  test('a decrypted assertion over a limit: validate.xml_limits in the log, the same page as any failure after decryption', async () => {
    const encrypted = async (tamperPlaintext: (a: string) => string) => {
      const login = await startLogin(t.url, org.slug);
      return idp.encryptedResponseXml({ ...to(sp, { inResponseTo: login.requestId }), encrypt: { certificatePem: spKeys.certificatePem, tamperPlaintext } });
    };
    const deep = await refused(await encrypted((a) => a.replace(/<\/saml2:Assertion>$/, `${nested(60)}</saml2:Assertion>`)));
    assert.equal(deep.line.reason, 'validate.xml_limits', JSON.stringify(deep.line));
    assert.match(String(deep.line.detail), /^the decrypted assertion: XML nests elements more than 48 levels deep/);
    const garbled = await refused(await encrypted((a) => a.slice(0, -20)));
    assert.equal(garbled.line.reason, 'validate.malformed');
    const page = (r: HttpResult) => r.text.replace(r.requestId!, 'REF');
    assert.equal(page(deep.r), page(garbled.r));
  });
});

describe('ACS: the SAML rate limit counts a request before its body is read', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn', SAML_RATE_LIMIT: '1', SAML_RATE_BURST: '1' } });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  test('over the limit, an ACS post whose body never arrives is answered 429 at once (and the connection closed)', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, new TestIdp());
    const ip = '203.0.113.77';
    // the burst (1) spent on a cheap request
    assert.equal((await fetch(`${t.url}/saml/${org.slug}/metadata`, { headers: { 'x-forwarded-for': ip } })).status, 200);
    // announce a ~1 MB form, send 20 bytes of it, and keep the rest back
    const url = new URL(`${t.url}/saml/${org.slug}/acs`);
    const answer = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '999000', 'x-forwarded-for': ip },
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error('no answer within 5 s: the server waited for the body before counting the request'));
      }, 5000);
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          clearTimeout(timer);
          req.destroy();
          resolve({ status: res.statusCode!, headers: res.headers, body });
        });
      });
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.write('SAMLResponse=PHNhbWw');
    });
    assert.equal(answer.status, 429, answer.body);
    assert.match(String(answer.headers['retry-after']), /^[1-9]\d*$/);
    assert.equal(answer.headers.connection, 'close', 'the unread body is not left in front of a next request');
    const line = logs.of(String(answer.headers['x-request-id'])).find((l) => l.msg === 'SAML request refused');
    assert.equal(line?.reason, 'request.rateLimited');
  });
});
