import type { Em } from '../db.js';
import type { Principal } from '../principal.js';
import { authenticate, refusedCredential, type RefusedCredential } from './credentials.js';
import { sha256 } from '../secrets.js';

/** Reads `Authorization: Bearer <token>` (scheme case-insensitive); undefined when absent or malformed. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}

/** The longest bearer token looked up; a longer one is refused unread (ADMIN_API_KEY is held to it, server/config.ts). */
export const MAX_BEARER_TOKEN_LENGTH = 512;

/** Resolves bearer tokens to principals: the ADMIN_API_KEY (compared by hash) or a stored credential. */
export class BearerAuth {
  private readonly adminKeyHash: string | undefined;

  constructor(
    private readonly fork: () => Em,
    adminApiKey: string | undefined,
  ) {
    this.adminKeyHash = adminApiKey ? sha256(adminApiKey) : undefined;
  }

  async principal(header: string | undefined | null): Promise<Principal | undefined> {
    const token = bearerToken(header);
    if (!token || token.length > MAX_BEARER_TOKEN_LENGTH) return undefined;
    return authenticate(this.fork, token, this.adminKeyHash);
  }

  /** For a header `principal` refused: the organization's credential its token names, and why (credentials.ts refusedCredential). */
  async refused(header: string | undefined | null): Promise<RefusedCredential | undefined> {
    const token = bearerToken(header);
    if (!token || token.length > MAX_BEARER_TOKEN_LENGTH) return undefined;
    return refusedCredential(this.fork(), token);
  }
}
