/**
 * The eight 16-bit groups of an IPv6 address, `::` expanded; an IPv4 tail (`::ffff:1.2.3.4`) is its
 * two groups. For an address `net.isIPv6` accepts (a zone, `%eth0`, is left out).
 */
export function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.replace(/%.*$/, '').split('::');
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  return [...front, ...new Array<number>(Math.max(0, 8 - front.length - back.length)).fill(0), ...back];
}

function groupsOf(part: string): number[] {
  if (!part) return [];
  return part.split(':').flatMap((g) => {
    if (!g.includes('.')) return [parseInt(g, 16)];
    const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  });
}
