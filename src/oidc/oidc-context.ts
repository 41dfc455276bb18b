import type { GraphQLFormattedError } from 'graphql';
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

  /** As run, but a failure is an exception (storage: the provider renders it as a server error). */
  async must<T>(organizationId: string | null, doc: string, variables: Record<string, unknown>): Promise<T> {
    const r = await this.run<T>(organizationId, doc, variables);
    if (!r.ok) throw new Error(`OIDC operation failed: ${r.error.code} ${r.error.reason} ${r.error.message}`);
    return r.data;
  }
}

function describe(e: GraphQLFormattedError): { code: string; reason: string; message: string } {
  return { code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), reason: String(e.extensions?.reason ?? ''), message: e.message };
}
