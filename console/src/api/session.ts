/**
 * The console's credential: a key an operator pasted, or the secret of a setup link (the fragment
 * of `/admin/setup#<secret>`). Kept in sessionStorage only: it lives as long as the browser tab and
 * is never written to a cookie, localStorage or the URL.
 */
import { appPath } from '../router';

const KEY = 'idm-console-key';
const MODE = 'idm-console-mode';

export type SessionMode = 'operator' | 'setup';

export interface Session {
  key: string;
  mode: SessionMode;
}

export function loadSession(): Session | null {
  const key = sessionStorage.getItem(KEY);
  const mode = sessionStorage.getItem(MODE);
  return key && (mode === 'operator' || mode === 'setup') ? { key, mode } : null;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.key);
  sessionStorage.setItem(MODE, session.mode);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(MODE);
}

/**
 * A setup link's secret from the address bar: taken into the session and removed from the URL at
 * once, so it is not left in the history, a screenshot or a bookmark.
 */
export function takeSetupSecretFromUrl(): string | null {
  if (!appPath().startsWith('/admin/setup')) return null;
  const raw = location.hash.replace(/^#/, '');
  let secret: string;
  try {
    secret = decodeURIComponent(raw).trim();
  } catch {
    // a bad percent-escape (a mangled link): kept as it is, the server refuses it and the page says the link is incomplete
    secret = raw.trim();
  }
  if (!secret) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return secret;
}

/** The shape of a setup link's secret (`idm_setup_<lookup id>_<secret>`): anything else is a link cut short or mistyped. */
export function isWholeSetupSecret(secret: string): boolean {
  return /^idm_setup_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/.test(secret);
}

/** What the console says of a setup link it cannot use as it is: cut short, mangled, or without its "#…" part. */
export const INCOMPLETE_SETUP_LINK =
  'This setup link is incomplete: part of it is missing (a mail program may have broken it across lines). Open the whole link you were sent, or ask for a new one.';
