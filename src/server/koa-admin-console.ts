import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type Koa from 'koa';
import { requestOrigin } from '../shared/request-origin.js';
import { escapeMarkup } from '../shared/text.js';

/** Where the console is served (its Vite `base`). */
export const CONSOLE_PATH = '/admin';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The console's Content-Security-Policy: its own scripts and styles only (Vite emits no inline
 * script), GraphQL over HTTP and WebSocket to this origin only, no framing, no plugins, no form
 * posts (the console's forms are handled by script), no base-URI rewriting.
 */
export function consoleCsp(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The shell for a service under a path prefix (PUBLIC_URL `https://host/idm`, behind a proxy that
 * strips it): the build's `/admin/…` URLs with the prefix, and the prefix named for the console's
 * router and GraphQL client (`<meta name="idm-base-path">`, console/src/router.tsx).
 */
export function shellUnder(html: string, prefix: string): string {
  if (!prefix) return html;
  const p = escapeMarkup(prefix);
  return html.replace(/(\s(?:src|href)=")\/admin\//g, `$1${p}/admin/`).replace('</head>', `  <meta name="idm-base-path" content="${p}" />\n  </head>`);
}

/**
 * Serves the admin console's built files (`console/dist`, made by scripts/build-console.ts) at
 * /admin: hashed assets (`/admin/assets/…`) cached for a year as immutable, everything else and
 * the HTML shell revalidated on every load (`no-cache`, so a new build is picked up at once), and
 * any other path under /admin answered with the shell (the console routes in the browser). The
 * console is a client of /graphql like any other: nothing here reads the database. With a path
 * prefix in PUBLIC_URL the shell points the browser under it (`shellUnder`).
 */
export function adminConsole(distDir: string, publicUrl: string | undefined): Koa.Middleware {
  const root = path.resolve(distDir);
  const configured = publicUrl ? new URL(publicUrl) : undefined;
  const prefix = configured ? configured.pathname.replace(/\/+$/, '') : '';
  return async (ctx, next) => {
    if (ctx.path !== CONSOLE_PATH && !ctx.path.startsWith(`${CONSOLE_PATH}/`)) return next();
    // the route the metrics and traces name (server/metrics.ts, routeOf)
    ctx.state.route = ctx.path.startsWith(`${CONSOLE_PATH}/assets/`) ? `${CONSOLE_PATH}/assets/:file` : `${CONSOLE_PATH}/*`;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, HEAD');
      return;
    }
    if (ctx.path === CONSOLE_PATH) {
      ctx.redirect(`${prefix}${CONSOLE_PATH}/${ctx.querystring ? `?${ctx.querystring}` : ''}`);
      return;
    }
    // a CSP source with a path matches that path only: the origin of PUBLIC_URL, not its prefix
    const origin = configured?.origin ?? requestOrigin(ctx);
    ctx.set('Content-Security-Policy', consoleCsp(origin));
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');

    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path.slice(CONSOLE_PATH.length + 1));
    } catch {
      ctx.status = 400;
      return;
    }
    const file = path.resolve(root, relative);
    // dotfiles (the build's .build-hash) are not part of the console
    const inside = file.startsWith(root + path.sep) && !relative.includes('\0') && !relative.split('/').some((part) => part.startsWith('.'));
    const asset = relative.startsWith('assets/');
    const found = inside && relative !== '' ? await fileAt(file) : undefined;
    if (found) {
      // Vite names every file under assets/ by its content hash: a changed file is a new URL
      ctx.set('Cache-Control', asset ? 'public, max-age=31536000, immutable' : 'no-cache');
      return send(ctx, file, found.size);
    }
    // a missing asset is a 404, never the HTML shell (a browser would cache HTML as a script)
    if (asset || path.extname(relative) !== '') {
      ctx.status = 404;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = 'not found';
      return;
    }
    const shell = path.join(root, 'index.html');
    const index = await fileAt(shell);
    if (!index) {
      ctx.status = 503;
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'text/plain';
      ctx.body = 'The admin console is not built: run `npm run console:build` (npm start builds it when vite, a dev dependency, is installed).\n';
      return;
    }
    ctx.set('Cache-Control', 'no-cache');
    if (!prefix) return send(ctx, shell, index.size);
    ctx.status = 200;
    ctx.type = TYPES['.html']!;
    const body = shellUnder(await readFile(shell, 'utf8'), prefix);
    if (ctx.method === 'GET') ctx.body = body;
    ctx.length = Buffer.byteLength(body);
  };
}

async function fileAt(file: string): Promise<{ size: number } | undefined> {
  try {
    const s = await stat(file);
    return s.isFile() ? { size: s.size } : undefined;
  } catch {
    return undefined;
  }
}

function send(ctx: Koa.Context, file: string, size: number): void {
  ctx.status = 200;
  ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  if (ctx.method === 'GET') ctx.body = createReadStream(file);
  ctx.length = size;
}
