/**
 * The layers of src/ and the arrows between them (issue #16). This table is where the layering is
 * written down; docs/ARCHITECTURE.md says the same in prose, with the request paths.
 *
 * Every .ts file under src/ is parsed (TypeScript's parser, no type check) for its relative imports:
 * `import … from`, `export … from`, `import(…)` and `import('…').T`; type-only imports count too. The
 * tests then hold:
 * - no import cycle anywhere in src/ (if two files need each other, a third holds what they share);
 * - each layer imports only the layers LAYERS allows it, plus the single modules it lists;
 * - inside the core, no tier imports a tier above it (CORE_TIERS).
 * test/, bench/, scripts/ and migrations/ may import anything and are not checked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

type LayerName = 'shared' | 'core' | 'graphql' | 'scim' | 'saml' | 'audit' | 'oidc' | 'server';

interface Layer {
  /** What the folder holds. */
  holds: string;
  /** The layers whose modules it may import (its own included); '*': any. */
  imports: readonly LayerName[] | '*';
  /** Single modules of other layers it may import besides (paths under src/), each with why. */
  alsoModules?: ReadonlyArray<{ module: string; typesOnly: boolean; why: string }>;
}

/**
 * From the bottom up. Whatever a layer does not list it may not import: so nothing but the server
 * imports src/server (the composition root), and the SCIM and SAML adapters never import each other.
 */
export const LAYERS: Record<LayerName, Layer> = {
  shared: {
    holds: 'the floor: logger, rate limiter, request origin, ids, ISO dates, strict XML, SAML metadata, database outages',
    imports: ['shared'],
  },
  core: {
    holds: 'the domain: entities, services (business rules), queries (read models), events; no Koa, GraphQL, SCIM or SAML',
    imports: ['core', 'shared'],
  },
  graphql: {
    holds: 'the one API over the core: type-graphql types and resolvers, the operation pipeline, subscriptions',
    imports: ['graphql', 'core', 'shared'],
  },
  scim: {
    holds: 'the SCIM 2.0 adapter: Koa routes, filter and PATCH parsers, quirks, SCIM <-> GraphQL translation',
    imports: ['scim', 'shared'],
    alsoModules: [
      { module: 'graphql/executor.ts', typesOnly: true, why: 'the OperationRunner it runs its GraphQL operations with' },
      { module: 'core/principal.ts', typesOnly: true, why: 'the Principal (the SCIM token) its operations run as' },
    ],
  },
  saml: {
    holds: 'the SAML 2.0 adapter: Koa routes, response validation, sign-in through GraphQL mutations',
    imports: ['saml', 'shared'],
    alsoModules: [
      { module: 'graphql/executor.ts', typesOnly: true, why: 'the OperationRunner it runs its GraphQL operations with' },
      { module: 'core/principal.ts', typesOnly: true, why: 'the SamlPrincipal its operations run as' },
    ],
  },
  audit: {
    holds: 'the audit export adapter: NDJSON and CSV streams of the events query, run in-process page by page',
    imports: ['audit', 'shared'],
    alsoModules: [
      { module: 'graphql/executor.ts', typesOnly: true, why: 'the OperationRunner it runs the events query with' },
      { module: 'core/principal.ts', typesOnly: true, why: 'the Principal (the caller’s credential) the query runs as' },
    ],
  },
  oidc: {
    holds: 'the OpenID Connect adapter: oidc-provider mounted at /oidc, its storage and interactions through GraphQL operations',
    imports: ['oidc', 'shared'],
    alsoModules: [
      { module: 'graphql/executor.ts', typesOnly: true, why: 'the OperationRunner it runs its GraphQL operations with' },
      { module: 'core/principal.ts', typesOnly: true, why: 'the OidcPrincipal its operations run as' },
    ],
  },
  server: {
    holds: 'the composition root: config, database start, Koa app with Apollo and graphql-ws, the wiring of all the above',
    imports: '*',
  },
};

