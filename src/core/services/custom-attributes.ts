import { LockMode } from '@mikro-orm/core';
import { normalizeIsoDateTime } from '../../shared/datetime.js';
import { sql } from '../db.js';
import { CUSTOM_ATTRIBUTE_TYPES, CustomAttributeDefinition, type CustomAttributeType } from '../entities/provisioning.js';
import type { CustomAttributeValue } from '../entities/user.js';
import { AppError, badInput, notFound } from '../errors.js';
import type { FieldChanges } from '../events/event-types.js';
import { authorize, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import { configChanged, loadOrgConfig, rowToDefinition, type DefinitionValues } from '../org-config.js';

/** Names that belong to the system or to standard attributes: a custom attribute may not shadow them. */
const RESERVED = new Set(
  [
    'id',
    'userName',
    'externalId',
    'active',
    'name',
    'displayName',
    'nickName',
    'profileUrl',
    'title',
    'userType',
    'locale',
    'preferredLanguage',
    'timezone',
    'employeeNumber',
    'costCenter',
    'organization',
    'organizationName',
    'division',
    'department',
    'manager',
    'managerId',
    'emails',
    'email',
    'phoneNumbers',
    'addresses',
    'role',
    'groups',
    'provisionedBy',
    'createdAt',
    'updatedAt',
    'deactivatedAt',
    'lastSignInAt',
    'version',
    'meta',
    'schemas',
    'password',
  ].map((n) => n.toLowerCase()),
);
const NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_ALLOWED_VALUES = 500;
const MAX_MULTI_VALUES = 100;

export interface DefinitionInput {
  name: string;
  displayName?: string | null;
  type: CustomAttributeType;
  multiValued?: boolean | null;
  allowedValues?: Array<string | number> | null;
  required?: boolean | null;
}

export interface DefinitionUpdate {
  displayName?: string | null;
  type?: CustomAttributeType | null;
  allowedValues?: Array<string | number> | null;
  required?: boolean | null;
}

/**
 * Coerces one value to the attribute's type (docs/PROVISIONING.md §2.2): numeric strings for
 * INTEGER, "true"/"false" in any case for BOOLEAN, ISO-8601 for DATETIME read by shared/datetime.ts (a
 * time without offset is UTC, a date alone midnight UTC; stored as UTC ISO text, so text order is
 * time order). Returns undefined when the value cannot be read as that type.
 */
export function coerce(type: CustomAttributeType, v: unknown): string | number | boolean | undefined {
  switch (type) {
    case 'STRING':
      if (typeof v === 'string') return v.length <= 2048 ? v : undefined;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return undefined;
    case 'INTEGER': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
      return Number.isSafeInteger(n) ? n : undefined;
    }
    case 'BOOLEAN':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
      return undefined;
    case 'DATETIME':
      return normalizeIsoDateTime(v);
  }
}

/**
 * Validates and coerces custom attribute values against the organization's definitions. `changes`
 * holds only the keys being written (null = remove). Unknown names, wrong types, values outside
 * the allowed list and removal of required values are BAD_USER_INPUT naming the attribute.
 */
export function validateCustomValues(
  definitions: Map<string, DefinitionValues>,
  changes: Record<string, CustomAttributeValue>,
  merged: Record<string, CustomAttributeValue>,
): Record<string, CustomAttributeValue> {
  const out: Record<string, CustomAttributeValue> = {};
  for (const [name, raw] of Object.entries(changes)) {
    const def = definitions.get(name);
    const field = `customAttributes.${name}`;
    if (!def) throw badInput('user.customAttributes.unknown', `"${name}" is not a custom attribute of this organization`, { field });
    if (raw === null || (Array.isArray(raw) && raw.length === 0)) {
      out[name] = null;
      continue;
    }
    const list = Array.isArray(raw) ? raw : [raw];
    if (!def.multiValued && list.length > 1) throw badInput('user.customAttributes.singleValued', `"${name}" takes a single value`, { field });
    if (list.length > MAX_MULTI_VALUES) throw badInput('user.customAttributes.tooMany', `"${name}" takes at most ${MAX_MULTI_VALUES} values`, { field });
    const values = list.map((v) => {
      const c = coerce(def.type, v);
      if (c === undefined)
        throw badInput('user.customAttributes.type', `"${name}" expects ${def.type.toLowerCase()} values, got ${JSON.stringify(v)}`, { field });
      if (def.allowedValues && !def.allowedValues.some((a) => a === c || String(a) === String(c))) {
        throw badInput('user.customAttributes.notAllowed', `${JSON.stringify(c)} is not an allowed value of "${name}"`, { field });
      }
      return c;
    });
    out[name] = def.multiValued ? [...new Set(values)] : values[0]!;
  }
  for (const def of definitions.values()) {
    if (!def.required) continue;
    const after = def.name in out ? out[def.name] : merged[def.name];
    if (after === undefined || after === null) {
      throw badInput('user.customAttributes.required', `"${def.name}" is required`, { field: `customAttributes.${def.name}` });
    }
  }
  return out;
}

