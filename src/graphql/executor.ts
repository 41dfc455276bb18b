import {
  execute,
  getNamedType,
  isInputObjectType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLInputObjectType,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Em } from '../core/db.js';
import type { Principal } from '../core/principal.js';
import type { GraphQLPipeline } from './pipeline.js';
import type { OperationSpan } from '../shared/tracing.js';
import { takeOrganizationTurn } from '../core/services/transaction.js';

export interface OperationResult<T> {
  data: T | null;
  errors: GraphQLFormattedError[];
}

export interface RunOptions {
  requestId: string;
  /** The external base URL the caller serves under (see GraphQLContext.publicUrl). */
  publicUrl?: string;
}

/** Operations run through a scope share one transaction: all of them commit, or none (SCIM Bulk). */
export interface TransactionScope {
  run<TData, TVars extends Record<string, unknown>>(
    principal: Principal,
    source: string | TypedDocumentNode<TData, TVars>,
    variables: TVars,
    opts: RunOptions,
  ): Promise<OperationResult<TData>>;
  /** Runs `fn` in a savepoint of this transaction: if it throws, only its own changes are undone. */
  savepoint<T>(fn: (scope: TransactionScope) => Promise<T>): Promise<T>;
}

/**
 * Executes GraphQL operations in-process, for the SCIM and SAML adapters: the same schema,
 * resolvers, authorization, validation and events as HTTP clients get, without the HTTP hop, through
 * the same pipeline (pipeline.ts). Each distinct document is parsed and validated once and then
 * served from a cache.
 *
 * The adapters' documents are a fixed set, so each is also compiled once, with graphql-jit, into a
 * function that executes it (the same resolvers, argument defaults, variable coercion, null
 * propagation and errors as graphql-js, without re-reading the document on every run: about a fifth
 * of the CPU of a SCIM user read). graphql-jit cannot compile a document whose variables have a
 * recursive input type (`UserFilter` nests itself in `and`/`or`/`not`: its variable parser recurses
 * without end); such a document runs on graphql-js, which is why the SCIM adapter looks users up by a
 * unique key with documents that spell the filter out (scim/operations.ts).
 */
export class OperationRunner {
  private readonly cache = new Map<string, DocumentNode>();
  /** The compiled form of each document; null: graphql-js runs it. */
  private readonly compiled = new Map<DocumentNode, CompiledQuery | null>();

  constructor(
    private readonly pipeline: GraphQLPipeline,
    private readonly fork: () => Em,
  ) {}

  private document(source: string | DocumentNode): DocumentNode {
    if (typeof source !== 'string') return source;
    let doc = this.cache.get(source);
    if (!doc) {
      const r = this.pipeline.document(source);
      // adapter documents are fixed strings in our code: an invalid one is a programming error
      if (r.errors) throw new Error(`invalid adapter operation: ${r.errors.map((e) => e.message).join('; ')}`);
      doc = r.document;
      this.cache.set(source, doc);
    }
    return doc;
  }

  private compile(document: DocumentNode): CompiledQuery | null {
    let c = this.compiled.get(document);
    if (c === undefined) {
      let made: CompiledQuery | ExecutionResult | undefined;
      try {
        // not even tried with a recursive variable type: graphql-jit would recurse until the stack
        // overflows, which took seconds of CPU and ~600 MB of garbage (a stalled first request)
        made = hasRecursiveVariable(this.pipeline.schema, document) ? undefined : compileQuery(this.pipeline.schema, document);
      } catch {
        made = undefined;
      }
      c = made && isCompiledQuery(made) ? made : null;
      this.compiled.set(document, c);
    }
    return c;
  }

  /** Whether `source` runs compiled (tests and the benchmark ask; the answer changes no result). */
  isCompiled(source: string | DocumentNode): boolean {
    return this.compile(this.document(source)) !== null;
  }

  run<TData, TVars extends Record<string, unknown>>(
    principal: Principal,
    source: string | TypedDocumentNode<TData, TVars>,
    variables: TVars,
    opts: RunOptions,
  ): Promise<OperationResult<TData>> {
    return this.execute(this.fork, principal, source, variables, opts);
  }

