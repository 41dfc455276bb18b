/**
 * Deterministic fuzzing of the SCIM filter and PATCH path parsers.
 *
 * Robustness: for garbage, mutated, deeply nested and very long inputs, every call must either
 * return or throw a well-formed ScimParseError — never a TypeError, RangeError (stack overflow) etc.
 * Correctness: random valid ASTs are printed (with random spacing, keyword case, redundant
 * parentheses and string escapes) and must parse back to the same AST.
 *
 * All randomness comes from a seeded PRNG, so a failure reproduces exactly; failures report the
 * offending input (JSON-encoded, truncated).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttrPath, CompareOp, CompareValue, FilterNode } from '../../src/scim/filter-ast.js';
import { MAX_FILTER_LENGTH, ScimParseError, parseFilter } from '../../src/scim/filter-parser.js';
import { parsePatchPath, type PatchPath } from '../../src/scim/path-parser.js';

const CASES = 5_000;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: tiny, fast, good enough for test-case generation. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

// ---------------------------------------------------------------------------------------------
// The robustness oracle

type Parser = (input: string) => unknown;
const PARSERS: Array<{ name: string; parse: Parser; scimType: ScimParseError['scimType'] }> = [
  { name: 'parseFilter', parse: parseFilter, scimType: 'invalidFilter' },
  { name: 'parsePatchPath', parse: parsePatchPath, scimType: 'invalidPath' },
];

const show = (input: string) => JSON.stringify(input.length > 200 ? input.slice(0, 200) + '…' : input) + ` (length ${input.length})`;

/**
 * Runs both parsers on every input and fails listing the first few inputs that threw anything
 * other than a well-formed ScimParseError. Collecting first keeps the hot loop free of asserts.
 * Returns how many inputs each parser accepted, so tests can check the generator is not trivial.
 */
