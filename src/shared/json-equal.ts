/**
 * JSON values compared as JSON: objects by their own keys, whatever their order, arrays in order.
 * The SCIM adapter compares request values with them (PATCH, Okta's echoes); the core's "what
 * changed" checks compare values read back from jsonb, which does not keep the order a value was
 * written in (it orders keys by length, then bytewise), with the same values built in code.
 */

/** A plain object, as JSON.parse makes them (not an array, a Date or a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** JSON deep equality: arrays in order, objects by own keys (ignoring undefined-valued keys), a Date as the text JSON writes for it. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Date) a = a.toJSON();
  if (b instanceof Date) b = b.toJSON();
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const aKeys = Object.keys(a).filter((k) => a[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => b[k] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** Whether two values are the same once stored: jsonEqual, with an absent value (undefined) as null. */
export function sameJson(a: unknown, b: unknown): boolean {
  return jsonEqual(a ?? null, b ?? null);
}
