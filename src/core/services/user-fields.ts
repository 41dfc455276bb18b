import { AppError, badInput } from '../errors.js';
import { foldKey, HISTORY_MARK } from '../keys.js';
import { isUuid } from '../../shared/ids.js';
import { USER_ROLES, type Address, type CustomAttributeValue, type MultiValue, type UserRole } from '../entities/user.js';

/**
 * The writable attributes of a user, as every source (GraphQL, SCIM, SAML) hands them to the core.
 * In an update, `undefined` leaves a field alone and `null` clears it.
 */
export interface UserFields {
  userName?: string;
  externalId?: string | null;
  active?: boolean;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  honorificPrefix?: string | null;
  honorificSuffix?: string | null;
  formattedName?: string | null;
  displayName?: string | null;
  nickName?: string | null;
  profileUrl?: string | null;
  title?: string | null;
  userType?: string | null;
  locale?: string | null;
  preferredLanguage?: string | null;
  timezone?: string | null;
  employeeNumber?: string | null;
  costCenter?: string | null;
  organizationName?: string | null;
  division?: string | null;
  department?: string | null;
  managerId?: string | null;
  emails?: MultiValue[] | null;
  phoneNumbers?: MultiValue[] | null;
  addresses?: Address[] | null;
  role?: UserRole;
  /** Merged into the user's values; a key set to null removes that value. */
  customAttributes?: Record<string, CustomAttributeValue> | null;
}

/** Plain optional text attributes: same rules, stored as given (trimmed), empty meaning absent. */
export const TEXT_FIELDS = [
  'givenName',
  'familyName',
  'middleName',
  'honorificPrefix',
  'honorificSuffix',
  'formattedName',
  'displayName',
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'employeeNumber',
  'costCenter',
  'organizationName',
  'division',
  'department',
] as const;

const MAX_TEXT = 1024;
const MAX_USERNAME = 256;
const MAX_MULTI = 50;
// control characters other than tab are never legitimate in identity attributes

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

function text(field: string, v: unknown, max = MAX_TEXT): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw badInput(`user.${field}.invalid`, `${field} must be a string`, { field });
  const t = v.trim();
  if (t.length > max) throw badInput(`user.${field}.tooLong`, `${field} is longer than ${max} characters`, { field });
  if (CONTROL.test(t)) throw badInput(`user.${field}.invalid`, `${field} contains control characters`, { field });
  return t === '' ? null : t;
}

/**
 * Characters a login name cannot hold though other text may: tab and line breaks, and the invisible
 * ones that make two names look alike or reorder how one displays (zero-width space, word joiner,
 * byte order mark, bidirectional overrides and isolates). Joiners (U+200C/D) stay: scripts need them.
 */
