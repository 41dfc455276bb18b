import type { GraphQLFormattedError } from 'graphql';
import type { SamlPrincipal } from '../core/principal.js';
import type { OperationRunner } from '../graphql/executor.js';
import type { Logger } from '../server/logger.js';

export type OperationOutcome<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason: string; message: string } };

/**
 * Everything a SAML handler needs for one request: it runs GraphQL operations in-process as the SAML
 * adapter, first unbound (only to resolve the `{org}` slug), then bound to that organization.
 * Failed operations come back as data for the flow to turn into a rejection.
 */
export class SamlContext {
  constructor(
    private readonly runner: OperationRunner,
    /** External base URL: PUBLIC_URL, or the origin of this request. */
    readonly publicUrl: string,
    readonly requestId: string,
    readonly log: Logger,
  ) {}

  principal(organizationId: string | null): SamlPrincipal {
    return { kind: 'SAML', organizationId, label: 'SAML sign-in' };
  }

  async run<T>(organizationId: string | null, doc: string, variables: Record<string, unknown>): Promise<OperationOutcome<T>> {
    const r = await this.runner.run<T, Record<string, unknown>>(this.principal(organizationId), doc, variables, { requestId: this.requestId, publicUrl: this.publicUrl });
    if (r.errors.length) return { ok: false, error: describe(r.errors[0]!) };
    return { ok: true, data: r.data as T };
  }
}

function describe(e: GraphQLFormattedError): { code: string; reason: string; message: string } {
  return { code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), reason: String(e.extensions?.reason ?? ''), message: e.message };
}