/**
 * Inside the core, from the top down: a module imports its own tier and those below it. Business
 * rules use the read models and the event log; those never call back into the rules.
 */
export const CORE_TIERS: ReadonlyArray<readonly string[]> = [
  ['core/services'],
  ['core/queries', 'core/events'],
  // the floor of the core: entities and the top-level files (db, errors, access, org-config, keys, …)
  ['core/entities', 'core'],
];

// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');

interface Import {
  from: string; // path under src/, e.g. 'scim/router.ts'
  to: string; // path under src/ ('../x' when outside src/)
  typeOnly: boolean;
  line: number;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The file a relative specifier names: `./x.js` is `./x.ts`; a folder is its index.ts. */
function resolve(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c));
}

/** Every relative import of one file, with whether it is erased at runtime (import type, `type` names only). */
function importsOf(file: string): { imports: Import[]; unresolved: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: Import[] = [];
  const unresolved: string[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean, at: ts.Node) => {
    if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
    const target = resolve(file, specifier.text);
    const line = source.getLineAndCharacterOfPosition(at.getStart(source)).line + 1;
    if (!target) unresolved.push(`${path.relative(ROOT, file)}:${line} '${specifier.text}'`);
    else imports.push({ from: path.relative(SRC, file), to: path.relative(SRC, target), typeOnly, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly, node);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)), node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, unresolved };
}

const files = tsFiles(SRC);
const parsed = files.map(importsOf);
const imports = parsed.flatMap((p) => p.imports);

/** 'scim/router.ts' → 'scim'; a file at the top of src/ → ''. */
const layerOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

/** The import cycles: one for each group of files that reach one another, as a path from a file back to it. */
function cycles(): string[][] {
  const graph = new Map<string, string[]>();
  for (const i of imports) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
  // Tarjan's strongly connected components
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  // within each component, the shortest way from its first file back to it (breadth first)
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          const way = [start];
          for (let u = v; u !== start; u = previous.get(u)!) way.splice(1, 0, u);
          return [...way, start].map((f) => `src/${f}`);
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    return component.map((f) => `src/${f}`);
  });
}

function allowed(layer: Layer): string {
  const layers = layer.imports === '*' ? 'anything' : layer.imports.join(', ');
  const modules = (layer.alsoModules ?? []).map((m) => `${m.module}${m.typesOnly ? ' (types only)' : ''}`);
  return [layers, ...modules].join('; ');
}

/** Why one import breaks the layers, or undefined when LAYERS allows it. */
function layerViolation(i: Import): string | undefined {
  const where = `src/${i.from}:${i.line} imports src/${i.to}`;
  if (i.to.startsWith('..')) return `${where}, outside src/`;
  const from = layerOf(i.from) as LayerName;
  const to = layerOf(i.to) as LayerName;
  const layer = LAYERS[from];
  if (layer.imports === '*' || layer.imports.includes(to)) return undefined;
  const also = layer.alsoModules?.find((m) => m.module === i.to);
  if (also && (!also.typesOnly || i.typeOnly)) return undefined;
  return also ? `${where}: a value, where ${from} may import types only (write import type)` : `${where}: ${from} may not import ${to}`;
}

/** Fails with one line per finding and, below them, what to read or do. */
function noFindings(findings: string[], what: string, hint: string): void {
  if (findings.length) assert.fail(`${findings.length} ${what}:\n  ${findings.join('\n  ')}\n${hint}`);
}

function tierOf(file: string): number {
  const folder = path.dirname(file) === 'core' ? 'core' : path.dirname(file).split('/').slice(0, 2).join('/');
  return CORE_TIERS.findIndex((tier) => tier.includes(folder));
}

