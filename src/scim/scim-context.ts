import { createHash } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Principal } from '../core/principal.js';
import type { OperationRunner, TransactionScope } from '../graphql/executor.js';
import type { Logger } from '../shared/logger.js';
import { fromGraphQLErrors, ScimError } from './scim-error.js';

/** Everything a SCIM handler needs for one request (or one operation of a Bulk request). */
export class ScimContext {
  constructor(
    readonly runner: OperationRunner,
    readonly principal: Principal,
    readonly organizationId: string,
    /** Base URL of the SCIM API, e.g. https://id.example.com/scim/v2 (for meta.location and $ref). */
    readonly baseUrl: string,
    readonly requestId: string,
    readonly log: Logger,
    /** Set inside a Bulk request: operations share its transaction. */
    readonly scope: TransactionScope | null = null,
  ) {}

  withScope(scope: TransactionScope): ScimContext {
    return new ScimContext(this.runner, this.principal, this.organizationId, this.baseUrl, this.requestId, this.log, scope);
  }

  /** Runs a GraphQL operation as the SCIM token; a failed operation becomes the matching SCIM error. */
  async run<T>(doc: string | TypedDocumentNode<T, Record<string, unknown>>, variables: Record<string, unknown>): Promise<T> {
    const vars = { org: this.organizationId, ...variables };
    const r = this.scope
      ? await this.scope.run<T, Record<string, unknown>>(this.principal, doc, vars, { requestId: this.requestId })
      : await this.runner.run<T, Record<string, unknown>>(this.principal, doc, vars, { requestId: this.requestId });
    if (r.errors.length) {
      const err = fromGraphQLErrors(r.errors);
      if (err.status >= 500) this.log.error('SCIM operation failed', { errors: r.errors });
      throw err;
    }
    return r.data as T;
  }
}

/** What a User's answer shows of other resources, which their changes change without changing the user's version. */
export interface ShownOfOthers {
  groups?: ReadonlyArray<{ id: string; displayName: string }> | null;
  manager?: { displayName: string | null; userName: string } | null;
}

/**
 * `W/"<version>"`: weak ETags from the core's version counter. A user's answer also shows its
 * groups (with their names) and its manager's name: joining or leaving a group, a group's rename
 * or the manager's rename changes it but not the user's version (a group push of 10,000 members
 * writes no user row), so when it shows some, the tag adds `-<12 hex digits>` of them
 * (`W/"3-1f0c5a9e2b7d"`). A user in no group and without a manager is `W/"3"`.
 */
export function etagOf(version: number, shown?: ShownOfOthers): string {
  const groups = shown?.groups;
  const manager = shown?.manager ? (shown.manager.displayName ?? shown.manager.userName) : undefined;
  if (!groups?.length && manager === undefined) return `W/"${version}"`;
  const h = createHash('sha256');
  h.update(`${manager?.length ?? -1}:${manager ?? ''}\n`);
  for (const g of [...(groups ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) h.update(`${g.id}\n${g.displayName.length}:${g.displayName}\n`);
  return `W/"${version}-${h.digest('hex').slice(0, 12)}"`;
}

/** The largest version the core counts to (a GraphQL Int): an ETag naming a later one names no version of anything. */
const MAX_VERSION = 2 ** 31 - 1;

/** One element of an entity-tag list (RFC 7232 §2.3, RFC 7230 §7: empty elements are allowed): its opaque tag, without W/. */
const LIST_ELEMENT = /[\t ]*(?:(?:W\/)?"([^"\x00-\x20\x7f]*)")?[\t ]*(?:,|$)/y;

/**
 * Reads If-Match or If-None-Match (`*` / 1#entity-tag): '*', or the opaque tags it lists (without
 * W/). A value of another shape is 400: it is no precondition the client could mean.
 */
function entityTags(name: string, header: string): '*' | string[] {
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  for (let i = 0; i < header.length;) {
    LIST_ELEMENT.lastIndex = i;
    const m = LIST_ELEMENT.exec(header);
    if (!m) throw new ScimError(400, 'invalidValue', `${name} must be * or a comma-separated list of entity tags such as W/"3" (RFC 7232 §3)`);
    i = LIST_ELEMENT.lastIndex;
    if (m[1] !== undefined) tags.push(m[1]);
  }
  if (!tags.length) throw new ScimError(400, 'invalidValue', `${name} must be * or a comma-separated list of entity tags such as W/"3" (RFC 7232 §3)`);
  return tags;
}

/** The version an opaque tag of ours names (etagOf: decimal without leading zeros, a user's groups' digest after it), if any. */
function versionOfTag(tag: string): number | undefined {
  const m = /^(0|[1-9]\d{0,9})(?:-[0-9a-f]{12})?$/.exec(tag);
  return m && Number(m[1]) <= MAX_VERSION ? Number(m[1]) : undefined;
}

/**
 * The versions If-Match allows (RFC 7232 §3.1): undefined when absent or `*` (any current version),
 * else those its entity tags name (empty when none names a version: 412). Our ETags are weak
 * (RFC 7644 §3.14 has clients send them back in If-Match), so W/ is ignored in the comparison; so
 * is a user's groups' digest: a write is guarded by the user's own version (groups are read-only
 * on a User, and a membership change does not make a change of the user's attributes lose one).
 */
export function ifMatchVersions(header: string | undefined): number[] | undefined {
  if (!header) return undefined;
  const tags = entityTags('If-Match', header);
  if (tags === '*') return undefined;
  return [...new Set(tags.map(versionOfTag).filter((v) => v !== undefined))];
}

/**
 * The version a write guarded by If-Match expects: undefined without a precondition, the version
 * its one tag names, or — only when it lists several — the current one (`current` reads it; the
 * core then checks it atomically) if listed. 412 when no listed tag is the current version.
 */
export async function versionFromIfMatch(header: string | undefined, current: () => Promise<number>): Promise<number | undefined> {
  const versions = ifMatchVersions(header);
  if (versions === undefined) return undefined;
  if (versions.length === 1) return versions[0];
  const now = versions.length ? await current() : undefined;
  if (now === undefined || !versions.includes(now)) throw new ScimError(412, undefined, `If-Match ${header} does not match the current version`);
  return now;
}

/** True when If-None-Match names the current ETag (or is `*`): the client's copy is current (weak comparison, RFC 7232 §3.2). */
export function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const tags = entityTags('If-None-Match', header);
  return tags === '*' || tags.includes(etag.slice(3, -1));
}
