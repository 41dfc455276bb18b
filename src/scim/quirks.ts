/**
 * Identity-provider quirks of SCIM, in one place.
 *
 * Okta, Microsoft Entra ID and OneLogin deviate from RFC 7644 in small, well-known ways. Each deviation
 * the adapter tolerates is one named, documented function here (with a test named after the
 * behaviour in test/scim/quirks.test.ts), so patch.ts stays close to the RFC and this file lists
 * the exceptions. Everything here is pure and never mutates its input.
 *
 * Quirks that need no function of their own (patch.ts handles them with plain RFC semantics plus
 * its documented decisions), listed for completeness and tested in test/scim/quirks.test.ts:
 * - Entra sends pathless values keyed by a sub-attribute path (`{"name.givenName": "Barbara"}`),
 *   a full URN-qualified attribute (`{"urn:…:enterprise:2.0:User:department": "Sales"}`) or a
 *   filtered path: patch.ts reads every key of a pathless value as a PATCH path.
 * - Entra adds members with `"$ref": null`: null sub-attributes are dropped.
 * - Okta deactivates with a pathless `{"op":"replace","value":{"active":false}}`, and sends
 *   `password` in pathless replaces: password is accepted and dropped.
 * - Okta re-adds members that are already in the group: equal elements are not duplicated.
 * - JumpCloud (and, by Ping Identity's own SCIM SDK, PingOne-era connectors) remove members the
 *   Entra way, with the members as the value and no filter: `removalSelectors` below
 *   (test/fixtures/jumpcloud/remove-member.json, test/fixtures/pingone/remove-member.json).
 * - PingFederate looks users up by `emails eq "…"` (its workEmail identifier) and PingOne's docs
 *   show `username Eq "…"`: RFC 7644 already makes attribute names and operators case-insensitive,
 *   and a multi-valued attribute compared as a whole compares its `value` (resource-schema.ts).
 * - OneLogin updates users by PUT with its whole JSON template, parameters without a value
 *   rendered as "" (and the manager's displayName as " "): an empty string sets nothing
 *   (docs/PROVISIONING.md §4), and an empty manager value names no manager.
 *
 * It imports neither patch.ts nor the parsers that call it: the filter tree, the PATCH operation
 * and JSON equality sit in modules of their own (filter-ast.ts, patch-operation.ts, json-value.ts).
 */
import type { AttrPath, CompareValue, FilterNode } from './filter-ast.js';
import { jsonEqual } from './json-value.js';
import type { PatchOperation } from './patch-operation.js';
import { ScimError } from './scim-error.js';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './urns.js';

export type PatchOpName = PatchOperation['op'];

const IGNORED_GROUP_SCHEMAS: ReadonlySet<string> = new Set(['http://schemas.microsoft.com/2006/11/resourcemanagement/adscim/2.0/group']);

const OP_NAMES: Readonly<Record<string, PatchOpName>> = { add: 'add', replace: 'replace', remove: 'remove' };

/**
 * Entra ID (and Microsoft's SCIM validator) filter a typed element's sub-attribute as
 * `emails[type eq "work"].value eq "x"` when an admin matches users on that attribute; RFC 7644
 * allows a sub-attribute after "]" only in PATCH paths. Read as the RFC's
 * `emails[type eq "work" and value eq "x"]`: the same elements, the same condition.
 */
export function filteredSubAttributeComparison(path: AttrPath, filter: FilterNode, comparison: FilterNode): FilterNode {
  return { op: 'valuePath', path, filter: { op: 'and', left: filter, right: comparison } };
}

/**
 * Entra ID sends capitalised op names ("Add", "Replace", "Remove"); RFC 7644 spells them in lower
 * case. Any letter case is accepted. Returns undefined for anything that is not an op name.
 */
export function normalizeOpName(op: unknown): PatchOpName | undefined {
  if (typeof op !== 'string') return undefined;
  const lower = op.toLowerCase();
  return Object.hasOwn(OP_NAMES, lower) ? OP_NAMES[lower] : undefined;
}

/**
 * Entra ID sends booleans as strings ("True", "False", also "true"/"false") for boolean attributes
 * such as `active` and `emails[…].primary`. When `isBooleanAttr` (the schema type of the attribute
 * the value is for is boolean), a string spelling true/false (ignoring case and surrounding blanks)
 * becomes that boolean, also inside an array (a multi-valued boolean attribute); anything else is
 * returned unchanged, and so is every value when `isBooleanAttr` is false. patch.ts calls this for
 * every value whose schema type is boolean — top-level attributes, sub-attributes in pathless
 * values, path values, elements of multi-valued attributes and elements created from a filter —
 * before type-checking; users.ts for `active` in POST/PUT bodies.
 */
