import type { Em } from '../core/db.js';
import type { EventBus } from '../core/events/event-bus.js';
import type { Principal } from '../core/principal.js';
import type { CoreContext } from '../core/services/context.js';
import type { Logger } from '../server/logger.js';

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
}

export interface ContextDeps {
  /** A fresh EntityManager fork for this request or operation. */
  em: Em;
  bus: EventBus;
  log: Logger;
}

export function createGraphQLContext(deps: ContextDeps, principal: Principal, requestId: string, publicUrl: string | null = null): GraphQLContext {
  const log = deps.log.child({ requestId });
  return {
    core: { em: deps.em, principal, requestId, log },
    bus: deps.bus,
    log,
    requestId,
    loaders: new Map(),
    publicUrl,
  };
}
