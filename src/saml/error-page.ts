/**
 * The one place SAML failures are rendered: a plain HTML page that says what the person can do,
 * with a reference id (the request id, which is also on the log line carrying the precise reason).
 */
import { escapeMarkup } from '../shared/text.js';

/** A failed SAML request, returned as data by the flows and rendered by the router. */
export interface SamlFailure {
  status: number;
  /** Stable, precise reason for the log (e.g. `validate.audience`, `signIn.userDeactivated`). */
  reason: string;
  /** Detail for the log only (may name what was wrong in the message; never shown). */
  detail: string;
  /** What the person is told. */
  message: string;
  /** Offer "start again" with this URL (an SP-initiated login). */
  retryUrl?: string | null;
  /** The page title, when not a sign-in's (a logout's). */
  title?: string;
}

export const failure = (status: number, reason: string, message: string, detail = '', retryUrl: string | null = null): SamlFailure => ({
  status,
  reason,
  detail,
  message,
  retryUrl,
});

const TITLES: Record<number, string> = {
  400: 'Sign-in failed',
  403: 'Sign-in refused',
  404: 'Not found',
  405: 'Not a page to open',
  413: 'Sign-in failed',
  429: 'Too many sign-in attempts',
  500: 'Sign-in failed',
};

export function errorPage(f: SamlFailure, reference: string, organizationName?: string | null): string {
  const title = f.title ?? TITLES[f.status] ?? 'Sign-in failed';
  const retry = f.retryUrl ? `<p><a href="${escapeMarkup(f.retryUrl)}">Start the sign-in again</a></p>` : '';
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeMarkup(title)}</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1rem .3rem}</style>` +
    `</head><body><h1>${escapeMarkup(title)}</h1>` +
    (organizationName ? `<p>${escapeMarkup(organizationName)}</p>` : '') +
    `<p>${escapeMarkup(f.message)}</p>${retry}` +
    `<p>If you contact support, give this reference: <code id="reference">${escapeMarkup(reference)}</code></p>` +
    `</body></html>\n`
  );
}
