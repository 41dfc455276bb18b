import { isIPv6 } from 'node:net';
import { ipv6Groups } from './ipv6.js';

/**
 * A token bucket per credential: `perSecond` requests per second on average with bursts up to
 * `burst`. Kept in process memory, so with several instances each enforces its own share.
 * Shared by the adapters: the SCIM router keys it by SCIM token (credential id), the SAML and OIDC
 * routers by client address (`clientAddressKey(ctx.ip)`) for their unauthenticated browser endpoints.
 */
const MAX_KEYS = 10_000;

/**
 * The bucket of a client address: an IPv4 address as it is, an IPv6 address by its /64 (what one
 * site, or one host, is given: a client that wrote a new address of its /64 for every request would
 * otherwise have 2^64 buckets), an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, an IPv4 client on a
 * dual-stack socket) as its IPv4 address; a port a proxy wrote with it (Azure Application Gateway's
 * X-Forwarded-For: `203.0.113.9:51234`, `[2001:db8::1]:51234`) left out, or every connection of a
 * client would have a bucket of its own.
 */
export function clientAddressKey(address: string): string {
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(address) ?? /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
  const ip = withPort ? withPort[1]! : address;
  if (!isIPv6(ip)) return ip;
  const addr = ip.toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(addr);
  if (mapped) return mapped[1]!;
  return `${ipv6Groups(addr)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

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