function assertOnlyScimErrors(inputs: Iterable<string>): { total: number; accepted: Record<string, number> } {
  const problems: string[] = [];
  const accepted: Record<string, number> = { parseFilter: 0, parsePatchPath: 0 };
  let total = 0;
  for (const input of inputs) {
    total++;
    for (const { name, parse, scimType } of PARSERS) {
      try {
        parse(input);
        accepted[name]!++;
      } catch (err) {
        const problem = describeBadError(err, input, scimType);
        if (problem !== undefined && problems.length < 5) problems.push(`${name}(${show(input)}): ${problem}`);
      }
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
  return { total, accepted };
}

function describeBadError(err: unknown, input: string, scimType: string): string | undefined {
  if (!(err instanceof ScimParseError)) return `threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  if (err.scimType !== scimType) return `scimType ${err.scimType}`;
  if (!Number.isInteger(err.position) || err.position < 0 || err.position > input.length) return `bad position ${err.position}`;
  if (!err.message.includes(`at position ${err.position}`)) return `message without position: ${err.message}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Random text

/** Pieces that make garbage likely to get past the first token and into deeper parser states. */
const TOKENS = [
  'userName',
  'emails',
  'name.familyName',
  'members.$ref',
  'value',
  'type',
  'urn:ietf:params:scim:schemas:core:2.0:User:',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
  'eq',
  'NE',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
  'pr',
  'and',
  'OR',
  'not',
  'not (',
  'true',
  'false',
  'null',
  '"work"',
  '"',
  '\\',
  '\\u00e9',
  '\\u',
  '(',
  ')',
  '[',
  ']',
  '.',
  ':',
  ' ',
  ' ',
  ' ',
  '\t',
  '\n',
  '1',
  '-1.5e3',
  '0',
  '01',
  '$ref',
  '"\\"',
  '""',
];

function randomChar(rng: Rng): string {
  const kind = rng.int(0, 9);
  if (kind <= 4) return String.fromCharCode(rng.int(0x20, 0x7e)); // printable ASCII
  if (kind === 5) return rng.pick(['(', ')', '[', ']', '"', '\\', '.', ':', ' ', '$']);
  if (kind === 6) return String.fromCharCode(rng.int(0, 0x1f)); // control characters
  if (kind === 7) return String.fromCharCode(rng.int(0x80, 0xffff)); // BMP, including lone surrogates
  if (kind === 8) return String.fromCodePoint(rng.int(0x10000, 0x10ffff)); // astral
  return rng.pick(['\u212a', '\u0130', '\u017f', '\u00a0', '\u2028', '\ufeff', '\u0000']); // case-mapping and whitespace oddities
}

function randomGarbage(rng: Rng): string {
  const length = rng.int(0, 120);
  let out = '';
  while (out.length < length) out += rng.chance(0.35) ? rng.pick(TOKENS) : randomChar(rng);
  return out;
}

/** Applies 1–5 random edits at character or token level. */
function mutate(rng: Rng, input: string): string {
  let s = input;
  for (let edits = rng.int(1, 5); edits > 0; edits--) {
    const at = rng.int(0, s.length);
    switch (rng.int(0, 6)) {
      case 0: // insert a character
        s = s.slice(0, at) + randomChar(rng) + s.slice(at);
        break;
      case 1: // delete a character
        s = s.slice(0, at) + s.slice(at + 1);
        break;
      case 2: // swap two adjacent characters
        if (at + 1 < s.length) s = s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
        break;
      case 3: // insert a token
        s = s.slice(0, at) + rng.pick(TOKENS) + s.slice(at);
        break;
      case 4: // duplicate a slice
        s = s.slice(0, at) + s.slice(at, at + rng.int(1, 20)) + s.slice(at);
        break;
      default:
        s = mutateTokens(rng, s);
    }
  }
  return s;
}

/** Deletes, duplicates or swaps whitespace-separated tokens. */
function mutateTokens(rng: Rng, s: string): string {
  const words = s.split(' ');
  if (words.length < 2) return s;
  const i = rng.int(0, words.length - 1);
  const j = rng.int(0, words.length - 1);
  const op = rng.int(0, 2);
  if (op === 0) words.splice(i, 1);
  else if (op === 1) words.splice(i, 0, words[j]!);
  else [words[i], words[j]] = [words[j]!, words[i]!];
  return words.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Random valid ASTs and a printer

const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const SCHEMAS = [
  'urn:ietf:params:scim:schemas:core:2.0:User',
  'urn:ietf:params:scim:schemas:core:2.0:Group',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
];
const NAME_START = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NAME_CHARS = NAME_START + '0123456789-_';
/** and/or/not are reserved in filter attribute positions. */
const RESERVED = new Set(['and', 'or', 'not']);

function randomName(rng: Rng, allowRef: boolean): string {
  if (allowRef && rng.chance(0.05)) return rng.pick(['$ref', '$REF']);
  let name = rng.pick([...NAME_START]);
  for (let n = rng.int(0, 10); n > 0; n--) name += rng.pick([...NAME_CHARS]);
  return RESERVED.has(name.toLowerCase()) ? name + 'x' : name;
}

function randomSchema(rng: Rng): string {
  if (rng.chance(0.7)) return rng.pick(SCHEMAS);
  let urn = 'urn';
  for (let n = rng.int(1, 5); n > 0; n--) {
    let segment = '';
    for (let k = rng.int(1, 6); k > 0; k--) segment += rng.pick([...(NAME_CHARS + '.')]);
    urn += ':' + segment;
  }
  return urn;
}

/** A path at the top level (optional schema and sub-attribute) or inside brackets (a bare name). */
function randomAttrPath(rng: Rng, relative: boolean): AttrPath {
  if (relative) return { attr: randomName(rng, true) };
  const path: AttrPath = rng.chance(0.2) ? { schema: randomSchema(rng), attr: randomName(rng, false) } : { attr: randomName(rng, false) };
  if (rng.chance(0.3)) path.subAttr = randomName(rng, true);
  return path;
}

/** A value the parser accepts: any text but a NUL or an unpaired surrogate (refused as text nothing can store). */
function randomString(rng: Rng): string {
  let s = '';
  for (let n = rng.int(0, 12); n > 0; n--) s += rng.chance(0.7) ? String.fromCharCode(rng.int(0x20, 0x7e)) : randomChar(rng);
  return s.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?');
}

function randomNumber(rng: Rng): number {
  const kind = rng.int(0, 3);
  const n =
    kind === 0
      ? rng.int(-1000, 1000)
      : kind === 1
        ? Math.round((rng.float() - 0.5) * 1e6) / 1000
        : kind === 2
          ? (rng.float() - 0.5) * 10 ** rng.int(-30, 30)
          : rng.int(0, 2 ** 53);
  return n === 0 ? 0 : n; // no -0: it prints as "0"
}

function randomComparison(rng: Rng, relative: boolean): FilterNode {
  const path = randomAttrPath(rng, relative);
  const roll = rng.int(0, 9);
  if (roll === 0) return { op: 'pr', path };
  if (roll === 1) return { op: rng.pick(['eq', 'ne'] as const), path, value: rng.pick([true, false, null]) };
  const value: CompareValue = roll <= 3 ? randomNumber(rng) : randomString(rng);
  return { op: rng.pick(COMPARE_OPS), path, value };
}

/** A random tree; `height` bounds nesting so the printed form stays well under MAX_FILTER_DEPTH. */
function randomFilter(rng: Rng, height: number, relative: boolean): FilterNode {
  const roll = height <= 0 ? 0 : rng.int(0, 9);
  if (roll <= 3) return randomComparison(rng, relative);
  if (roll <= 6) return { op: rng.pick(['and', 'or'] as const), left: randomFilter(rng, height - 1, relative), right: randomFilter(rng, height - 1, relative) };
  if (roll <= 7) return { op: 'not', filter: randomFilter(rng, height - 1, relative) };
  if (relative) return randomComparison(rng, relative);
  const path = rng.chance(0.2) ? { schema: randomSchema(rng), attr: randomName(rng, false) } : { attr: randomName(rng, false) };
  return { op: 'valuePath', path, filter: randomFilter(rng, Math.min(height - 1, 2), true) };
}

/** Printing style; `rng` undefined prints canonically (single spaces, lower case, minimal parentheses). */
class Printer {
  constructor(private readonly rng?: Rng) {}

  filter(node: FilterNode, minPrecedence = 0): string {
    const text = this.bare(node);
    const precedence = node.op === 'or' ? 1 : node.op === 'and' ? 2 : 3;
    const needsParens = precedence < minPrecedence || (this.rng?.chance(0.05) ?? false);
    return needsParens ? `(${this.space()}${text}${this.space()})` : text;
  }

  private bare(node: FilterNode): string {
    switch (node.op) {
      case 'or': // left-associative: a right operand of the same precedence needs parentheses
        return `${this.filter(node.left, 1)}${this.gap()}${this.keyword('or')}${this.gap()}${this.filter(node.right, 2)}`;
      case 'and':
        return `${this.filter(node.left, 2)}${this.gap()}${this.keyword('and')}${this.gap()}${this.filter(node.right, 3)}`;
      case 'not':
        return `${this.keyword('not')}${this.rng?.chance(0.2) ? '' : this.gap()}(${this.space()}${this.filter(node.filter)}${this.space()})`;
      case 'valuePath':
        return `${this.path(node.path)}[${this.space()}${this.filter(node.filter)}${this.space()}]`;
      case 'pr':
        return `${this.path(node.path)}${this.gap()}${this.keyword('pr')}`;
      default:
        return `${this.path(node.path)}${this.gap()}${this.keyword(node.op)}${this.gap()}${this.value(node.value)}`;
    }
  }

  path(path: AttrPath): string {
    return (path.schema === undefined ? '' : path.schema + ':') + path.attr + (path.subAttr === undefined ? '' : '.' + path.subAttr);
  }

  private value(value: CompareValue): string {
    if (typeof value === 'string') return this.string(value);
    if (typeof value === 'number') return JSON.stringify(value);
    return this.keyword(String(value));
  }

  /** JSON.stringify, plus random \uXXXX escapes for ordinary characters to exercise decoding. */
  private string(value: string): string {
    const json = JSON.stringify(value);
    const { rng } = this;
    if (!rng?.chance(0.3)) return json;
    let out = '"';
    for (let i = 1; i < json.length - 1; i++) {
      if (json[i] === '\\') {
        const length = json[i + 1] === 'u' ? 6 : 2; // keep JSON.stringify's own escapes intact
        out += json.slice(i, i + length);
        i += length - 1;
      } else {
        out += rng.chance(0.3) ? '\\u' + json.charCodeAt(i).toString(16).padStart(4, '0') : json[i];
      }
    }
    return out + '"';
  }

  private keyword(word: string): string {
    const { rng } = this;
    if (!rng?.chance(0.3)) return word;
    return [...word].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join('');
  }

  /** Mandatory whitespace between words. */
  private gap(): string {
    return this.rng?.chance(0.2) ? this.rng.pick(['  ', '\t', ' \t ', '\n', '\r\n ']) : ' ';
  }

  /** Optional whitespace inside brackets and parentheses. */
  private space(): string {
    return this.rng?.chance(0.15) ? this.rng.pick([' ', '  ', '\t']) : '';
  }
}

function randomPatchPath(rng: Rng): PatchPath {
  const path: PatchPath = randomAttrPath(rng, false);
  if (path.subAttr === undefined && rng.chance(0.6)) {
    path.filter = randomFilter(rng, 3, true);
    if (rng.chance(0.5)) path.subAttr = randomName(rng, true);
  }
  return path;
}

function printPatchPath(printer: Printer, path: PatchPath): string {
  const base = printer.path({ ...(path.schema === undefined ? {} : { schema: path.schema }), attr: path.attr });
  if (path.filter === undefined) return printer.path(path);
  return `${base}[${printer.filter(path.filter)}]${path.subAttr === undefined ? '' : '.' + path.subAttr}`;
}

// ---------------------------------------------------------------------------------------------
// Generators for each robustness category

function* garbageInputs(seed: number): Generator<string> {
  const rng = new Rng(seed);
  for (let i = 0; i < CASES; i++) yield randomGarbage(rng);
}

const SEED_FILTERS = [
  'userName eq "bjensen"',
  `name.familyName co "O'Malley"`,
  'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
  'title pr and userType eq "Employee"',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  'emails[type eq "work"].value',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
  'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
  'a eq -1.5e3 or b eq "\\u00e9\\"\\\\" and c eq null',
];

function* mutatedInputs(seed: number): Generator<string> {
  const rng = new Rng(seed);
  const printer = new Printer(rng);
  for (let i = 0; i < CASES; i++) {
    const base = rng.chance(0.5) ? rng.pick(SEED_FILTERS) : printer.filter(randomFilter(rng, 4, false));
    yield mutate(rng, base);
  }
}

function* deeplyNestedInputs(seed: number): Generator<string> {
  const rng = new Rng(seed);
  for (const n of [100_000, 50_000, MAX_FILTER_LENGTH, 2_000, 1_000, 33, 32]) {
    yield '('.repeat(n);
    yield '('.repeat(n) + 'a pr' + ')'.repeat(n);
    yield 'not ('.repeat(n);
    yield 'a['.repeat(n);
    yield 'emails[' + '('.repeat(n) + 'a pr' + ')'.repeat(n) + ']';
    yield ')'.repeat(n);
  }
  const openers = ['(', 'not (', 'not(', '( ', 'a[', 'emails[', 'x eq 1 and (', 'NOT ( '];
  const closers = [')', ']', ' )', ''];
  for (let i = 0; i < CASES; i++) {
    const depth = rng.chance(0.9) ? rng.int(1, 60) : rng.int(60, 1_500);
    const opener = rng.pick(openers);
    let s = rng.chance(0.5) ? opener.repeat(depth) : Array.from({ length: depth }, () => rng.pick(openers)).join('');
    s += rng.pick(['a pr', 'b eq "x"', '', 'c[d pr]', '"', 'x eq']);
    const closer = rng.pick(closers);
    s += closer.repeat(rng.chance(0.5) ? depth : rng.int(0, depth + 2));
    yield s;
  }
}

function* longInputs(seed: number): Generator<string> {
  const rng = new Rng(seed);
  yield 'a'.repeat(1_000_000);
  yield '"'.repeat(200_000);
  yield 'a eq "' + 'x'.repeat(500_000) + '"';
  // Printing a fresh comparison per term would dominate the run time; a pool is just as good here.
  const printer = new Printer(rng);
  const pool = Array.from({ length: 64 }, () => printer.filter(randomComparison(rng, false)));
  for (let i = 0; i < CASES; i++) {
    // mostly "long" rather than maximal, to keep the run time down; 20% right at the limit
    const target = rng.chance(0.8) ? rng.int(300, MAX_FILTER_LENGTH) : rng.int(MAX_FILTER_LENGTH - 100, MAX_FILTER_LENGTH);
    const input = longInput(rng, pool, target);
    // 10% just over the limit: these must be rejected up front, whatever they contain
    yield rng.chance(0.1) ? input + ' or b pr'.repeat(rng.int(1, 1_000)) : input;
  }
}

/**
 * Inputs of about `target` characters: long chains, long strings, long names, long numbers,
 * repeated garbage. The fixed-shape kinds (1–4) vary only in length, so they get less weight.
 */
function longInput(rng: Rng, pool: readonly string[], target: number): string {
  switch (rng.pick([0, 0, 0, 0, 1, 2, 3, 4, 5, 5])) {
    case 0: {
      const parts = [rng.pick(pool)];
      for (let length = parts[0]!.length; length < target; length += parts[parts.length - 1]!.length + 5)
        parts.push(rng.pick([' and ', ' or  ', ' AND ']), rng.pick(pool));
      const s = parts.join('');
      return rng.chance(0.7) ? s.slice(0, s.lastIndexOf(' ', target)) : s.slice(0, target);
    }
    case 1:
      return 'userName eq "' + 'x\\u00e9\\"'.repeat(Math.ceil(target / 9)).slice(0, target - 14) + (rng.chance(0.5) ? '"' : '');
    case 2:
      return 'a'.repeat(target - 5) + rng.pick([' pr', '.b pr', '[', ':x']);
    case 3:
      return 'n eq ' + '9'.repeat(target - 5);
    case 4:
      return 'emails[' + 'type eq "work" or '.repeat(Math.floor(target / 19)) + 'x pr]';
    default: {
      const chunk = randomGarbage(rng) || '(';
      return chunk.repeat(Math.ceil(target / chunk.length)).slice(0, target);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Tests

describe('fuzz: parsers only ever throw ScimParseError', () => {
  test(`${CASES} random garbage strings (printable, control, unicode, surrogates)`, () => {
    const { total } = assertOnlyScimErrors(garbageInputs(1));
    assert.ok(total >= CASES);
  });

  test(`${CASES} mutations of valid filters and paths`, () => {
    const { total, accepted } = assertOnlyScimErrors(mutatedInputs(2));
    assert.ok(total >= CASES);
    // the mutations should be mild enough that some still parse (i.e. they reach deep parser states)
    assert.ok(accepted.parseFilter! > 100, `only ${accepted.parseFilter} mutated filters parsed`);
  });

  test(`${CASES}+ deeply nested inputs (up to 100,000 "(")`, () => {
    const { total, accepted } = assertOnlyScimErrors(deeplyNestedInputs(3));
    assert.ok(total >= CASES);
    assert.ok(accepted.parseFilter! > 0);
  });

  test(`${CASES}+ very long inputs (around and beyond MAX_FILTER_LENGTH)`, () => {
    const { total, accepted } = assertOnlyScimErrors(longInputs(4));
    assert.ok(total >= CASES);
    assert.ok(accepted.parseFilter! > 100, `only ${accepted.parseFilter} long filters parsed`);
  });

  test('whatever parses re-prints to an equivalent filter (idempotence on mutated input)', () => {
    const canonical = new Printer();
    let checked = 0;
    for (const input of mutatedInputs(5)) {
      let ast: FilterNode;
      try {
        ast = parseFilter(input);
      } catch {
        continue;
      }
      assert.deepEqual(parseFilter(canonical.filter(ast)), ast, show(input));
      checked++;
    }
    assert.ok(checked > 100, `only ${checked} mutated inputs parsed`);
  });
});

describe('fuzz: random valid filters round-trip', () => {
  test(`${CASES} random filter ASTs print and parse back identically`, () => {
    const rng = new Rng(6);
    const printers = [new Printer(), new Printer(rng)];
    let checked = 0;
    for (let i = 0; checked < CASES; i++) {
      const ast = randomFilter(rng, rng.int(0, 6), false);
      const text = printers[i % 2]!.filter(ast);
      if (text.length > MAX_FILTER_LENGTH) continue;
      let parsed: FilterNode;
      try {
        parsed = parseFilter(text);
      } catch (err) {
        assert.fail(`${show(text)} was rejected: ${String(err)}`);
      }
      assert.deepEqual(parsed, ast, show(text));
      checked++;
    }
  });

  test(`${CASES} random PATCH paths print and parse back identically`, () => {
    const rng = new Rng(7);
    const printers = [new Printer(), new Printer(rng)];
    for (let i = 0; i < CASES; i++) {
      const path = randomPatchPath(rng);
      const text = printPatchPath(printers[i % 2]!, path);
      let parsed: PatchPath;
      try {
        parsed = parsePatchPath(text);
      } catch (err) {
        assert.fail(`${show(text)} was rejected: ${String(err)}`);
      }
      assert.deepEqual(parsed, path, show(text));
    }
  });
});
