import { Readable } from 'node:stream';
import type Koa from 'koa';
import { Router } from '@koa/router';
import type { GraphQLFormattedError } from 'graphql';
import type { OperationRunner } from '../graphql/executor.js';
import type { Principal } from '../core/principal.js';
import type { Logger } from '../shared/logger.js';
import { isUuid } from '../shared/ids.js';
import { isDatabaseUnavailable, DATABASE_RETRY_SECONDS } from '../shared/database-outage.js';
import { csvHeader, csvRecord, ndjsonLine, type ExportFormat } from './event-format.js';
import { exportFilter, ExportParamError } from './export-params.js';
import { EXPORT_ORGANIZATION, EXPORT_PAGE, type ExportOrganization, type ExportPage } from './operations.js';
import type { AuditExportOrganizationQueryVariables, AuditExportPageQueryVariables, EventFilter } from './operations.generated.js';

export const AUDIT_PREFIX = '/audit/v1';
/** Events per `events` query (the query's largest page): the export holds about one page in memory. */
export const EXPORT_PAGE_SIZE = 1000;

export interface AuditDeps {
  runner: OperationRunner;
  /** Who an `Authorization` header's bearer token is (the server's BearerAuth): the same credentials as GraphQL. */
  auth: { principal(authorization: string | undefined | null): Promise<Principal | undefined> };
  log: Logger;
}

/** A refusal before the first byte of the export: its HTTP status and a JSON body. */
class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The HTTP status of a failed GraphQL operation, by the core's code. */
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TRY_AGAIN: 503,
};

function fromGraphQL(e: GraphQLFormattedError): ExportError {
  const code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const { code: _c, reason, requestId: _r, ...details } = (e.extensions ?? {}) as Record<string, unknown>;
  return new ExportError(STATUS[code] ?? 500, code, String(reason ?? ''), e.message, details);
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/**
 * The audit export (`GET /audit/v1/organizations/{id}/events.ndjson` and `.csv`): an organization's
 * events, filtered like the `events` query (same names: types, subjectId, objectId, involving,
 * actorId, actorType, beforeSequence, since, until; afterSequence is the query's resumeAfterSequence,
 * at-least-once as a subscription resumes), oldest first, for a SIEM or an
 * auditor. An adapter like SCIM and SAML: it runs the `events` query in-process as the caller's
 * credential (so the query's rules decide who may: the `audit` permission), a page of
 * EXPORT_PAGE_SIZE at a time by keyset, and streams each page out before it asks for the next; the
 * next page is read only when the client has taken the previous one (stream backpressure), so memory
 * stays about one page whatever the size, and a client that hangs up stops the reads.
 *
 * Refusals come before the first byte, as JSON with the GraphQL code and reason: 400 bad parameter,
 * 401 no or unknown credential, 403 a credential without `audit` (SCIM tokens), 404 an organization
 * the credential cannot see, 410 `events.pruned` (afterSequence below what retention deleted). A
 * failure after the first byte cuts the response off (no final chunk): a client can tell a truncated
 * export from a complete one.
 */
export function auditRouter(deps: AuditDeps): Router {
  const router = new Router({ prefix: AUDIT_PREFIX });

  router.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const unavailable = !(err instanceof ExportError) && isDatabaseUnavailable(err);
      const e =
        err instanceof ExportError
          ? err
          : err instanceof ExportParamError
            ? new ExportError(400, 'BAD_USER_INPUT', 'export.parameter', err.message)
            : unavailable
              ? new ExportError(503, 'TRY_AGAIN', 'database.unavailable', 'the database is unavailable; try again shortly')
              : new ExportError(500, 'INTERNAL_SERVER_ERROR', '', 'internal error');
      if (e.status === 500) (ctx.state.log as Logger).error('audit export failed', { error: err });
      if (unavailable || e.status === 503) ctx.set('Retry-After', String(DATABASE_RETRY_SECONDS));
      if (e.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="audit"');
      ctx.status = e.status;
      ctx.body = { error: e.message, code: e.code, ...(e.reason ? { reason: e.reason } : {}), ...e.details, requestId: ctx.state.requestId };
    }
  });

  const exportEvents = (format: ExportFormat) => async (ctx: Koa.Context) => {
    const principal = await deps.auth.principal(ctx.get('authorization'));
    if (!principal) {
      throw new ExportError(
        401,
        'UNAUTHENTICATED',
        'auth.unauthenticated',
        ctx.get('authorization') ? 'unknown or revoked credential' : 'missing Authorization: Bearer <key>',
      );
    }
    const org = ctx.params.id!;
    // an id that is no UUID names no organization (and never reaches SQL as one)
    if (!isUuid(org)) throw new ExportError(404, 'NOT_FOUND', 'organization.notFound', 'organization not found');
    const filter = exportFilter(ctx.query);
    const requestId = ctx.state.requestId as string;
    const page = async (after: string | null): Promise<ExportPage> => {
      const r = await deps.runner.run<{ events: ExportPage }, AuditExportPageQueryVariables>(
        principal,
        EXPORT_PAGE,
        { org, filter, first: EXPORT_PAGE_SIZE, after },
        { requestId },
      );
      if (r.errors.length) throw fromGraphQL(r.errors[0]!);
      return r.data!.events;
    };
    const first = await page(null);
    // after the first page: a pruning that committed before that read shows here (see assertNotPruned in core/events/event-stream.ts)
    const o = await deps.runner.run<{ organization: ExportOrganization }, AuditExportOrganizationQueryVariables>(
      principal,
      EXPORT_ORGANIZATION,
      { org },
      { requestId },
    );
    if (o.errors.length) throw fromGraphQL(o.errors[0]!);
    if (!o.data?.organization) throw new ExportError(404, 'NOT_FOUND', 'organization.notFound', 'organization not found');
    assertNotPruned(filter, o.data.organization.eventsPrunedThroughSequence);

    ctx.status = 200;
    ctx.type = CONTENT_TYPE[format];
    ctx.set('Content-Disposition', `attachment; filename="events-${org}.${format}"`);
    ctx.body = Readable.from(chunks(format, first, page, ctx.state.log as Logger), { objectMode: false });
  };

  router.get('/organizations/:id/events.ndjson', exportEvents('ndjson'));
  router.get('/organizations/:id/events.csv', exportEvents('csv'));
  return router;
}

/** As the `events` subscription does (events.pruned): a resume from below what retention deleted is refused, never silently short. */
function assertNotPruned(filter: EventFilter, prunedThrough: number | null): void {
  const after = filter.resumeAfterSequence;
  if (after == null || prunedThrough == null || prunedThrough <= after) return;
  throw new ExportError(
    410,
    'BAD_USER_INPUT',
    'events.pruned',
    `the events after sequence ${after} up to ${prunedThrough} were deleted by the retention policy; resume with afterSequence=${prunedThrough} to continue from the oldest kept event`,
    { prunedThroughSequence: prunedThrough },
  );
}

/** The export's text, a page at a time; the next page is read only when the stream asks for more. */
async function* chunks(format: ExportFormat, first: ExportPage, next: (after: string) => Promise<ExportPage>, log: Logger): AsyncGenerator<string> {
  const write = format === 'csv' ? csvRecord : ndjsonLine;
  try {
    if (format === 'csv') yield csvHeader();
    for (let p = first; ; p = await next(p.endCursor!)) {
      if (p.nodes.length) yield p.nodes.map(write).join('');
      if (!p.hasNextPage || !p.endCursor) return;
    }
  } catch (err) {
    // headers are out: the response is cut off (no final chunk), which the client sees as incomplete
    log.error('audit export failed while streaming', { error: err });
    throw err;
  }
}
