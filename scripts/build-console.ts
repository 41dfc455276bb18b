/**
 * Builds the admin console (console/, served at /admin) with Vite into console/dist.
 *
 *   npx tsx scripts/build-console.ts             always build
 *   npx tsx scripts/build-console.ts --if-stale  build only when the sources changed since the last build
 *
 * `npm start` and `npm test` run it with --if-stale: the check hashes the console's sources (and the
 * versions of what the bundle is built from) and compares with the hash the last build left in
 * console/dist/.build-hash, a few milliseconds when nothing changed. Without Vite (a production
 * install with --omit=dev) it says so and exits 0: the server then answers /admin with 503 and how
 * to build it, and everything else works.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONSOLE = path.join(ROOT, 'console');
const DIST = path.join(CONSOLE, 'dist');
const STAMP = path.join(DIST, '.build-hash');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

/** Everything the bundle is made of: the console's sources and config, and the installed versions of its build tools and libraries. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    path.join(CONSOLE, 'index.html'),
    path.join(CONSOLE, 'vite.config.ts'),
    ...files(path.join(CONSOLE, 'src')),
    ...files(path.join(CONSOLE, 'public')),
  ].sort();
  for (const f of inputs) hash.update(path.relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  for (const pkg of ['vite', '@vitejs/plugin-react', 'react', 'react-dom', 'graphql-ws']) {
    const manifest = path.join(ROOT, 'node_modules', pkg, 'package.json');
    hash.update(pkg).update(existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'missing');
  }
  return hash.digest('hex');
}

export async function buildConsole(opts: { ifStale: boolean; quiet?: boolean }): Promise<'built' | 'fresh' | 'no-vite'> {
  const hash = sourceHash();
  if (opts.ifStale && existsSync(STAMP) && existsSync(path.join(DIST, 'index.html')) && readFileSync(STAMP, 'utf8').trim() === hash) return 'fresh';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    console.warn(
      '[console] vite is not installed (a dev dependency): the admin console is not built, /admin answers 503. Run `npm install` (with dev dependencies) to build it.',
    );
    return 'no-vite';
  }
  const started = Date.now();
  await vite.build({ root: CONSOLE, configFile: path.join(CONSOLE, 'vite.config.ts'), logLevel: opts.quiet ? 'warn' : 'info', mode: 'production' });
  writeFileSync(STAMP, hash + '\n');
  console.log(`[console] built console/dist in ${Date.now() - started} ms (served at /admin)`);
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  buildConsole({ ifStale, quiet: ifStale }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('[console] build failed:', err);
      process.exit(1);
    },
  );
}