function normalizeAllowed(type: CustomAttributeType, allowed: Array<string | number> | null | undefined): Array<string | number> | null {
  if (allowed === undefined || allowed === null) return null;
  if (!Array.isArray(allowed) || allowed.length === 0) return null;
  if (allowed.length > MAX_ALLOWED_VALUES)
    throw badInput('customAttribute.allowedValues.tooMany', `at most ${MAX_ALLOWED_VALUES} allowed values`, { field: 'allowedValues' });
  if (type === 'BOOLEAN') throw badInput('customAttribute.allowedValues.boolean', 'boolean attributes take no allowed-values list', { field: 'allowedValues' });
  return [
    ...new Set(
      allowed.map((a) => {
        const c = coerce(type, a);
        if (c === undefined || typeof c === 'boolean')
          throw badInput('customAttribute.allowedValues.type', `allowed value ${JSON.stringify(a)} is not a ${type.toLowerCase()}`, { field: 'allowedValues' });
        return c;
      }),
    ),
  ];
}

function displayNameOf(v: unknown, fallback: string): string {
  const d = typeof v === 'string' ? v.trim() : '';
  if (d.length > 200) throw badInput('customAttribute.displayName.tooLong', 'displayName is longer than 200 characters', { field: 'displayName' });
  return d || fallback;
}

export async function listDefinitions(ctx: CoreContext, organizationId: string): Promise<DefinitionValues[]> {
  authorize(ctx, organizationId, 'readSettings');
  return [...(await loadOrgConfig(ctx.em, organizationId)).definitions.values()];
}

export async function defineCustomAttribute(ctx: CoreContext, organizationId: string, input: DefinitionInput): Promise<DefinitionValues> {
  authorize(ctx, organizationId, 'manage');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!NAME_RE.test(name))
    throw badInput('customAttribute.name.invalid', 'name must start with a letter and contain only letters, digits and _ (at most 64)', { field: 'name' });
  if (RESERVED.has(name.toLowerCase())) throw badInput('customAttribute.name.reserved', `"${name}" is a standard or system attribute`, { field: 'name' });
  if (!CUSTOM_ATTRIBUTE_TYPES.includes(input.type))
    throw badInput('customAttribute.type.invalid', `type must be one of ${CUSTOM_ATTRIBUTE_TYPES.join(', ')}`, { field: 'type' });
  return transact(ctx, organizationId, async (em, events) => {
    const d = new CustomAttributeDefinition();
    d.organization = organizationId;
    d.name = name;
    d.displayName = displayNameOf(input.displayName, name);
    d.type = input.type;
    d.multiValued = input.multiValued === true;
    d.allowedValues = normalizeAllowed(d.type, input.allowedValues);
    d.required = input.required === true;
    if (d.required) {
      const rows = await sql(em, 'select 1 from users where organization_id = ? limit 1', [organizationId]);
      if (rows.length)
        throw badInput('customAttribute.required.existingUsers', 'a new attribute cannot be required while users exist (they have no value yet)', {
          field: 'required',
        });
    }
    em.persist(d);
    await em.flush().catch((e) => {
      if ((e as { code?: string }).code === '23505')
        throw new AppError('CONFLICT', 'customAttribute.name.conflict', `a custom attribute named "${name}" already exists`, { field: 'name' });
      throw e;
    });
    await configChanged(em, events, organizationId);
    events.push({
      type: 'CUSTOM_ATTRIBUTE_DEFINED',
      subjectType: 'CUSTOM_ATTRIBUTE',
      subjectId: d.id,
      subjectLabel: d.name,
      changes: Object.fromEntries(
        ['name', 'displayName', 'type', 'multiValued', 'allowedValues', 'required'].map((k) => [
          k,
          { before: null, after: (d as unknown as Record<string, unknown>)[k] },
        ]),
      ),
    });
    return rowToDefinition(d as unknown as Record<string, unknown>);
  });
}

async function lockDefinition(em: CoreContext['em'], organizationId: string, name: string): Promise<CustomAttributeDefinition> {
  const d = await em.findOne(CustomAttributeDefinition, { organization: organizationId, name }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!d) throw notFound('customAttribute');
  return d;
}