const USERNAME_INVISIBLE = /[\t\n\r\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

export function normalizeUserName(v: unknown): string {
  const t = text('userName', v, MAX_USERNAME);
  if (!t) throw badInput('user.userName.required', 'userName is required and may not be blank', { field: 'userName' });
  if (USERNAME_INVISIBLE.test(t))
    throw badInput('user.userName.invalid', 'userName contains a line break, tab or invisible formatting character', { field: 'userName' });
  if (foldKey(t).includes(HISTORY_MARK))
    throw badInput('user.userName.reserved', `userName may not contain "${HISTORY_MARK}": it marks the history copies that reactivation as a new user keeps`, {
      field: 'userName',
    });
  return t;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;
const LOCALE_RE = /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/;

function multi(field: string, v: unknown, validate?: (value: string) => boolean): MultiValue[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw badInput(`user.${field}.invalid`, `${field} must be a list`, { field });
  if (v.length > MAX_MULTI) throw badInput(`user.${field}.tooMany`, `${field} has more than ${MAX_MULTI} values`, { field });
  const out: MultiValue[] = [];
  for (const item of v) {
    if (!item || typeof item !== 'object') throw badInput(`user.${field}.invalid`, `each of ${field} must be an object`, { field });
    const value = text(`${field}.value`, (item as MultiValue).value);
    if (!value) throw badInput(`user.${field}.value.required`, `each of ${field} needs a value`, { field });
    if (validate && !validate(value)) throw badInput(`user.${field}.value.invalid`, `"${value}" is not a valid ${field} value`, { field });
    const mv: MultiValue = { value, type: text(`${field}.type`, (item as MultiValue).type, 64), primary: (item as MultiValue).primary === true };
    const display = text(`${field}.display`, (item as MultiValue).display);
    if (display) mv.display = display;
    out.push(mv);
  }
  primaries(field, out);
  return out;
}

function primaries(field: string, items: Array<{ primary?: boolean }>): void {
  if (items.filter((i) => i.primary).length > 1) {
    throw badInput(`user.${field}.primary.multiple`, `at most one of ${field} may be primary`, { field });
  }
}

const ADDRESS_PARTS = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'] as const;

function addresses(v: unknown): Address[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw badInput('user.addresses.invalid', 'addresses must be a list', { field: 'addresses' });
  if (v.length > MAX_MULTI) throw badInput('user.addresses.tooMany', `addresses has more than ${MAX_MULTI} values`, { field: 'addresses' });
  const out = v
    .map((item) => {
      if (!item || typeof item !== 'object') throw badInput('user.addresses.invalid', 'each address must be an object', { field: 'addresses' });
      const a: Address = { type: text('addresses.type', (item as Address).type, 64), primary: (item as Address).primary === true };
      for (const p of ADDRESS_PARTS) a[p] = text(`addresses.${p}`, (item as Address)[p]);
      return a;
    })
    .filter((a) => ADDRESS_PARTS.some((p) => a[p] !== null)); // an address of empty strings says nothing (IdPs send one for an empty profile)
  primaries('addresses', out);
  return out;
}

const CUSTOM_KEY_RE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

function customAttributes(v: unknown): Record<string, CustomAttributeValue> {
  if (v === null || v === undefined) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw badInput('user.customAttributes.invalid', 'customAttributes must be an object', { field: 'customAttributes' });
  }
  for (const [k, val] of Object.entries(v)) {
    if (!CUSTOM_KEY_RE.test(k))
      throw badInput('user.customAttributes.name.invalid', `"${k}" is not a valid custom attribute name`, { field: `customAttributes.${k}` });
    // a bound before the values are read (a definition allows fewer, custom-attributes.ts): said as such, not as a wrong type
    if (Array.isArray(val) && val.length > 1000)
      throw badInput('user.customAttributes.tooMany', `custom attribute "${k}" has more than 1000 values (${val.length})`, {
        field: `customAttributes.${k}`,
      });
    const ok = val === null || scalar(val) || (Array.isArray(val) && val.every(scalar));
    if (!ok)
      throw badInput('user.customAttributes.value.invalid', `custom attribute "${k}" must be a string, number, boolean or a list of them`, {
        field: `customAttributes.${k}`,
      });
  }
  return v as Record<string, CustomAttributeValue>;
}

/** Whether `input` carries `k` (a module function, not a closure per call: see outcomeOf in mapping-engine.ts). */
const has = (input: UserFields, k: keyof UserFields) => Object.prototype.hasOwnProperty.call(input, k) && input[k] !== undefined;

/** The validated, normalised form of `input`; only the keys present in `input` appear in the result. */
export function normalizeUserFields(input: UserFields): UserFields {
  const out: UserFields = {};
  if (has(input, 'userName')) out.userName = normalizeUserName(input.userName);
  if (has(input, 'externalId')) out.externalId = text('externalId', input.externalId, 512);
  if (has(input, 'active')) {
    if (typeof input.active !== 'boolean') throw badInput('user.active.invalid', 'active must be a boolean', { field: 'active' });
    out.active = input.active;
  }
  for (const f of TEXT_FIELDS) if (has(input, f)) out[f] = text(f, input[f]);
  if (has(input, 'locale')) {
    const l = text('locale', input.locale, 35);
    if (l && !LOCALE_RE.test(l)) throw badInput('user.locale.invalid', `"${l}" is not a locale such as en-US`, { field: 'locale' });
    out.locale = l;
  }
  if (has(input, 'timezone')) {
    const tz = text('timezone', input.timezone, 64);
    if (tz) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
      } catch {
        throw badInput('user.timezone.invalid', `"${tz}" is not an IANA time zone such as America/Los_Angeles`, { field: 'timezone' });
      }
    }
    out.timezone = tz;
  }
  if (has(input, 'managerId')) {
    const m = input.managerId;
    if (m !== null && m !== '' && !isUuid(m)) throw badInput('user.managerId.invalid', 'managerId must be the id of a user', { field: 'managerId' });
    // one spelling (PostgreSQL's): a GUID in capitals names the same user, so the self check and the answer see it so
    out.managerId = m ? m.toLowerCase() : null;
  }
  if (has(input, 'emails')) out.emails = multi('emails', input.emails, (s) => EMAIL_RE.test(s));
  if (has(input, 'phoneNumbers')) out.phoneNumbers = multi('phoneNumbers', input.phoneNumbers);
  if (has(input, 'addresses')) out.addresses = addresses(input.addresses);
  if (has(input, 'role')) {
    if (!USER_ROLES.includes(input.role as UserRole)) throw badInput('user.role.invalid', `role must be one of ${USER_ROLES.join(', ')}`, { field: 'role' });
    out.role = input.role;
  }
  if (has(input, 'customAttributes')) out.customAttributes = customAttributes(input.customAttributes);
  return out;
}

/** An attribute value a sign-in left out because the user model refuses it. */
export interface RefusedField {
  field: string;
  reason: string;
  message: string;
}

/**
 * normalizeUserFields one field at a time: a value it refuses is left out and reported instead of
 * failing the whole input. For SAML sign-in, where one odd attribute (a title with a control
 * character) must not lock the person out; SCIM and the API stay strict, so the sender learns.
 */
export function normalizeUserFieldsLeniently(input: UserFields): { fields: UserFields; refused: RefusedField[] } {
  const fields: UserFields = {};
  const refused: RefusedField[] = [];
  for (const [k, v] of Object.entries(input)) {
    try {
      Object.assign(fields, normalizeUserFields({ [k]: v } as UserFields));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'BAD_USER_INPUT') throw err;
      refused.push({ field: k, reason: err.reason, message: err.message });
    }
  }
  return { fields, refused };
}
