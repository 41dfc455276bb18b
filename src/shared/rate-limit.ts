/**
 * A token bucket per credential: `perSecond` requests per second on average with bursts up to
 * `burst`. Kept in process memory, so with several instances each enforces its own share.
 * Shared by the adapters: the SCIM router keys it by SCIM token (credential id), the SAML router
 * by client IP (`ctx.ip`) for its unauthenticated browser endpoints.
 */
const MAX_KEYS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait before retrying. */
  take(key: string, now = Date.now()): number {
    if (this.perSecond <= 0) return 0;
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    // bounded memory: the map is kept in order of last use, and past MAX_KEYS the least recently
    // seen key is forgotten (never everyone's state at once, which many keys could otherwise force)
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (this.buckets.size > MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}