/** Users that hold a value for the attribute (the GIN index answers `@>` but not key existence). */
async function valueCount(em: CoreContext['em'], organizationId: string, name: string): Promise<number> {
  const rows = await sql<{ n: string }>(em, `select count(*) as n from users where organization_id = ? and custom_attributes->? is not null`, [
    organizationId,
    name,
  ]);
  return Number(rows[0]!.n);
}

export async function updateCustomAttribute(ctx: CoreContext, organizationId: string, name: string, input: DefinitionUpdate): Promise<DefinitionValues> {
  authorize(ctx, organizationId, 'manage');
  return transact(ctx, organizationId, async (em, events) => {
    const d = await lockDefinition(em, organizationId, name);
    const changes: FieldChanges = {};
    const set = <K extends 'displayName' | 'type' | 'allowedValues' | 'required'>(k: K, v: CustomAttributeDefinition[K]) => {
      if (JSON.stringify(d[k]) === JSON.stringify(v)) return;
      changes[k] = { before: d[k], after: v };
      d[k] = v;
    };
    if (input.type != null && input.type !== d.type) {
      if (!CUSTOM_ATTRIBUTE_TYPES.includes(input.type))
        throw badInput('customAttribute.type.invalid', `type must be one of ${CUSTOM_ATTRIBUTE_TYPES.join(', ')}`, { field: 'type' });
      const n = await valueCount(em, organizationId, name);
      if (n > 0) {
        throw new AppError(
          'CONFLICT',
          'customAttribute.type.hasValues',
          `cannot change the type of "${name}": ${n} user(s) have values; delete the attribute (and its values) or clear them first`,
          { field: 'type', usersWithValues: n },
        );
      }
      set('type', input.type);
    }
    if (input.displayName !== undefined && input.displayName !== null) set('displayName', displayNameOf(input.displayName, d.name));
    if (input.allowedValues !== undefined) {
      const allowed = normalizeAllowed(d.type, input.allowedValues);
      if (allowed) {
        const list = JSON.stringify(allowed);
        // refuse to shrink the list below values users already hold
        const bad = await sql<{ n: string }>(
          em,
          `select count(*) as n from users u, jsonb_array_elements(case jsonb_typeof(u.custom_attributes->?) when 'array' then u.custom_attributes->? else jsonb_build_array(u.custom_attributes->?) end) v
            where u.organization_id = ? and u.custom_attributes->? is not null and not (?::jsonb @> jsonb_build_array(v))`,
          [name, name, name, organizationId, name, list],
        );
        if (Number(bad[0]!.n) > 0)
          throw new AppError('CONFLICT', 'customAttribute.allowedValues.inUse', `users hold values of "${name}" outside the new list`, {
            field: 'allowedValues',
          });
      }
      set('allowedValues', allowed);
    }
    if (input.required != null && input.required !== d.required) {
      if (input.required) {
        const missing = await sql<{ n: string }>(em, `select count(*) as n from users where organization_id = ? and custom_attributes->? is null`, [
          organizationId,
          name,
        ]);
        if (Number(missing[0]!.n) > 0)
          throw new AppError('CONFLICT', 'customAttribute.required.missingValues', `${missing[0]!.n} user(s) have no value for "${name}"`, {
            field: 'required',
          });
      }
      set('required', input.required);
    }
    if (Object.keys(changes).length === 0) return rowToDefinition(d as unknown as Record<string, unknown>);
    d.version += 1;
    d.updatedAt = new Date();
    await configChanged(em, events, organizationId);
    events.push({ type: 'CUSTOM_ATTRIBUTE_UPDATED', subjectType: 'CUSTOM_ATTRIBUTE', subjectId: d.id, subjectLabel: d.name, changes });
    return rowToDefinition(d as unknown as Record<string, unknown>);
  });
}

/** Deletes the definition and, set-based, every user's value of it (each such user's version grows). */
export async function deleteCustomAttribute(ctx: CoreContext, organizationId: string, name: string): Promise<{ name: string; usersChanged: number }> {
  authorize(ctx, organizationId, 'manage');
  return transact(ctx, organizationId, async (em, events) => {
    const d = await lockDefinition(em, organizationId, name);
    const changed = await sql<{ id: string }>(
      em,
      `update users set custom_attributes = custom_attributes - ?, attribute_sources = attribute_sources - ?, version = version + 1, updated_at = now()
        where organization_id = ? and custom_attributes->? is not null returning id`,
      [name, `custom:${name}`, organizationId, name],
    );
    em.remove(d);
    await configChanged(em, events, organizationId);
    events.push({
      type: 'CUSTOM_ATTRIBUTE_DELETED',
      subjectType: 'CUSTOM_ATTRIBUTE',
      subjectId: d.id,
      subjectLabel: d.name,
      data: { usersChanged: changed.length },
    });
    return { name, usersChanged: changed.length };
  });
}