describe('architecture: the import graph of src/', () => {
  test('every relative import names a file (nothing the checks below would miss)', () => {
    noFindings(
      parsed.flatMap((p) => p.unresolved),
      'import(s) naming no .ts file',
      'Write relative imports as the other files do: ./file.js for ./file.ts.',
    );
    assert.ok(imports.length > 100, `only ${imports.length} imports found: is the parser reading src/?`);
  });

  test('no import cycle (if two files need each other, a third file holds what they share)', () => {
    noFindings(
      cycles().map((c) => c.join(' → ')),
      'import cycle(s), each from a file back to it',
      'Move what the files of a cycle share into a third file that imports none of them.',
    );
  });

  test('every file of src/ is in a layer of LAYERS, every core folder in a tier of CORE_TIERS', () => {
    const all = files.map((f) => path.relative(SRC, f));
    noFindings(
      all.filter((f) => !Object.hasOwn(LAYERS, layerOf(f))).map((f) => `src/${f}`),
      'file(s) in no layer',
      'Put them in a folder of LAYERS, or add their folder there (test/architecture.test.ts) and to docs/ARCHITECTURE.md.',
    );
    noFindings(
      all.filter((f) => layerOf(f) === 'core' && tierOf(f) < 0).map((f) => `src/${f}`),
      'core file(s) in no tier',
      'Put them in a folder of CORE_TIERS, or add their folder there (test/architecture.test.ts) and to docs/ARCHITECTURE.md.',
    );
  });

  test('each layer imports only what LAYERS allows it (nothing imports src/server but src/server; the adapters never each other)', () => {
    const against = imports.filter((i) => Object.hasOwn(LAYERS, layerOf(i.from)) && layerViolation(i));
    const rules = [...new Set(against.map((i) => layerOf(i.from) as LayerName))].map((l) => `  ${l} may import: ${allowed(LAYERS[l])}`);
    noFindings(
      against.map((i) => layerViolation(i)!),
      'import(s) against the layers',
      `The rules (LAYERS in test/architecture.test.ts, docs/ARCHITECTURE.md):\n${rules.join('\n')}\nMove what both layers need into a lower one (a helper into src/shared), or reach the core through a GraphQL operation.`,
    );
  });

  test('the modules LAYERS lets adapters import one by one exist and are used (no stale exception)', () => {
    noFindings(
      Object.entries(LAYERS).flatMap(([name, layer]) =>
        (layer.alsoModules ?? []).filter((m) => !imports.some((i) => layerOf(i.from) === name && i.to === m.module)).map((m) => `${name} → src/${m.module}`),
      ),
      'module(s) LAYERS allows that no file imports any more',
      'Remove them from alsoModules in LAYERS (test/architecture.test.ts) and from docs/ARCHITECTURE.md.',
    );
  });

  test('inside the core, no tier imports a tier above it (queries/ and events/ never import services/)', () => {
    noFindings(
      imports
        .filter((i) => layerOf(i.from) === 'core' && layerOf(i.to) === 'core' && tierOf(i.to) >= 0 && tierOf(i.to) < tierOf(i.from))
        .map((i) => `src/${i.from}:${i.line} imports src/${i.to}`),
      'import(s) of a higher tier of the core',
      `The tiers, top down (CORE_TIERS): ${CORE_TIERS.map((t) => t.join(' + ')).join(' > ')}.\nMove what both need down (core/access.ts, core/keys.ts, core/org-config.ts hold such pieces), or hand it in from above.`,
    );
  });

  test('the admin console (console/) is a client of the public API: it imports nothing of src/, server or schema code', () => {
    const consoleSrc = path.join(ROOT, 'console', 'src');
    const files = readdirSync(consoleSrc, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name));
    const found: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node): void => {
        const spec = ts.isImportDeclaration(node) || ts.isExportDeclaration(node) ? node.moduleSpecifier : undefined;
        if (spec && ts.isStringLiteralLike(spec) && spec.text.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec.text);
          if (!target.startsWith(consoleSrc + path.sep)) found.push(`${path.relative(ROOT, file)} imports ${path.relative(ROOT, target)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.ok(files.length > 5, 'the console sources are found');
    noFindings(
      found,
      'import(s) from the console out of console/src',
      'The console reaches the server only through /graphql (its documents in console/src/operations.ts).',
    );
  });
});
