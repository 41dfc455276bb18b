import { ScimContext } from './scim-context.js';
import { errorBody, ScimError } from './scim-error.js';
import { BULK_REQUEST, BULK_RESPONSE, listsUrn } from './urns.js';
import { BULK_MAX_OPERATIONS } from './discovery.js';
import * as users from './users.js';
import * as groups from './groups.js';
import type { ScimResult } from './users.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thrown to roll the whole Bulk transaction back once failOnErrors is reached. */
class RollBack extends Error {}

/** Thrown to roll the whole Bulk transaction back and run the request again (see `bulk`). */
class RunAgain extends Error {}

/** How often a Bulk request runs from the start after PostgreSQL aborted one of its operations to break a deadlock. */
const BULK_RUNS = 5;

interface BulkResult {
  method: string;
  bulkId?: string;
  location?: string;
  version?: string;
  status: string;
  response?: unknown;
}

const BULK_REF = /bulkId:([A-Za-z0-9._~-]+)/g;

/** The bulkIds that "bulkId:<id>" strings in `v` (a path or an operation's data) name. */
function refsIn(v: unknown, into: Set<string>): Set<string> {
  if (typeof v === 'string') {
    for (const m of v.matchAll(BULK_REF)) into.add(m[1]!);
  } else if (Array.isArray(v)) {
    for (const x of v) refsIn(x, into);
  } else if (isObject(v)) {
    for (const x of Object.values(v)) refsIn(x, into);
  }
  return into;
}

interface BulkPlan {
  /** Indexes of the operations in the order they run. */
  order: number[];
  /** bulkId -> the index of the first operation that carries it (the one it names). */
  definedAt: Map<string, number>;
}

/**
 * The order to run a Bulk request's operations in: the client's order, except that an operation
 * referring to a bulkId runs after the operation that defines it, also when the client listed it
 * later (RFC 7644 §3.7.2: a group may name members created further down). Operations in a
 * circular reference run in the client's order, and the first reference that cannot be resolved
 * fails with 409 (§3.7.1 allows stopping after the first failed attempt).
 */
function bulkPlan(ops: unknown[]): BulkPlan {
  const definedAt = new Map<string, number>();
  ops.forEach((op, i) => {
    if (isObject(op) && typeof op.bulkId === 'string' && !definedAt.has(op.bulkId)) definedAt.set(op.bulkId, i);
  });
  const deps = ops.map((op, i) => {
    if (!isObject(op) || definedAt.size === 0) return [];
    const refs = refsIn(op.data, refsIn(op.path, new Set()));
    return [...refs].map((ref) => definedAt.get(ref)).filter((j): j is number => j !== undefined && j !== i);
  });
  if (deps.every((d, i) => d.every((j) => j < i))) return { order: ops.map((_, i) => i), definedAt };
  const done = new Array<boolean>(ops.length).fill(false);
  const order: number[] = [];
  while (order.length < ops.length) {
    let next = -1;
    for (let i = 0; i < ops.length && next < 0; i++) if (!done[i] && deps[i]!.every((j) => done[j])) next = i;
    // only a cycle is left: run its first operation, whose reference then fails
    if (next < 0) next = done.indexOf(false);
    done[next] = true;
    order.push(next);
  }
  return { order, definedAt };
}

/** Replaces "bulkId:<id>" strings (paths and data) with the ids that operations of this request created. */
function resolveRefs(v: unknown, ids: Map<string, string | null>): unknown {
  if (typeof v === 'string') {
    return v.replace(BULK_REF, (m, ref: string) => {
      const id = ids.get(ref);
      if (id) return id;
      const why =
        id === null
          ? 'names an operation of this request that failed'
          : 'names no operation of this request that ran before this one (an unknown bulkId, or a circular reference)';
      throw new ScimError(409, 'invalidValue', `bulkId "${ref}" ${why}`);
    });
  }
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, ids));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveRefs(x, ids)]));
  return v;
}

const NO_MEMBERS = { excludedAttributes: 'members' };