export function coerceBooleanStrings(value: unknown, isBooleanAttr: boolean): unknown {
  if (!isBooleanAttr) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => coerceBooleanStrings(item, true));
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return value;
}

/**
 * Entra ID's group create and replace bodies list, next to the core Group URN, the schema
 * `http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group`, which defines no
 * attribute the adapter uses (test/fixtures/entra/create-group.json). Such schema URNs are accepted
 * and ignored instead of rejected as unknown (groups.ts). Compared ignoring case.
 */
export function isIgnoredGroupSchema(urn: string): boolean {
  return IGNORED_GROUP_SCHEMAS.has(urn.trim().toLowerCase());
}

/**
 * Entra ID sends the enterprise `manager` as the manager's bare id
 * (`{"op":"Replace","path":"urn:…:enterprise:2.0:User:manager","value":"26118915-6090-4610-87e4-49d8ca9f808d"}`)
 * instead of the complex `{"value": "<id>"}`, and clears it with an empty string (`""` or
 * `{"value": ""}`). Returns `{ value: id }` for a non-empty string, `null` (meaning: remove the
 * manager) for "", null, and an object whose `value` is "" or null, and any other value unchanged
 * (patch.ts type-checks it).
 */
export function normalizeManagerValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : { value };
  if (typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'value')) {
    const id = (value as Record<string, unknown>)['value'];
    if (id === null || (typeof id === 'string' && id.trim() === '')) return null;
  }
  return value;
}

/**
 * Okta renames a group with a pathless replace that echoes the group's `id`:
 * `{"op":"replace","value":{"id":"<same id>","displayName":"New name"}}`, and its user bodies carry
 * `"groups": []`. A read-only attribute in a pathless value is ignored when it equals the current
 * value (JSON equality, with unassigned, null, [] and {} all equal); a different value is a 400
 * mutability error (patch.ts).
 */
