import type { GraphQLFormattedError } from 'graphql';
import type { SamlPrincipal } from '../core/principal.js';
import type { OperationRunner } from '../graphql/executor.js';
import type { Logger } from '../shared/logger.js';

/** A failed operation: its code, reason and message, and the user it concerns when the core names one (`extensions.userId`). */
export type OperationOutcome<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason: string; message: string; userId?: string } };

/**
 * Everything a SAML handler needs for one request: it runs GraphQL operations in-process as the SAML
 * adapter, first unbound (only to resolve the `{org}` slug), then bound to that organization.
 * Failed operations come back as data for the flow to turn into a rejection.
 */
export class SamlContext {
  /** Values the identity provider asserted about the person (NameID, attribute values): kept out of the log. */
  private readonly personal = new Set<string>();

  constructor(
    private readonly runner: OperationRunner,
    /** External base URL: PUBLIC_URL, or the origin of this request. */
    readonly publicUrl: string,
    readonly requestId: string,
    readonly log: Logger,
  ) {}

  /**
   * Notes values that name or describe the person signing in (the NameID, every attribute value):
   * redact() then keeps them out of what this request logs. Logs name people by their ids.
   */
  notePersonal(values: Iterable<string>): void {
    for (const v of values) {
      const t = typeof v === 'string' ? v.trim() : '';
      // shorter values (a "1", an "en") name no one, and would blank out ordinary words
      if (t.length >= 3) this.personal.add(t);
    }
  }

  /** The text with every noted personal value replaced by `[redacted]`, ignoring case (a mapping may have lower-cased it). */
  redact(text: string): string {
    if (!this.personal.size || !text) return text;
    let out = text;
    for (const v of this.personal) {
      if (!out.toLowerCase().includes(v.toLowerCase())) continue;
      out = out.replace(new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'), '[redacted]');
    }
    return out;
  }

  principal(organizationId: string | null): SamlPrincipal {
    return { kind: 'SAML', organizationId, label: 'SAML sign-in' };
  }

  async run<T>(organizationId: string | null, doc: string, variables: Record<string, unknown>): Promise<OperationOutcome<T>> {
    const r = await this.runner.run<T, Record<string, unknown>>(this.principal(organizationId), doc, variables, {
      requestId: this.requestId,
      publicUrl: this.publicUrl,
    });
    if (r.errors.length) return { ok: false, error: describe(r.errors[0]!) };
    return { ok: true, data: r.data as T };
  }
}

function describe(e: GraphQLFormattedError): { code: string; reason: string; message: string; userId?: string } {
  const userId = e.extensions?.userId;
  return {
    code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
    reason: String(e.extensions?.reason ?? ''),
    message: e.message,
    ...(typeof userId === 'string' ? { userId } : {}),
  };
}
