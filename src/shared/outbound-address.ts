/**
 * Which addresses the server may call on a tenant's behalf. A tenant names URLs the server then
 * fetches (webhook endpoints, IdP metadata): without these checks a tenant could make the server
 * call its internal network (SSRF). Used by core/services/webhooks.ts and
 * core/services/saml-metadata-fetch.ts; the operator lifts the rule per feature
 * (WEBHOOK_ALLOW_INSECURE_URLS, SAML_METADATA_ALLOW_PRIVATE_ADDRESSES).
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ipv6Groups } from './ipv6.js';

/** Not public: loopback, link-local, private, shared (CGNAT), reserved, benchmarking, multicast, documentation. */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  // documentation (TEST-NET-1, -2, -3, RFC 5737)
  ['192.0.2.0', 24],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  // site-local (deprecated by RFC 3879, still routed inside some networks), discard-only (RFC 6666)
  ['fec0::', 10],
  ['100::', 64],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2001:db8::', 32],
  // IPv4-compatible addresses (::a.b.c.d, deprecated by RFC 4291) and Teredo tunnels (2001::/32),
  // whose IPv4 endpoints are written inside them
  ['::', 96],
  ['2001::', 32],
  // IPv4-translated addresses (::ffff:0:a.b.c.d, RFC 2765), which carry an IPv4 address too
  ['::ffff:0:0:0', 96],
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is one the server may not reach by default (an IPv4-mapped IPv6 address is judged as its IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return NOT_PUBLIC.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // 6to4 (2002:AABB:CCDD::/48, RFC 3056) reaches the IPv4 address it carries: judged as that address
    // (written with an IPv4 tail it is not 6to4's spelling: judged as the IPv6 address it is)
    const groups = address.includes('.') ? undefined : ipv6Groups(address);
    if (groups?.[0] === 0x2002) {
      const [hi, lo] = [groups[1]!, groups[2]!];
      if (NOT_PUBLIC.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4')) return true;
    }
  }
  return NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as an address or name: brackets of an IPv6 literal removed, lower case. */
export function hostOf(u: URL): string {
  return u.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** The host without the trailing dot of a fully qualified name (`localhost.` is `localhost`). */
function bareHost(u: URL): string {
  return hostOf(u).replace(/\.$/, '');
}

/** Whether the URL's host is `localhost` (or under it) or a literal non-public address: what can be refused before any lookup. */
export function namesNonPublicHost(u: URL): boolean {
  const host = bareHost(u);
  return host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isNonPublicAddress(host));
}

/**
 * Throws when `host` (a name) resolves to a non-public address (a public name pointing inward). A
 * caller that connects afterwards may see another answer (DNS rebinding within the resolver's cache
 * time): `publicOnlyLookup` below checks the address actually connected to.
 */
export async function assertResolvesPublic(host: string): Promise<void> {
  if (isIP(host) !== 0) {
    if (isNonPublicAddress(host)) throw new Error(`${host} is a non-public address`);
    return;
  }
  const addresses = await lookup(host, { all: true });
  const bad = addresses.find((a) => isNonPublicAddress(a.address));
  // the address itself is not named: the message reaches the tenant (a delivery's lastError, the
  // metadata refresh's error), and what internal names resolve to is the server's network's business
  if (bad) throw new Error(`${host} resolves to a non-public address`);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | Array<{ address: string; family: number }>, family?: number) => void;

/**
 * A `lookup` for node:http(s) requests that refuses non-public addresses: the check applies to the
 * address the socket connects to, so a name that resolves differently between a check and the
 * connection cannot slip through.
 */
export function publicOnlyLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  lookup(hostname, { all: true }).then(
    (addresses) => {
      const bad = addresses.find((a) => isNonPublicAddress(a.address));
      if (bad || addresses.length === 0) {
        const err: NodeJS.ErrnoException = new Error(bad ? `${hostname} resolves to a non-public address` : `${hostname} does not resolve`);
        err.code = 'ENONPUBLIC';
        callback(err, '');
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    },
    (err: NodeJS.ErrnoException) => callback(err, ''),
  );
}
