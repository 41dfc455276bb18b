/**
 * The one reader of ISO-8601 date-times for custom DATETIME attributes: what is stored (core
 * validation), what the GraphQL filter compares and what the SCIM adapter's filters and PATCH value
 * filters compare all go through it, so they cannot disagree.
 *
 * Accepted: `YYYY-MM-DD`, optionally followed by `T` (or `t`, or a space) and `hh:mm`,
 * `hh:mm:ss` or `hh:mm:ss.fraction`, optionally followed by `Z` (`z`) or an offset `±hh:mm` /
 * `±hhmm`. Surrounding white space is ignored.
 * - A time without an offset is UTC, never the host's time zone (`new Date("2024-05-01T12:00")`
 *   reads the host's zone; this does not).
 * - A date alone is midnight UTC.
 * - Fractions of a second beyond milliseconds are cut off (not rounded).
 * - Every field is range-checked (`2023-02-29`, `24:00`, `12:60`, an offset beyond ±23:59 are
 *   refused), and so is the result: it must lie in the years 0000–9999, where the canonical text
 *   sorts as time does.
 *
 * No Date parsing of the input text is involved: the fields are read by the expression below and
 * the instant is computed in UTC.
 */

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|([+-])(\d{2}):?(\d{2}))?)?$/;

/** Longest text considered (a date-time with nanoseconds and an offset is 35 characters). */
const MAX_LENGTH = 64;

/** The instant an ISO-8601 date or date-time names (rules above), or undefined when it names none. */
export function parseIsoDateTime(text: string): Date | undefined {
  if (typeof text !== 'string' || text.length > MAX_LENGTH) return undefined;
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', , sign, zh = '00', zm = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetHours = Number(zh);
  const offsetMinutes = Number(zm);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const millis = frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (sign !== undefined) date.setTime(date.getTime() - (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000);
  const resultYear = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || resultYear < 0 || resultYear > 9999) return undefined;
  return date;
}

/**
 * The canonical text of an ISO-8601 date or date-time: UTC with milliseconds, as
 * `Date#toISOString` writes it (`2024-05-01T12:00:00.000Z`), so that text order is time order.
 * Undefined for anything that is not such a text (other types included).
 */
export function normalizeIsoDateTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return parseIsoDateTime(value)?.toISOString();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
