/** JSON values as SCIM PATCH compares them (patch.ts, and quirks.ts for the values Okta echoes). */

export type Json = Record<string, unknown>;

export { isPlainObject, jsonEqual } from '../shared/json-equal.js';
