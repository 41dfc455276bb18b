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

/** `W/"<version>"`: weak ETags from the core's version counter. */
export const etagOf = (version: number) => `W/"${version}"`;

/** The largest version the core counts to (a GraphQL Int): an ETag naming a later one names no version of anything. */
const MAX_VERSION = 2 ** 31 - 1;

/** Reads If-Match: undefined when absent or `*`, else the version it names (412 when it names none). */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (!header || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,10})"\s*$/.exec(header);
  if (!m || Number(m[1]) > MAX_VERSION) throw new ScimError(412, undefined, `If-Match ${header} does not match the current version`);
  return Number(m[1]);
}

/** True when If-None-Match names the current version (or is `*`): the client's copy is current. */
export function notModified(header: string | undefined, version: number): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === `"${version}"`);
}
