import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import { unstorableText } from '../shared/text.js';
import { operationFailed, type OidcOperations } from './oidc-context.js';
import {
  CLIENT_METADATA,
  CONSUME_PAYLOAD,
  DESTROY_PAYLOAD,
  FIND_PAYLOAD,
  REVOKE_GRANT,
  STORE_PAYLOAD,
  type ClientMetadata,
  type FoundPayload,
} from './operations.js';

/** The longest id the store keeps (core/services/oidc-store.ts MAX_ID; the provider's own ids are 43 characters). */
const MAX_STORED_ID_LENGTH = 512;

/**
 * Whether nothing can be stored under this id, so a lookup is "not found" without asking: text no
 * column holds (a NUL) or longer than any stored id. Both come only from a client (a code, refresh
 * or access token it sent); asked for, the core refuses them as input, which the provider answered
 * as a 500 server_error instead of invalid_grant / invalid_token.
 */
const unstorableId = (id: string) => unstorableText(id) || id.length > MAX_STORED_ID_LENGTH;

/**
 * oidc-provider's storage adapter over the core (one instance per model): every call is a GraphQL
 * operation of the OIDC principal, so the provider's state lives in PostgreSQL and every instance
 * shares it. Clients are the core's OIDC clients (read-only here: they are registered through GraphQL).
 */
export function storageAdapter(ops: () => OidcOperations) {
  return class GraphQLAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Client') return;
      const r = await ops().run(null, STORE_PAYLOAD, {
        model: this.model,
        id,
        payload,
        expiresIn: typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? Math.max(0, Math.ceil(expiresIn)) : null,
      });
      if (r.ok) return;
      // a request parameter (kept in the payload) holding text no column stores, a NUL: the client's error, not ours
      if (r.error.reason === 'input.text.unstorable') {
        const named = /\.(\w+) (contains .*)$/.exec(r.error.message);
        throw new errors.InvalidRequest(named ? `parameter ${named[1]} ${named[2]}` : 'a parameter contains a NUL character');
      }
      throw operationFailed(r.error);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      // nothing is stored under an id no column can hold (a NUL, or too long, from a client): unknown, as any other
      if (unstorableId(id)) return undefined;
      if (this.model === 'Client') {
        const r = await ops().must<ClientMetadata>(null, CLIENT_METADATA, { clientId: id });
        return (r.oidcClientMetadata as AdapterPayload | null) ?? undefined;
      }
      const r = await ops().must<FoundPayload>(null, FIND_PAYLOAD, { model: this.model, id });
      return (r.oidcPayload as AdapterPayload | null) ?? undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      if (unstorableId(uid)) return undefined;
      const r = await ops().must<FoundPayload>(null, FIND_PAYLOAD, { model: this.model, uid });
      return (r.oidcPayload as AdapterPayload | null) ?? undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      if (unstorableId(userCode)) return undefined;
      const r = await ops().must<FoundPayload>(null, FIND_PAYLOAD, { model: this.model, userCode });
      return (r.oidcPayload as AdapterPayload | null) ?? undefined;
    }

    async consume(id: string): Promise<void> {
      await ops().must(null, CONSUME_PAYLOAD, { model: this.model, id });
    }

    async destroy(id: string): Promise<void> {
      await ops().must(null, DESTROY_PAYLOAD, { model: this.model, id });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await ops().must(null, REVOKE_GRANT, { grantId });
    }
  };
}
