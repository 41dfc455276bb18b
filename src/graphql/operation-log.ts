import { getOperationAST, type DocumentNode } from 'graphql';
import type { Principal } from '../core/principal.js';
import type { Logger } from '../shared/logger.js';

export interface OperationLogEntry {
  /** How the operation arrived: `http`, `ws` (a subscription), or `in-process` (SCIM and SAML). */
  via: 'http' | 'ws' | 'in-process';
  requestId: string;
  document: DocumentNode | undefined;
  operationName?: string | null;
  principal: Principal | undefined;
  variables?: Readonly<Record<string, unknown>> | null;
  /** process.hrtime.bigint() when it started; omitted for a subscription that only starts. */
  started?: bigint;
  /** The `extensions.code` of each error the answer carries. */
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/**
 * With LOG_LEVEL=debug, one line per GraphQL operation: its name and type, who ran it (the
 * credential's id, never a secret), the organization it named, how long it took and the codes of its
 * errors. SCIM and SAML requests show the operations they ran under their request's id. Variables
 * other than `organizationId` are not logged: they carry people's names and addresses.
 */
export function logOperation(log: Logger, e: OperationLogEntry): void {
  if (!log.isDebug) return;
  const op = e.document ? getOperationAST(e.document, e.operationName ?? undefined) : null;
  const p = e.principal;
  const organizationId = e.variables?.organizationId;
  const codes = e.errors?.map((err) => String(err.extensions?.code ?? 'UNKNOWN'));
  log.debug('graphql operation', {
    requestId: e.requestId,
    via: e.via,
    operation: op?.name?.value ?? e.operationName ?? null,
    type: op?.operation ?? null,
    principal: p ? `${p.kind}${'credentialId' in p && p.credentialId ? `:${p.credentialId}` : ''}` : null,
    ...(typeof organizationId === 'string' ? { organizationId } : {}),
    ...(e.started !== undefined ? { ms: Math.round(Number(process.hrtime.bigint() - e.started) / 1e5) / 10 } : {}),
    ...(codes?.length ? { errors: codes } : {}),
  });
}
