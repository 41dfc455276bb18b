/**
 * An IdP's metadata endpoint over real TLS, for the metadata URL tests: a certificate authority made
 * with openssl at test time, a server certificate it signs for 127.0.0.1 and localhost, and an https
 * server on port 0 whose answers the test changes between fetches (a rolled signing certificate, an
 * error status, a redirect, an oversized body). The CA certificate is written to a file for the
 * server's OUTBOUND_CA_FILE setting.
 */
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCa {
  certificatePem: string;
  /** A file holding the CA certificate (PEM), for OUTBOUND_CA_FILE. */
  file: string;
  /** A key pair and certificate for `127.0.0.1` and `localhost`, signed by this CA. */
  server: { keyPem: string; certificatePem: string };
  /** Removes the CA file. */
  remove(): void;
}

/** A CA and a server certificate it issued, made with openssl in a temporary folder (the keys stay in memory). */
export function makeTestCa(name = 'Test Corporate CA'): TestCa {
  const dir = mkdtempSync(path.join(tmpdir(), 'test-ca-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${name}`);
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(
      path.join(dir, 'ext.cnf'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n',
    );
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
    const certificatePem = readFileSync(path.join(dir, 'ca.pem'), 'utf8');
    const server = { keyPem: readFileSync(path.join(dir, 'server.key'), 'utf8'), certificatePem: readFileSync(path.join(dir, 'server.pem'), 'utf8') };
    const fileDir = mkdtempSync(path.join(tmpdir(), 'test-ca-file-'));
    const file = path.join(fileDir, 'ca.pem');
    writeFileSync(file, certificatePem);
    return { certificatePem, file, server, remove: () => rmSync(fileDir, { recursive: true, force: true }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the server answers on a path: a body (200, XML), a status, a redirect, or a body of n bytes. */
export type Answer = { xml: string } | { status: number } | { redirect: string } | { bytes: number };

export interface MetadataServer {
  /** https://127.0.0.1:<port> */
  origin: string;
  /** Sets what `path` answers from now on. */
  set(path: string, answer: Answer): void;
  /** Requests received per path. */
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startMetadataServer(tls: { keyPem: string; certificatePem: string }): Promise<MetadataServer> {
  const answers = new Map<string, Answer>();
  const hits = new Map<string, number>();
  const server = https.createServer({ key: tls.keyPem, cert: tls.certificatePem }, (req, res) => {
    const p = new URL(req.url ?? '/', 'https://x').pathname;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    const a = answers.get(p);
    if (!a) {
      res.writeHead(404).end();
    } else if ('xml' in a) {
      res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(a.xml);
    } else if ('status' in a) {
      res.writeHead(a.status).end('error');
    } else if ('redirect' in a) {
      res.writeHead(302, { location: a.redirect }).end();
    } else {
      // streamed without a content-length: the reader's own bound must stop it
      res.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const write = () => {
        while (sent < a.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('error', () => {});
      write();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `https://127.0.0.1:${port}`,
    set: (p, a) => answers.set(p, a),
    hits: (p) => hits.get(p) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** IdP metadata listing several signing certificates (an IdP during its certificate rollover). */
export function metadataWithCertificates(entityId: string, ssoUrl: string, certificatesBase64: string[]): string {
  const kd = (c: string) =>
    `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    certificatesBase64.map(kd).join('') +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}