  /**
   * Runs `fn` with a scope whose operations share one database transaction. Each operation still
   * runs in its own savepoint (a failed one leaves the others intact); the transaction commits when
   * `fn` returns and rolls back, with every event it would have published, when `fn` throws.
   */
  async transaction<T>(fn: (scope: TransactionScope) => Promise<T>, opts: { bulkOf?: string } = {}): Promise<T> {
    return this.fork().transactional(async (em) => {
      // `bulkOf`: one such transaction per organization at a time (see takeOrganizationTurn)
      if (opts.bulkOf) await takeOrganizationTurn(em as Em, opts.bulkOf, 'bulk');
      return fn(this.scopeOf(em as Em));
    });
  }

  private scopeOf(em: Em): TransactionScope {
    return {
      run: (principal, source, variables, opts) => this.execute(em, principal, source, variables, opts),
      savepoint: (fn) => em.transactional(async (inner) => fn(this.scopeOf(inner as Em))),
    };
  }

  private execute<TData, TVars extends Record<string, unknown>>(
    em: Em | (() => Em),
    principal: Principal,
    source: string | TypedDocumentNode<TData, TVars>,
    variables: TVars,
    opts: RunOptions,
  ): Promise<OperationResult<TData>> {
    return this.pipeline.traced('in-process', opts.requestId, (span) => this.executeIn(span, em, principal, source, variables, opts));
  }

  private async executeIn<TData, TVars extends Record<string, unknown>>(
    span: OperationSpan | undefined,
    em: Em | (() => Em),
    principal: Principal,
    source: string | TypedDocumentNode<TData, TVars>,
    variables: TVars,
    opts: RunOptions,
  ): Promise<OperationResult<TData>> {
    const document = this.document(source as string | DocumentNode);
    const started = process.hrtime.bigint();
    // no limits here: adapter documents are fixed strings of ours, and the page sizes they pass are
    // bounded by the adapters (SCIM count ≤ 1000); the limits guard client-written queries. Their
    // variables are checked (text the database cannot store); their types are our code's.
    const refused = this.pipeline.check(null, undefined, variables, { limits: false, coerceVariables: false });
    if (refused.length) {
      const errors = this.pipeline.formatErrors(refused, opts.requestId);
      this.pipeline.log({ via: 'in-process', requestId: opts.requestId, document, principal, variables, started, errors, span });
      return { data: null, errors };
    }
    // no time budget either: a SCIM or SAML request is bounded by what the adapter asks
    const contextValue = this.pipeline.context(principal, opts.requestId, opts.publicUrl ?? null, null, em);
    const compiled = this.compile(document);
    const result: ExecutionResult = compiled
      ? await compiled.query(undefined, contextValue, variables)
      : await execute({ schema: this.pipeline.schema, document, variableValues: variables, contextValue });
    const errors = result.errors?.length ? this.pipeline.formatErrors(result.errors, opts.requestId) : [];
    // logged inline, not through a closure made per call (see outcomeOf in core/services/mapping-engine.ts)
    this.pipeline.log({ via: 'in-process', requestId: opts.requestId, document, principal, variables, started, errors, span });
    return { data: (result.data as TData | null | undefined) ?? null, errors };
  }
}

/** Whether a variable of the document's operations has an input type that contains itself (UserFilter's `and`/`or`/`not`). */
export function hasRecursiveVariable(schema: GraphQLSchema, document: DocumentNode): boolean {
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of def.variableDefinitions ?? []) {
      const type = typeFromAST(schema, v.type as never);
      const named = type && getNamedType(type);
      if (isInputObjectType(named) && containsItself(named)) return true;
    }
  }
  return false;
}

/** Whether an input type reaches itself again through its fields (depth-first, each type once). */
function containsItself(root: GraphQLInputObjectType): boolean {
  const state = new Map<GraphQLInputObjectType, 'open' | 'done'>();
  const visit = (t: GraphQLInputObjectType): boolean => {
    if (state.get(t) === 'open') return true;
    if (state.get(t) === 'done') return false;
    state.set(t, 'open');
    for (const f of Object.values(t.getFields())) {
      const named = getNamedType(f.type);
      if (isInputObjectType(named) && visit(named)) return true;
    }
    state.set(t, 'done');
    return false;
  };
  return visit(root);
}
