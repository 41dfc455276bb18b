/**
 * Fetching an IdP's metadata from the URL a tenant gave (`idpMetadataUrl`). The tenant chooses the
 * URL, so the server must not become its way into the internal network: https only, no loopback,
 * link-local or private address (checked on the address actually connected to, and again on every
 * redirect) unless the operator allows it, a bounded size, a bounded number of redirects and a time
 * limit. The operator may add trusted CA certificates (a corporate CA that signs the IdP's
 * certificate); the system's roots stay trusted.
 */
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import type { SamlMetadataPolicy } from '../access.js';
import { namesNonPublicHost, publicOnlyLookup } from '../../shared/outbound-address.js';
import { parseIdpMetadata, type IdpMetadata } from '../../shared/saml-idp-metadata.js';

/** The operator's rules for metadata fetches (server config): private addresses allowed or not, extra trusted CA certificates. */
export type MetadataFetchPolicy = Pick<SamlMetadataPolicy, 'allowPrivateAddresses' | 'extraCaCertificates'>;

/** Six hours: SAML_METADATA_REFRESH_SECONDS's default. */
export const DEFAULT_METADATA_REFRESH_SECONDS = 6 * 3600;
/** What applies when the server says nothing: https to public addresses, the system's roots, every six hours. */
export const STRICT_METADATA_POLICY: SamlMetadataPolicy = {
  allowPrivateAddresses: false,
  extraCaCertificates: [],
  refreshSeconds: DEFAULT_METADATA_REFRESH_SECONDS,
};

/** Largest metadata document fetched (bytes); the parser accepts 1,000,000 characters. */
export const MAX_METADATA_BYTES = 1_000_000;
/** The whole fetch, redirects included. */
export const METADATA_FETCH_TIMEOUT_MS = 10_000;
export const MAX_METADATA_REDIRECTS = 3;
const MAX_URL_LENGTH = 2048;

/** Why a URL or fetch was refused: `reason` is a stable name (the GraphQL error's reason, the event's data.reason). */
export class MetadataFetchError extends Error {
  constructor(
    readonly reason:
      | 'url.invalid'
      | 'url.insecure'
      | 'url.private'
      | 'fetch.failed'
      | 'fetch.status'
      | 'fetch.tooLarge'
      | 'fetch.redirects'
      | 'fetch.timeout'
      | 'metadata.invalid',
    message: string,
  ) {
    super(message);
  }
}

/** The URL as stored, or MetadataFetchError: https, no credentials or fragment, and (unless allowed) no localhost or literal non-public address. */
export function checkMetadataUrl(value: unknown, policy: MetadataFetchPolicy): URL {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length > MAX_URL_LENGTH) throw new MetadataFetchError('url.invalid', `idpMetadataUrl is longer than ${MAX_URL_LENGTH} characters`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new MetadataFetchError('url.invalid', 'idpMetadataUrl is not an absolute URL');
  }
  if (u.protocol !== 'https:') throw new MetadataFetchError('url.insecure', 'idpMetadataUrl must be an https URL');
  if (u.username || u.password) throw new MetadataFetchError('url.invalid', 'idpMetadataUrl must not contain a user name or password');
  if (u.hash) throw new MetadataFetchError('url.invalid', 'idpMetadataUrl must not contain a fragment');
  if (!policy.allowPrivateAddresses && namesNonPublicHost(u))
    throw new MetadataFetchError(
      'url.private',
      'idpMetadataUrl must not name a loopback, link-local or private address (unless the operator set SAML_METADATA_ALLOW_PRIVATE_ADDRESSES)',
    );
  return u;
}

/** GETs the metadata document at `url` under `policy`; the body as text, or MetadataFetchError. */
export async function fetchMetadata(url: string, policy: MetadataFetchPolicy, signal?: AbortSignal): Promise<string> {
  const timeout = AbortSignal.timeout(METADATA_FETCH_TIMEOUT_MS);
  const abort = signal ? AbortSignal.any([timeout, signal]) : timeout;
  const ca = policy.extraCaCertificates.length ? [...rootCertificates, ...policy.extraCaCertificates] : undefined;
  let current = checkMetadataUrl(url, policy);
  for (let redirects = 0; ; redirects++) {
    const res = await get(current, policy, ca, abort);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (redirects >= MAX_METADATA_REDIRECTS) throw new MetadataFetchError('fetch.redirects', `more than ${MAX_METADATA_REDIRECTS} redirects`);
      let next: URL;
      try {
        next = new URL(res.headers.location, current);
      } catch {
        throw new MetadataFetchError('fetch.failed', 'a redirect named an invalid URL');
      }
      // every hop obeys the same rules as the URL the tenant gave
      current = checkMetadataUrl(next.toString(), policy);
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw new MetadataFetchError('fetch.status', `the metadata URL answered HTTP ${status}`);
    }
    return readBody(res, abort);
  }
}

function get(u: URL, policy: MetadataFetchPolicy, ca: string[] | undefined, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      u,
      {
        headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml;q=0.9, */*;q=0.1', 'user-agent': 'identity-saml-metadata/1' },
        ca,
        // the check on the address the socket connects to (a public name pointing inward is refused here)
        lookup: policy.allowPrivateAddresses ? undefined : (publicOnlyLookup as never),
        signal,
      },
      resolve,
    );
    req.on('error', (err) => reject(describe(err, signal)));
  });
}

function readBody(res: IncomingMessage, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_METADATA_BYTES) {
    res.destroy();
    return Promise.reject(new MetadataFetchError('fetch.tooLarge', `the metadata is larger than ${MAX_METADATA_BYTES} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_METADATA_BYTES) {
        settle(() => reject(new MetadataFetchError('fetch.tooLarge', `the metadata is larger than ${MAX_METADATA_BYTES} bytes`)));
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => settle(() => resolve(Buffer.concat(chunks).toString('utf8'))));
    res.on('error', (err) => settle(() => reject(describe(err, signal))));
    res.on('aborted', () => settle(() => reject(describe(new Error('the connection was closed'), signal))));
    res.on('close', () => settle(() => reject(describe(new Error('the connection was closed'), signal))));
  });
}

function describe(err: unknown, signal: AbortSignal): MetadataFetchError {
  if (err instanceof MetadataFetchError) return err;
  if (signal.aborted) return new MetadataFetchError('fetch.timeout', `no complete answer within ${METADATA_FETCH_TIMEOUT_MS / 1000} s`);
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENONPUBLIC') return new MetadataFetchError('url.private', `${e.message} (the operator has not set SAML_METADATA_ALLOW_PRIVATE_ADDRESSES)`);
  return new MetadataFetchError('fetch.failed', `the metadata could not be fetched: ${e.code ? `${e.code} ` : ''}${e.message}`.slice(0, 500));
}

/** Fetches and parses the IdP metadata at `url`; MetadataFetchError (`metadata.invalid` when the document is no usable IdP metadata). */
export async function loadIdpMetadata(url: string, policy: MetadataFetchPolicy, signal?: AbortSignal): Promise<IdpMetadata> {
  const xml = await fetchMetadata(url, policy, signal);
  try {
    return parseIdpMetadata(xml);
  } catch (err) {
    throw new MetadataFetchError('metadata.invalid', `the document at the metadata URL is not usable IdP metadata: ${(err as Error).message}`.slice(0, 500));
  }
}
