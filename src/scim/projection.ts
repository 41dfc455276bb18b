import { ScimError } from './scim-error.js';

/**
 * attributes / excludedAttributes (RFC 7644 §3.4.2.5, §3.9): `id` and `schemas` are always returned;
 * names compare case-insensitively; `name.givenName` selects a sub-attribute; URN-qualified names
 * select extension attributes.
 */
export interface Projection {
  include: string[] | null;
  exclude: string[];
}

const ALWAYS = new Set(['id', 'schemas']);

export function readProjection(attributes: unknown, excludedAttributes: unknown): Projection {
  const include = nameList(attributes, 'attributes');
  return { include, exclude: include ? [] : (nameList(excludedAttributes, 'excludedAttributes') ?? []) };
}

// module functions rather than closures made per request: see outcomeOf in core/services/mapping-engine.ts
function nameList(v: unknown, name: string): string[] | null {
  if (v === undefined || v === null || v === '') return null;
  const s = Array.isArray(v) ? v.join(',') : v;
  if (typeof s !== 'string' || s.length > 4096) throw new ScimError(400, 'invalidValue', `${name} must be a comma-separated list of attribute names`);
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Splits `urn:…:User:manager.value` into [container URN or '', attribute, sub-attribute]. */
function split(path: string, extensions: string[]): [string, string, string | undefined] {
  const lower = path.toLowerCase();
  for (const urn of extensions) {
    if (lower === urn.toLowerCase()) return [urn, '', undefined];
    if (lower.startsWith(urn.toLowerCase() + ':')) {
      const [a, sub] = path.slice(urn.length + 1).split('.');
      return [urn, a!, sub];
    }
  }
  const [a, sub] = path.split('.');
  return ['', a!, sub];
}

const findKey = (o: Record<string, unknown>, name: string) => Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());

/**
 * Whether the projection asks for `attr` of the core resource (used to skip loading groups or
 * members), named bare or by its full path under `coreSchema` (`urn:…:core:2.0:Group:members`).
 */
export function wants(p: Projection, attr: string, coreSchema: string): boolean {
  const a = attr.toLowerCase();
  const prefix = `${coreSchema.toLowerCase()}:`;
  if (p.include) return p.include.some((x) => relativeName(x, prefix).split('.')[0] === a);
  return !p.exclude.some((x) => relativeName(x, prefix) === a);
}

/** A path in lower case, relative to the core schema when it is under `prefix` (`urn:…:user:`). */
function relativeName(x: string, prefix: string): string {
  const lower = x.toLowerCase();
  return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
}

export function project(resource: Record<string, unknown>, p: Projection, coreSchema: string, extensions: string[]): Record<string, unknown> {
  if (!p.include && p.exclude.length === 0) return resource;
  const strip = (path: string) => (path.toLowerCase().startsWith(coreSchema.toLowerCase() + ':') ? path.slice(coreSchema.length + 1) : path);
  if (p.include) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(resource)) if (ALWAYS.has(k)) out[k] = resource[k];
    for (const raw of p.include) {
      const [urn, attr, sub] = split(strip(raw), extensions);
      const src = urn ? (resource[urn] as Record<string, unknown> | undefined) : resource;
      if (!src || typeof src !== 'object') continue;
      const dst = urn ? ((out[urn] as Record<string, unknown>) ??= {}) : out;
      if (!attr) {
        Object.assign(dst, src);
        continue;
      }
      const key = findKey(src, attr);
      if (!key) continue;
      if (sub && src[key] && typeof src[key] === 'object' && !Array.isArray(src[key])) {
        const subKey = findKey(src[key] as Record<string, unknown>, sub);
        if (subKey) ((dst[key] as Record<string, unknown>) ??= {})[subKey] = (src[key] as Record<string, unknown>)[subKey];
      } else if (sub && Array.isArray(src[key])) {
        dst[key] = (src[key] as Record<string, unknown>[]).map((e) => {
          const sk = findKey(e, sub);
          return sk ? { [sk]: e[sk] } : {};
        });
      } else dst[key] = src[key];
    }
    for (const urn of extensions) if (out[urn] && Object.keys(out[urn] as object).length === 0) delete out[urn];
    if (Array.isArray(out.schemas)) out.schemas = (out.schemas as string[]).filter((s) => s === coreSchema || out[s] !== undefined);
    return out;
  }
  // copy on write: the resource is copied shallowly, and a container only when something inside it
  // is removed (a deep clone of every resource of a 1,000-user page was most of its projection cost)
  const out: Record<string, unknown> = { ...resource };
  for (const raw of p.exclude) {
    const [urn, attr, sub] = split(strip(raw), extensions);
    const container = urn ? out[urn] : out;
    if (!container || typeof container !== 'object') continue;
    if (!attr) {
      delete out[urn];
      continue;
    }
    const src = urn ? (out[urn] = { ...(container as Record<string, unknown>) }) : out;
    const key = findKey(src, attr);
    if (!key || (!urn && ALWAYS.has(key))) continue;
    const value = src[key];
    if (sub && value && typeof value === 'object' && !Array.isArray(value)) {
      const inner = { ...(value as Record<string, unknown>) };
      const subKey = findKey(inner, sub);
      if (subKey) {
        delete inner[subKey];
        src[key] = inner;
      }
    } else delete src[key];
  }
  return out;
}
