import { GraphQLError } from 'graphql';
import { limitStatements, type Em } from '../core/db.js';
import type { EventBus } from '../core/events/event-bus.js';
import type { Principal } from '../core/principal.js';
import type { CoreContext, SamlMetadataPolicy, WebhookUrlPolicy } from '../core/access.js';
import type { Logger } from '../shared/logger.js';

/** What every resolver receives: the core context (EntityManager fork + principal) and the event bus. */
export interface GraphQLContext {
  core: CoreContext;
  bus: EventBus;
  log: Logger;
  requestId: string;
  /** Per-request memo for batch loaders (see loaders.ts). */
  loaders: Map<string, unknown>;
  /**
   * External base URL for the links the API derives (SAML endpoints): PUBLIC_URL, else the origin the
   * request came in on. Null for in-process operations that did not say (they need no links).
   */
  publicUrl: string | null;
  /**
   * When the operation's time budget ends (`performance.now()` ms), or null for none (in-process
   * adapter operations, subscriptions): every resolver of ours checks it before it starts (schema.ts).
   */
  deadline: number | null;
  /** The budget in ms, for the error message. */
  budgetMs: number | null;
}

/** The error of an operation that ran past its time budget (see GraphQLContext.deadline). */
export function timeBudgetExceeded(budgetMs: number | null): GraphQLError {
  return new GraphQLError(`the operation ran past its time budget of ${budgetMs} ms and was stopped; ask for less (smaller pages, fewer fields or aliases)`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', reason: 'query.timeBudget', http: { status: 400 } },
  });
}

export interface ContextDeps {
  /**
   * The EntityManager of this request or operation: a transaction's, or a function that forks a
   * fresh one, called only when a resolver first asks for `core.em` (a read answered from caches
   * never forks: a fork builds an identity map and a unit of work, ~5 % of a SCIM lookup's CPU).
   */
  em: Em | (() => Em);
  bus: EventBus;
  log: Logger;
  /** The operator's webhook URL policy (server config); absent: the strict default. */
  webhooks?: WebhookUrlPolicy;
  /** The operator's IdP metadata fetch policy (server config); absent: the strict default. */
  samlMetadata?: SamlMetadataPolicy;
}

export function createGraphQLContext(
  deps: ContextDeps,
  principal: Principal,
  requestId: string,
  publicUrl: string | null = null,
  budgetMs: number | null = null,
): GraphQLContext {
  const log = deps.log.child({ requestId });
  const fork = typeof deps.em === 'function' ? deps.em : null;
  let em = typeof deps.em === 'function' ? undefined : deps.em;
  const deadline = budgetMs === null ? null : performance.now() + budgetMs;
  const core: CoreContext = {
    get em() {
      // a client's operation (one with a time budget) runs a few statements at once, not the whole pool
      return (em ??= deadline === null ? fork!() : limitStatements(fork!(), () => (performance.now() > deadline ? timeBudgetExceeded(budgetMs) : null)));
    },
    principal,
    requestId,
    log,
    webhooks: deps.webhooks,
    samlMetadata: deps.samlMetadata,
  };
  return {
    core,
    bus: deps.bus,
    log,
    requestId,
    loaders: new Map(),
    publicUrl,
    deadline,
    budgetMs,
  };
}
