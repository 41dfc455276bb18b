/**
 * A small History-API router: the console's pages are paths under /admin/. Behind a reverse proxy
 * that serves the service under a path prefix (PUBLIC_URL `https://host/idm`), the browser's paths
 * carry the prefix (`/idm/admin/…`); the server names it in the page (`<meta name="idm-base-path">`)
 * and the console's own paths stay `/admin/…`: `appPath()` strips it, `href()` adds it.
 */
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const NAVIGATE = 'console:navigate';

/** The public path prefix of the service ('' without one), as the server wrote it into the page. */
export function basePath(): string {
  return document.querySelector('meta[name="idm-base-path"]')?.getAttribute('content') ?? '';
}

/** The browser's path for a console path (`/admin/…`) or a server path (`/graphql`). */
export function href(path: string): string {
  return basePath() + path;
}

/** The console path (`/admin/…`) of the page the browser shows. */
export function appPath(): string {
  const base = basePath();
  const path = location.pathname;
  return base && path.startsWith(base + '/') ? path.slice(base.length) : path;
}

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', href(to));
  else history.pushState(null, '', href(to));
  window.dispatchEvent(new Event(NAVIGATE));
}

export function usePath(): string {
  const [path, setPath] = useState(appPath());
  useEffect(() => {
    const update = () => setPath(appPath());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE, update);
    };
  }, []);
  return path;
}

/** Matches `/admin/orgs/:orgId/users/:userId` style patterns; returns the named parts or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) params[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function Link({ to, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  const current = typeof location !== 'undefined' && appPath() === to ? 'page' : undefined;
  return (
    <a href={href(to)} onClick={onClick} aria-current={current} {...rest}>
      {children}
    </a>
  );
}
