/**
 * The benchmark's "OIDC code exchange" phase (README §Benchmarks; run alone with
 * `BENCH_ONLY=oidc-token npm run bench`): authorization codes exchanged at `/oidc/token` by a
 * confidential client with client_secret_basic and PKCE, as a host application's server does after
 * each sign-in.
 *
 * How the codes are made: one real sign-in drives the whole flow (`/oidc/auth`, the interaction,
 * the organization's SAML login at a TestIdp, the ACS, the resume) to a real code, with its real
 * grant and provider session. That code's stored payload (`oidc_payloads`) is then copied
 * `BENCH_OIDC_CODES` times under new random code values, written straight into the table. Driving
 * the flow per code would cost ~6 requests, a signed SAML response and its validation per code (most
 * of a code's cost being the sign-in, not the exchange), and codes live 60 s, so a few thousand made
 * that way would expire while being made. An exchange of a copy does exactly what the exchange of a
 * fresh code does (find the code, the client, the grant, the session and the account, check PKCE,
 * sign an ID token, store the access token, consume the code); only the grant is shared by all
 * copies, which the exchange reads and does not write.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import * as client from 'openid-client';
import { TestIdp } from '../test/helpers/saml-idp.js';
import { Browser } from '../test/helpers/oidc-browser.js';

export const OIDC_CODES = Number(process.env.BENCH_OIDC_CODES ?? 2000);
const WARMUP = Math.min(200, OIDC_CODES);

interface CpuTimes {
  client: number;
  server: number;
  db: number;
}
type Drive = (count: number, concurrency: number, op: (i: number) => Promise<void>) => Promise<{ seconds: number; latencies: number[]; cpu: CpuTimes }>;

export interface OidcTokenPhase {
  name: string;
  ops: number;
  seconds: number;
  latencies: number[];
  cpu: CpuTimes;
  note: string;
}

export interface OidcTokenBench {
  /** The server's URL (also its PUBLIC_URL: unset, so the issuer is this origin + /oidc). */
  url: string;
  databaseUrl: string;
  adminKey: string;
  drive: Drive;
  concurrency: number;
}

const CONFIGURE_SAML = `mutation($o: ID!, $xml: String!) { configureSamlConnection(organizationId: $o, input: {idpMetadataXml: $xml}) { serviceProvider { entityId acsUrl metadataUrl loginUrl } } }`;
const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;
const REDIRECT_URI = 'http://127.0.0.1:9/cb';

/** Prepares the codes (see the file's comment) and exchanges them with `concurrency` clients. */
export async function oidcCodeExchange(b: OidcTokenBench): Promise<OidcTokenPhase> {
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${b.adminKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await r.json()) as { data: Record<string, any>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const slug = `bench-oidc-${randomBytes(3).toString('hex')}`;
  const org = (await gql('mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', { i: { name: 'Bench OIDC', slug } }))
    .createOrganization.id as string;
  const idp = new TestIdp();
  const sp = (await gql(CONFIGURE_SAML, { o: org, xml: idp.metadataXml() })).configureSamlConnection.serviceProvider;
  const nameId = 'ada@bench-oidc.example';
  await gql('mutation($o: ID!, $i: CreateUserInput!) { createUser(organizationId: $o, input: $i) { id } }', {
    o: org,
    i: { userName: nameId, name: { givenName: 'Ada', familyName: 'Bench' }, emails: [{ value: nameId, primary: true }] },
  });
  const created = (await gql(CREATE_CLIENT, { input: { name: 'Bench host app', redirectUris: [REDIRECT_URI] } })).createOidcClient;
  const clientId = created.clientId as string;
  const clientSecret = created.clientSecret as string;

  // the one real sign-in, to a real code
  const config = await client.discovery(new URL(`${b.url}/oidc`), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  const verifier = client.randomPKCECodeVerifier();
  const authUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid email profile organization',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    organization: slug,
  });
  const step = await new Browser().signIn(authUrl.href, { idp, sp, nameId, redirectUri: REDIRECT_URI });
  const code = step.location?.startsWith(REDIRECT_URI) ? new URL(step.location).searchParams.get('code') : null;
  if (!code) throw new Error(`OIDC sign-in did not end with a code: ${step.status} ${step.location} ${step.text.slice(0, 300)}`);

  // its copies, each under a new code value, living an hour
  const total = WARMUP + OIDC_CODES;
  const codes = Array.from({ length: total }, () => randomBytes(32).toString('base64url'));
  const db = new pg.Client({ connectionString: b.databaseUrl });
  await db.connect();
  try {
    const inserted = await db.query(
      `insert into oidc_payloads (model, id, payload, grant_id, uid, user_code, user_id, client_id, issuer, expires_at)
       select p.model, c.id, p.payload || jsonb_build_object('jti', c.id, 'iat', extract(epoch from now())::bigint, 'exp', extract(epoch from now())::bigint + 3600),
              p.grant_id, p.uid, p.user_code, p.user_id, p.client_id, p.issuer, now() + interval '1 hour'
         from oidc_payloads p, unnest($2::text[]) as c(id)
        where p.model = 'AuthorizationCode' and p.id = $1`,
      [code, codes],
    );
    if (inserted.rowCount !== total) throw new Error(`copied the code ${inserted.rowCount} times, not ${total}`);
  } finally {
    await db.end();
  }

  const target = new URL(`${b.url}/oidc/token`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: b.concurrency });
  // client_secret_basic: the id and secret form-urlencoded, then base64 (RFC 6749 §2.3.1)
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  const exchange = (value: string) =>
    new Promise<void>((resolve, reject) => {
      const body = new URLSearchParams({ grant_type: 'authorization_code', code: value, redirect_uri: REDIRECT_URI, code_verifier: verifier }).toString();
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: target.pathname,
          headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200 || !text.includes('"id_token"')) return reject(new Error(`token exchange: ${res.statusCode} ${text.slice(0, 300)}`));
            resolve();
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    // the real code first (what a host app would do with it), then the warm-up copies, unmeasured
    await exchange(code);
    for (let i = 0; i < WARMUP; i++) await exchange(codes[i]!);
    const r = await b.drive(OIDC_CODES, b.concurrency, (i) => exchange(codes[WARMUP + i]!));
    return {
      name: 'OIDC code exchange (client_secret_basic + PKCE)',
      ops: OIDC_CODES,
      ...r,
      note: 'codes copied from one real sign-in (bench/oidc-token.ts)',
    };
  } finally {
    agent.destroy();
  }
}

/** BENCH_ONLY=oidc-token: the phase's row, in the columns of the main table. */
export function printOidcTokenPhase(r: OidcTokenPhase, concurrency: number): void {
  const sorted = [...r.latencies].sort((x, y) => x - y);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  console.log(`\nOIDC token endpoint: ${r.ops} codes, concurrency ${concurrency}, node ${process.version}, ${new Date().toISOString()}\n`);
  console.table([
    {
      phase: r.name,
      'ops/s': (r.ops / r.seconds).toFixed(1),
      'p50 ms': pct(50).toFixed(2),
      'p95 ms': pct(95).toFixed(2),
      'p99 ms': pct(99).toFixed(2),
      'CPU ms/op client+server+db': [r.cpu.client, r.cpu.server, r.cpu.db].map((c) => ((c * 1000) / r.ops).toFixed(2)).join(' + '),
      note: r.note,
    },
  ]);
}
