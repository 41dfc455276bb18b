/**
 * A POST to a URL a tenant chose (a webhook endpoint, an OIDC client's back-channel logout URI),
 * with node:http(s) so that, unless private addresses are allowed, the address the socket actually
 * connects to is checked (`publicOnlyLookup`): a name that resolved to a public address in an earlier
 * check and to an internal one when connecting (DNS rebinding) is refused. Redirects are not followed
 * and the answer's body is not read (only its status counts).
 */
import http from 'node:http';
import https from 'node:https';
import { publicOnlyLookup } from './outbound-address.js';

export interface OutboundPost {
  headers: Record<string, string>;
  body: string;
  /** Loopback, link-local and private addresses allowed (the operator's setting). */
  allowPrivate: boolean;
  /** Ends the request (a timeout, a shutdown): the promise rejects with the signal's reason. */
  signal: AbortSignal;
}

/** The answer's HTTP status; rejects with the connection's error (code `ENONPUBLIC`: a non-public address refused at connect). */
export function postOutbound(url: string, opts: OutboundPost): Promise<number> {
  const u = new URL(url);
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      // a timeout or a stop is reported as the signal's reason (TimeoutError / AbortError), as fetch did
      reject(opts.signal.aborted ? opts.signal.reason : err);
    };
    const req = client.request(
      u,
      {
        method: 'POST',
        headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) },
        lookup: opts.allowPrivate ? undefined : (publicOnlyLookup as never),
        signal: opts.signal,
      },
      (res) => {
        settled = true;
        // the body is not read: drop the connection rather than take whatever the endpoint sends
        res.on('error', () => {});
        res.destroy();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}

/**
 * `work` (a check before a send, e.g. a DNS lookup, which cannot be cancelled), bounded by `signal`:
 * rejects with the signal's reason when it ends first, so a resolver that does not answer costs a
 * send its time limit, not the resolver's own (tens of seconds), and a stop does not wait for it.
 */
export function withinSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