export function isEchoedReadOnlyValue(current: unknown, sent: unknown): boolean {
  return (isEmpty(current) && isEmpty(sent)) || (current !== undefined && jsonEqual(current, sent));
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/**
 * Entra ID sends `Add` (and `Replace`) of `addresses[type eq "work"].locality` or
 * `emails[type eq "work"].value` for a user that has no work address / email yet, expecting the
 * element to be created. RFC 7644 would answer 400 noTarget for replace and has no rule for add.
 * This derives the new element from the filter: the `eq` conditions joined by `and`
 * (`type eq "work" and primary eq true` → `{ type: "work", primary: true }`), names as written.
 * Returns undefined when the filter says anything else (or, not, other operators, `eq null`, the
 * same name with two values), so no element can be derived.
 */
export function elementFromValueFilter(filter: FilterNode): Record<string, Exclude<CompareValue, null>> | undefined {
  const element: Record<string, Exclude<CompareValue, null>> = {};
  const seen = new Map<string, Exclude<CompareValue, null>>();
  const collect = (node: FilterNode): boolean => {
    if (node.op === 'and') return collect(node.left) && collect(node.right);
    if (node.op !== 'eq' || node.value === null || node.path.schema !== undefined || node.path.subAttr !== undefined) return false;
    const key = node.path.attr.toLowerCase();
    const previous = seen.get(key);
    if (previous !== undefined) return previous === node.value;
    seen.set(key, node.value);
    Object.defineProperty(element, node.path.attr, { value: node.value, enumerable: true, writable: true, configurable: true });
    return true;
  };
  return collect(filter) ? element : undefined;
}

/**
 * Entra ID removes group members with `{"op":"Remove","path":"members","value":[{"value":"id1"},{"value":"id2"}]}`:
 * RFC 7644 would remove every member (a remove of a multi-valued attribute without a filter), but
 * Entra means "only these". Returns the selectors the remove carries (an array as is, a single
 * value wrapped), or undefined when it carries none (no value, or null), which means "remove all".
 * patch.ts removes the elements whose `value` matches a selector's `value` (or, for selectors
 * without one, whose sub-attributes match all the selector's); selectors matching nothing are
 * ignored, so removing a non-member is not an error.
 */
export function removalSelectors(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : [value];
}

/**
 * OneLogin's "SCIM Provisioner with SAML (SCIM v2 Enterprise)" names a user's schemas
 * `urn:scim:schemas:core:2.0` and `urn:scim:schemas:extension:enterprise:2.0` (SCIM 1.1's URN form
 * with the 2.0 version; its PUT in https://github.com/goauthentik/authentik/issues/11249,
 * test/fixtures/onelogin/create-user.json). Read as the RFC 7643 URNs they stand for, in `schemas`
 * and as the key of the extension's attributes (where a body has both keys, the RFC one's
 * attributes win). Compared ignoring case. Returns the body unchanged when it has neither.
 */
const SHORT_SCHEMA_URNS: ReadonlyMap<string, string> = new Map([
  ['urn:scim:schemas:core:2.0', USER_SCHEMA],
  ['urn:scim:schemas:extension:enterprise:2.0', ENTERPRISE_SCHEMA],
]);

const rfcOf = (k: string) => SHORT_SCHEMA_URNS.get(k.trim().toLowerCase());
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// module functions, not closures made per call: see outcomeOf in core/services/mapping-engine.ts
export function withRfcSchemaUrns(body: Record<string, unknown>): Record<string, unknown> {
  const schemas = body['schemas'];
  const schemasShort = Array.isArray(schemas) && schemas.some((u) => typeof u === 'string' && rfcOf(u) !== undefined);
  const keysShort = Object.keys(body).filter((k) => rfcOf(k) !== undefined);
  if (!schemasShort && keysShort.length === 0) return body;
  const out: Record<string, unknown> = { ...body };
  if (schemasShort) {
    const urns = (schemas as unknown[]).map((u) => (typeof u === 'string' ? (rfcOf(u) ?? u) : u));
    out['schemas'] = urns.filter((u, i) => urns.indexOf(u) === i);
  }
  for (const k of keysShort) {
    const rfc = rfcOf(k)!;
    const short = out[k];
    delete out[k];
    const existing = Object.keys(out).find((key) => key.toLowerCase() === rfc.toLowerCase());
    const current = existing === undefined ? undefined : out[existing];
    if (existing === undefined) out[rfc] = short;
    else if (isObj(current) && isObj(short)) out[existing] = { ...short, ...current };
  }
  return out;
}

/**
 * OneLogin's documented Enterprise User Schema template sends `emails` as one object rather than a
 * list of them (https://developers.onelogin.com/scim/define-user-schema;
 * test/fixtures/onelogin/create-user-emails-object.json). In a POST or PUT body, a multi-valued
 * complex attribute given as one object is read as a list of that object (PATCH already wraps a
 * single element, patch.ts). Anything else is returned unchanged, to be type-checked as usual.
 */
export function listOfSingleElement(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? [value] : value;
}

/**
 * Validates and normalises one raw element of a PatchOp request's "Operations" (used by
 * readPatchRequest and applyPatch): the op name (Entra's capitalised names, see normalizeOpName),
 * `path` (a string; null counts as absent), and `value` (required for add and replace — add with
 * a null value is refused too; replace with null unassigns the target). Other members are ignored.
 * @throws ScimError 400 invalidSyntax / invalidValue (message without the operation index;
 *   callers prefix it).
 */
export function normalizePatchOperation(raw: unknown): PatchOperation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ScimError(400, 'invalidSyntax', 'an operation must be a JSON object with "op", and "path" and/or "value"');
  }
  const record = raw as Record<string, unknown>;
  const op = normalizeOpName(record['op']);
  if (op === undefined) {
    throw new ScimError(400, 'invalidSyntax', `unsupported op ${describe(record['op'])} (expected "add", "replace" or "remove")`);
  }
  const path = record['path'];
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw new ScimError(400, 'invalidSyntax', `"path" must be a string, not ${describe(path)}`);
  }
  const hasValue = Object.hasOwn(record, 'value') && record['value'] !== undefined;
  if (op !== 'remove' && !hasValue) throw new ScimError(400, 'invalidValue', `"${op}" requires a "value"`);
  if (op === 'add' && record['value'] === null) throw new ScimError(400, 'invalidValue', '"add" requires a non-null "value"');
  const result: PatchOperation = { op };
  if (typeof path === 'string') result.path = path;
  if (hasValue) result.value = record['value'];
  return result;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** Which identity provider sent a request, as far as its User-Agent tells (the SCIM metrics' `idp` label). */
export type IdentityProvider = 'okta' | 'entra' | 'other';

/**
 * Okta's provisioning sends `User-Agent: Okta SCIM Client …`; Entra ID's provisioning service names
 * Microsoft or Azure AD in its User-Agent (e.g. `Microsoft.Identity.ScimProvisioning`). Anything
 * else, or no header, is `other`. Only for counting: no behaviour depends on it (the quirks above
 * are tolerated whoever sends them).
 */
export function identityProviderOf(userAgent: string | undefined): IdentityProvider {
  if (!userAgent) return 'other';
  if (/\bokta\b/i.test(userAgent)) return 'okta';
  if (/microsoft|azure|\baad\b|entra/i.test(userAgent)) return 'entra';
  return 'other';
}
