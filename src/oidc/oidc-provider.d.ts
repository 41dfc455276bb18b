/**
 * The parts of oidc-provider 9 (which ships no type declarations) this adapter uses, typed loosely:
 * its configuration is checked by the provider itself at construction.
 */
declare module 'oidc-provider' {
  import type Koa from 'koa';
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown>;
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string; uid?: string; cookie?: string };
    grantId?: string;
    result?: Record<string, unknown>;
    lastSubmission?: Record<string, unknown>;
  }

  export interface GrantInstance {
    getOIDCScopeEncountered(): string;
    getOIDCClaimsEncountered(): string[];
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(indicator: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface ClientInstance {
    clientId: string;
    clientName?: string;
    clientSecret?: string;
    redirectUris: string[];
  }

  export class errors {
    static OIDCProviderError: new (...a: unknown[]) => Error & { status: number; error: string; error_description?: string };
    static InvalidRequest: new (description: string) => Error & { status: number; error: string; error_description?: string };
    static TemporarilyUnavailable: new (description: string) => Error & { status: number; statusCode: number; error: string; error_description?: string };
  }

  /** An authorization request's context as an interaction policy check sees it (the parts used). */
  export interface AuthorizationContext {
    get(header: string): string;
    oidc: {
      route: string;
      params: Record<string, unknown>;
      provider: Provider;
      client: ClientInstance;
      promptPending(name: string): boolean;
      requestParamOIDCScopes: Set<string>;
      requestParamClaims: Set<string>;
      entities: { IdTokenHint?: { payload: { sub?: string } } };
      entity(name: string, value: unknown): void;
      /** The grant of the session's account for the client (loaded, or new and unsaved). */
      grant?: GrantInstance;
      session: {
        accountId?: string;
        /** Loaded from the store (false: made for this request). */
        new?: boolean;
        resetIdentifier(): void;
        loginAccount(login: { accountId: string; loginTs?: number; amr?: string[]; acr?: string; transient?: boolean }): void;
        ensureClientContainer(clientId: string): void;
        grantIdFor(clientId: string, grantId: string): void;
      };
    };
  }

  export const interactionPolicy: {
    Check: new (
      reason: string,
      description: string,
      check: (ctx: { oidc: { session?: { accountId?: string }; params: Record<string, unknown> }; get(header: string): string }) => boolean | Promise<boolean>,
    ) => unknown;
    Prompt: new (options: { name: string; requestable: boolean }, ...checks: unknown[]) => unknown;
    base(): { get(name: string): { checks: { add(check: unknown): void } }; add(prompt: unknown, index?: number): void } & unknown[];
  };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    issuer: string;
    proxy: boolean;
    app: Koa;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    /** The absolute URL of a named route, from the issuer (its origin and path). */
    urlFor(name: string, opt?: Record<string, unknown>): string;
    OIDCContext: { prototype: { urlFor(name: string, opt?: Record<string, unknown>): string } };
    on(event: string, listener: (...args: never[]) => void): this;
    /** A Koa middleware run around every request the provider handles. */
    use(middleware: (ctx: never, next: () => Promise<void>) => Promise<void>): void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      opts?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    Grant: {
      new (init: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    Client: {
      prototype: Record<string, unknown> & {
        backchannelLogout(sub: string, sid: string): Promise<void>;
        compareClientSecret(actual: string): Promise<boolean> | boolean;
      };
    };
  }
}