async function dispatch(ctx: ScimContext, method: string, path: string, data: unknown, version: string | undefined): Promise<ScimResult> {
  const m = /^\/(Users|Groups)(?:\/([^/?#]+))?$/i.exec(path);
  if (!m) throw new ScimError(400, 'invalidPath', `unsupported bulk path ${path}`);
  const kind = m[1]!.toLowerCase();
  const id = m[2];
  const ifMatch = version;
  if (kind === 'users') {
    if (method === 'POST' && !id) return users.createUser(ctx, data, {});
    if (method === 'PUT' && id) return users.replaceUser(ctx, id, data, {}, ifMatch);
    if (method === 'PATCH' && id) return users.patchUser(ctx, id, data, {}, ifMatch);
    if (method === 'DELETE' && id) return users.deleteUser(ctx, id, ifMatch);
  } else {
    // a bulk response carries no resource bodies: the members are not read back
    if (method === 'POST' && !id) return groups.createGroup(ctx, data, NO_MEMBERS);
    if (method === 'PUT' && id) return groups.replaceGroup(ctx, id, data, NO_MEMBERS, ifMatch);
    if (method === 'PATCH' && id) return groups.patchGroup(ctx, id, data, ifMatch);
    if (method === 'DELETE' && id) return groups.deleteGroup(ctx, id, ifMatch);
  }
  throw new ScimError(400, 'invalidSyntax', `${method} ${path} is not a valid bulk operation`);
}

/**
 * POST /Bulk (RFC 7644 §3.7): operations run in one transaction, each in a savepoint, in the
 * client's order except that an operation runs after the one whose bulkId it refers to (see
 * `bulkPlan`), with bulkId references resolved; results are reported in the client's order. When
 * `failOnErrors` errors are reached, processing stops and the whole request is rolled back:
 * nothing it did stays, and the operations that had succeeded are reported with status 424. When PostgreSQL aborts an operation to break a deadlock with a
 * concurrent change, the whole request is rolled back and runs again (up to BULK_RUNS times).
 */
export async function bulk(ctx: ScimContext, rawBody: unknown): Promise<ScimResult> {
  if (!isObject(rawBody)) throw new ScimError(400, 'invalidSyntax', 'the request body must be a JSON object');
  if (!listsUrn(rawBody.schemas, BULK_REQUEST)) throw new ScimError(400, 'invalidSyntax', `schemas must be ["${BULK_REQUEST}"]`);
  const ops = rawBody.Operations;
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, 'invalidSyntax', 'Operations must be a non-empty list');
  if (ops.length > BULK_MAX_OPERATIONS) throw new ScimError(413, undefined, `at most ${BULK_MAX_OPERATIONS} operations per Bulk request`);
  const failOnErrors = rawBody.failOnErrors;
  if (failOnErrors !== undefined && (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1))
    throw new ScimError(400, 'invalidValue', 'failOnErrors must be a positive integer');
  const plan = bulkPlan(ops);
  let results: BulkResult[];
  let rolledBack: boolean;
  for (let run = 1; ; run++) {
    results = [];
    rolledBack = false;
    try {
      await runOnce(ctx, ops, plan, failOnErrors as number | undefined, results, run < BULK_RUNS);
    } catch (err) {
      if (err instanceof RunAgain) {
        ctx.log.warn('bulk request run again', { reason: 'deadlock', run });
        // a random pause, growing with each run: the other party of the deadlock finishes first
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * run));
        continue;
      }
      if (!(err instanceof RollBack)) throw err;
      rolledBack = true;
    }
    break;
  }
  // reported in the client's order (the operations that ran), whatever order they ran in
  results = results.filter((r) => r !== undefined);
  if (rolledBack) {
    for (const r of results) {
      if (Number(r.status) < 400) {
        r.status = '424';
        r.response = errorBody(424, undefined, 'rolled back: the request reached failOnErrors');
        delete r.location;
        delete r.version;
      }
    }
  }
  return { status: 200, body: { schemas: [BULK_RESPONSE], Operations: results } };
}

/**
 * One run of a Bulk request in one transaction, the operations in `order`, each in a savepoint;
 * `results[i]` is set for each operation i that ran.
 */
async function runOnce(
  ctx: ScimContext,
  ops: unknown[],
  { order, definedAt }: BulkPlan,
  failOnErrors: number | undefined,
  results: BulkResult[],
  mayRunAgain: boolean,
): Promise<void> {
  // bulkId -> the id its operation created, or null when that operation failed
  const ids = new Map<string, string | null>();
  let errors = 0;
  // Bulk requests of one organization run one at a time: each locks the rows of its operations in
  // the order the client listed them, and two concurrent ones deadlocked (12 at once: a quarter of
  // their operations ended 503 after every re-run)
  await ctx.runner.transaction(
    async (scope) => {
      for (const i of order) {
        const raw = ops[i];
        if (!isObject(raw)) throw new ScimError(400, 'invalidSyntax', 'each operation must be an object');
        const method = String(raw.method ?? '').toUpperCase();
        const bulkId = typeof raw.bulkId === 'string' ? raw.bulkId : undefined;
        const result: BulkResult = { method, ...(bulkId ? { bulkId } : {}), status: '' };
        try {
          if (method === 'POST' && !bulkId) throw new ScimError(400, 'invalidValue', 'POST operations need a bulkId');
          // RFC 7644 §3.7: a bulkId names one operation of the request (the first that carries it)
          if (bulkId !== undefined && definedAt.get(bulkId) !== i)
            throw new ScimError(400, 'invalidValue', `bulkId "${bulkId}" is already used by an earlier operation of this request`);
          const path = resolveRefs(String(raw.path ?? ''), ids) as string;
          const data = resolveRefs(raw.data, ids);
          const r = await scope.savepoint((sp) => dispatch(ctx.withScope(sp), method, path, data, typeof raw.version === 'string' ? raw.version : undefined));
          const body = r.body as Record<string, unknown> | undefined;
          const location =
            (body?.meta as Record<string, string> | undefined)?.location ?? r.headers?.Location ?? (method === 'DELETE' ? undefined : `${ctx.baseUrl}${path}`);
          if (bulkId && body?.id) ids.set(bulkId, String(body.id));
          Object.assign(result, { status: String(r.status), ...(location ? { location } : {}), ...(r.headers?.ETag ? { version: r.headers.ETag } : {}) });
        } catch (err) {
          // PostgreSQL aborted the operation to break a deadlock with a concurrent change, which may
          // still wait for locks that earlier operations of this request hold: roll all of it back and
          // run the request again (nothing of it was committed); the last run reports the 503
          if (mayRunAgain && err instanceof ScimError && err.status === 503) throw new RunAgain();
          const e = err instanceof ScimError ? err : new ScimError(500, undefined, 'internal error');
          if (!(err instanceof ScimError)) ctx.log.error('bulk operation failed', { error: err });
          Object.assign(result, { status: String(e.status), response: errorBody(e.status, e.scimType, e.message) });
          if (bulkId !== undefined && definedAt.get(bulkId) === i) ids.set(bulkId, null);
          errors++;
        }
        results[i] = result;
        if (failOnErrors !== undefined && errors >= failOnErrors) throw new RollBack();
      }
    },
    { bulkOf: ctx.organizationId },
  );
}
