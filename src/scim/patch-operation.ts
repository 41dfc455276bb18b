/**
 * One operation of a SCIM PATCH request (RFC 7644 §3.5.2): what quirks.ts normalises and patch.ts
 * applies, here so that neither imports the other. Both refuse an operation with a ScimError (400).
 */

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}
