/**
 * The few HTML pages the OpenID Connect adapter shows a person: the work-email question, errors
 * (with a reference that is the request id on the log line, never a stack), and the logout
 * confirmation and its result. Self-contained (no external fonts or scripts), accessible (labelled
 * field, language, headings), and served with a strict Content-Security-Policy.
 */
import { escapeMarkup } from '../shared/text.js';
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}label{display:block;margin:1rem 0 .25rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem;font-size:1rem}.error{color:#a00}code{font-size:.9rem}</style>
</head><body><main>${body}</main></body></html>`;
}

/** Asks for the work email that names the organization (by its verified domain). */
export function emailPage(action: string, opts: { email?: string; error?: string } = {}): string {
  return page(
    'Sign in with your work account',
    `<h1>Sign in with your work account</h1>
<form method="post" action="${escapeMarkup(action)}">
<label for="email">Work email</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="320" value="${escapeMarkup(opts.email ?? '')}"${opts.error ? ' aria-describedby="email-error" aria-invalid="true"' : ''} autofocus>
${opts.error ? `<p id="email-error" class="error" role="alert">${escapeMarkup(opts.error)}</p>` : ''}
<button type="submit">Continue</button>
</form>`,
  );
}

/** An error a person sees: what happened in words, and the reference to quote. */
export function errorPage(title: string, message: string, reference: string): string {
  return page(
    title,
    `<h1>${escapeMarkup(title)}</h1>
<p>${escapeMarkup(message)}</p>
<p>Reference: <code id="reference">${escapeMarkup(reference)}</code></p>`,
  );
}

/** RP-initiated logout: the confirmation the provider asks for (its form carries the xsrf field). */
export function logoutPage(form: string): string {
  return page(
    'Sign out',
    `<h1>Sign out</h1>
<p>Do you want to sign out?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}

export function loggedOutPage(): string {
  return page('Signed out', '<h1>Signed out</h1><p>You have been signed out.</p>');
}
