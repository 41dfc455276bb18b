/**
 * The test IdP (saml-idp.ts) behind a real HTTP endpoint, for browser tests: its SSO URL takes an
 * SP-initiated HTTP-Redirect AuthnRequest and answers, as Okta does after the person signed in, with
 * a page that POSTs a real signed SAMLResponse (InResponseTo the request) to the ACS URL with the
 * RelayState. Listens on 127.0.0.1 (an SSO URL may be http only for localhost).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { TestIdp } from './saml-idp.js';

export interface IdpServer {
  idp: TestIdp;
  ssoUrl: string;
  /** AuthnRequests received so far. */
  requests: Array<{ id: string; acsUrl: string; issuer: string }>;
  close(): Promise<void>;
}

const attr = (xml: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function startIdpServer(person: { nameId: string; attributes: Record<string, string[]> }): Promise<IdpServer> {
  const requests: IdpServer['requests'] = [];
  // the IdP is made once the port (its SSO URL) is known
  const made: { idp?: TestIdp } = {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const encoded = url.searchParams.get('SAMLRequest');
    const idp = made.idp;
    if (url.pathname !== '/sso' || !encoded || !idp) {
      res.writeHead(404).end('not found');
      return;
    }
    const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
    const id = attr(xml, 'ID')!;
    const acsUrl = attr(xml, 'AssertionConsumerServiceURL')!;
    const issuer = /<(?:\w+:)?Issuer[^>]*>([^<]+)</.exec(xml)![1]!;
    requests.push({ id, acsUrl, issuer });
    const response = idp.response({
      inResponseTo: id,
      destination: acsUrl,
      recipient: acsUrl,
      audience: issuer,
      nameId: person.nameId,
      attributes: person.attributes,
    });
    const relayState = url.searchParams.get('RelayState');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><title>Test IdP</title><body><form method="post" action="${html(acsUrl)}">` +
        `<input type="hidden" name="SAMLResponse" value="${html(response)}">` +
        (relayState !== null ? `<input type="hidden" name="RelayState" value="${html(relayState)}">` : '') +
        `<button type="submit">Continue</button></form><script>document.forms[0].submit()</script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ssoUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sso`;
  const idp = (made.idp = new TestIdp({ ssoUrl }));
  return {
    idp,
    ssoUrl,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
