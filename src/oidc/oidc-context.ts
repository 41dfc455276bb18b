import type { GraphQLFormattedError } from 'graphql';
import { errors } from 'oidc-provider';
import type { OidcPrincipal } from '../core/principal.js';
import type { OperationRunner } from '../graphql/executor.js';

export type OperationOutcome<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason: string; message: string } };

/**
 * How the OpenID Connect adapter reaches the core: GraphQL operations run in-process as the OIDC
 * principal, unbound (its own storage, keys, clients, finding an organization) or bound to the
 * organization of a sign-in (reading the session the SAML sign-in opened).
 */
export class OidcOperations {
  constructor(
    private readonly runner: OperationRunner,
    /** The external base URL (PUBLIC_URL or the request's origin): the issuer is it + "/oidc". */
    readonly publicUrl: string,
    readonly requestId: string,
  ) {}

  principal(organizationId: string | null): OidcPrincipal {
    return { kind: 'OIDC', organizationId, label: 'OpenID Connect' };
  }

  async run<T>(organizationId: string | null, doc: string, variables: Record<string, unknown>): Promise<OperationOutcome<T>> {
    const r = await this.runner.run<T, Record<string, unknown>>(this.principal(organizationId), doc, variables, {
      requestId: this.requestId,
      publicUrl: this.publicUrl,
    });
    if (r.errors.length) return { ok: false, error: describe(r.errors[0]!) };
    return { ok: true, data: r.data as T };
  }

  /**
   * As run, but a failure is an exception (storage: the provider renders it as a server error), and
   * the core's TRY_AGAIN (the database unavailable, a contended change) OAuth's
   * `temporarily_unavailable` with status 503, which a client may retry (router.ts adds Retry-After).
   */
  async must<T>(organizationId: string | null, doc: string, variables: Record<string, unknown>): Promise<T> {
    const r = await this.run<T>(organizationId, doc, variables);
    if (!r.ok) throw operationFailed(r.error);
    return r.data;
  }
}

/** The exception of a failed operation: `temporarily_unavailable` (503) for the core's TRY_AGAIN, else an internal error. */
export function operationFailed(error: { code: string; reason: string; message: string }): Error {
  if (error.code !== 'TRY_AGAIN') return new Error(`OIDC operation failed: ${error.code} ${error.reason} ${error.message}`);
  const e = new errors.TemporarilyUnavailable(error.message);
  e.status = e.statusCode = 503; // still exposed: the error and its description are the answer
  return e;
}

/** Whether an exception is operationFailed's `temporarily_unavailable`. */
export function isTemporarilyUnavailable(err: unknown): boolean {
  return err instanceof errors.TemporarilyUnavailable;
}

function describe(e: GraphQLFormattedError): { code: string; reason: string; message: string } {
  return { code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), reason: String(e.extensions?.reason ?? ''), message: e.message };
}
