/**
 * Whether two JSON values are equal whatever the order of their objects' keys. PostgreSQL's jsonb
 * does not keep the order a value was written in (it orders keys by length, then bytewise), so a
 * value read back from a jsonb column and the same value built in code spell differently through
 * `JSON.stringify`, and a "what changed" check that compares them that way sees a change in
 * nothing. Array order counts.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null, keysSorted) === JSON.stringify(b ?? null, keysSorted);
}

/** A `JSON.stringify` replacer that writes every plain object with its keys sorted. */
function keysSorted(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return v;
  return Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
