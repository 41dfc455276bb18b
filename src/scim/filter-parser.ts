/**
 * SCIM 2.0 filter parser (RFC 7644 §3.4.2.2).
 *
 * Pure and self-contained: a single-pass tokenizer feeding a recursive-descent parser. Every loop
 * advances through the input, the input length is capped (MAX_FILTER_LENGTH) and recursion only
 * happens per nesting level, which is capped too (MAX_FILTER_DEPTH). So parsing is linear in the
 * input, cannot overflow the stack, and the only thing it ever throws is a ScimParseError whose
 * message names what was wrong and the 0-based character position where it was found.
 *
 * The PATCH path parser (path-parser.ts) reuses the tokenizer and the `[...]` filter parsing via
 * the internal ScimParser class exported at the bottom of this file. The tree both return is
 * defined in filter-ast.ts.
 */
import type { AttrPath, CompareOp, CompareValue, FilterNode } from './filter-ast.js';
import { filteredSubAttributeComparison } from './quirks.js';
import { unstorableText } from '../shared/text.js';
import { ScimError } from './scim-error.js';

/**
 * The only error the SCIM parsers throw: a ScimError (HTTP 400, scimType invalidFilter for a filter,
 * invalidPath for a PATCH path) that also tells the 0-based index (UTF-16 code units) in the input
 * where the problem was detected, which the message repeats.
 */
export class ScimParseError extends ScimError {
  constructor(
    override readonly scimType: 'invalidFilter' | 'invalidPath',
    message: string,
    readonly position: number,
  ) {
    super(400, scimType, message);
    this.name = 'ScimParseError';
  }
}

/** Longest accepted filter (and PATCH path), in UTF-16 code units; longer input is rejected before tokenizing. */
export const MAX_FILTER_LENGTH = 4096;

/** Deepest accepted nesting; each "(...)", "not (...)" and "attr[...]" is one level. */
export const MAX_FILTER_DEPTH = 32;

/**
 * Parses a SCIM filter expression such as `userName eq "bjensen" and emails[type eq "work"]`.
 * Keywords and operators are case-insensitive; attribute names are returned as written.
 * @throws ScimParseError with scimType 'invalidFilter' for any malformed input.
 */
export function parseFilter(input: string): FilterNode {
  return new ScimParser(input, 'invalidFilter').parseWholeFilter();
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

/** @internal */
export type TokenKind = '(' | ')' | '[' | ']' | 'string' | 'word' | 'end';

/**
 * @internal
 * `text` is the raw source of the token; `value` is the decoded content of a string token (equal
 * to `text` for every other kind); `keyword` is the keyword a word spells, lower-cased ('' if
 * none) — computed once because the parser asks "is this and/or?" at every token boundary.
 */
export interface Token {
  kind: TokenKind;
  pos: number;
  text: string;
  value: string;
  keyword: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Characters that end a word: whitespace, brackets, parentheses and the string quote. */
function isDelimiter(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === QUOTE;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** 0–15 for a hex digit's character code, -1 otherwise (including NaN past the end of input). */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * @internal
 * Splits the input into tokens on demand with one token of lookahead. Tokenizing lazily means the
 * first error in reading order is the one reported (an unterminated string at the end does not
 * mask a missing operator at the start).
 */
export class Lexer {
  private offset = 0;
  private lookahead: Token | undefined;

  constructor(
    private readonly input: string,
    private readonly fail: (message: string, position: number) => never,
  ) {}

  peek(): Token {
    this.lookahead ??= this.scan();
    return this.lookahead;
  }

  next(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  private scan(): Token {
    const { input } = this;
    let i = this.offset;
    while (i < input.length && isWhitespace(input.charCodeAt(i))) i++;
    if (i >= input.length) {
      this.offset = i;
      return { kind: 'end', pos: i, text: '', value: '', keyword: '' };
    }
    const c = input.charCodeAt(i);
    if (c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d) {
      this.offset = i + 1;
      const ch = input[i] as '(' | ')' | '[' | ']';
      return { kind: ch, pos: i, text: ch, value: ch, keyword: '' };
    }
    return c === QUOTE ? this.scanString(i) : this.scanWord(i);
  }

  private scanWord(start: number): Token {
    let i = start;
    while (i < this.input.length && !isDelimiter(this.input.charCodeAt(i))) i++;
    this.offset = i;
    const text = this.input.slice(start, i);
    return { kind: 'word', pos: start, text, value: text, keyword: asciiKeyword(text) };
  }

  /** Decodes a JSON string literal (RFC 8259 §7): escapes are decoded, raw control characters are rejected. */
  private scanString(start: number): Token {
    const { input } = this;
    let value = '';
    let chunkStart = start + 1;
    let i = chunkStart;
    while (i < input.length) {
      const c = input.charCodeAt(i);
      if (c === QUOTE) {
        value += input.slice(chunkStart, i);
        // decoded \u0000 or a lone \ud800: nothing can be stored or compared as such text
        const why = unstorableText(value);
        if (why) this.fail(`the string ${why}`, start);
        this.offset = i + 1;
        return { kind: 'string', pos: start, text: input.slice(start, i + 1), value, keyword: '' };
      }
      if (c === BACKSLASH) {
        value += input.slice(chunkStart, i) + this.decodeEscape(i);
        i += input[i + 1] === 'u' ? 6 : 2;
        chunkStart = i;
      } else if (c < 0x20) {
        this.fail('control characters must be escaped inside a string', i);
      } else {
        i++;
      }
    }
    return this.fail(`unterminated string (missing closing ") starting`, start);
  }

  /** Decodes the escape sequence whose backslash is at `i`. */
  private decodeEscape(i: number): string {
    const kind = this.input[i + 1];
    if (kind === undefined) return this.fail(`unterminated string (missing closing ") ending in a backslash`, i);
    if (kind === 'u') {
      let code = 0;
      for (let k = i + 2; k < i + 6; k++) {
        const digit = hexValue(this.input.charCodeAt(k));
        if (digit < 0) return this.fail('invalid \\u escape (expected 4 hex digits)', i);
        code = code * 16 + digit;
      }
      return String.fromCharCode(code);
    }
    const simple = Object.hasOwn(SIMPLE_ESCAPES, kind) ? SIMPLE_ESCAPES[kind] : undefined;
    if (simple === undefined) return this.fail(`invalid escape ${quote('\\' + kind)} in string`, i);
    return simple;
  }
}

// ---------------------------------------------------------------------------------------------
// Words: keywords, literals and attribute paths

const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
/** Every keyword of the grammar, indexed by length for asciiKeyword. */
const KEYWORDS_BY_LENGTH: ReadonlyArray<readonly string[]> = [[], [], [...COMPARE_OPS, 'or', 'pr'], ['and', 'not'], ['true', 'null'], ['false']];

/**
 * The keyword (lower case) the word spells, ignoring ASCII case, else ''. Compares character
 * codes instead of calling toLowerCase: it is called for every word, and returning the interned
 * constant makes the later Set/=== checks cheap. ASCII-only on purpose: String#toLowerCase maps
 * a few non-ASCII letters (e.g. the Kelvin sign) onto ASCII ones, which must not spell keywords.
 */
function asciiKeyword(text: string): string {
  const candidates = KEYWORDS_BY_LENGTH[text.length];
  if (candidates === undefined) return '';
  for (const keyword of candidates) {
    let i = 0;
    // `| 0x20` maps exactly A-Z and a-z (and nothing else) onto a-z
    while (i < keyword.length && (text.charCodeAt(i) | 0x20) === keyword.charCodeAt(i)) i++;
    if (i === keyword.length) return keyword;
  }
  return '';
}

/** The lower-cased keyword a token spells, if it is one of `keywords`. */
function keywordOf(token: Token, keywords: ReadonlySet<string>): string | undefined {
  return keywords.has(token.keyword) ? token.keyword : undefined;
}

const LOGICAL = new Set(['and', 'or', 'not']);
const OPERATORS = new Set([...COMPARE_OPS, 'pr']);
const LITERALS = new Set(['true', 'false', 'null']);
/** Words that look like an attempt at a number, for a more specific error message. */
const NUMBER_START = /^[-+.]?[0-9]/;
/** RFC 8259 number; each part is deterministic, so no backtracking. */
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
/** ATTRNAME = ALPHA *(nameChar) (RFC 7643 §2.1). */
const ATTR_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** `$ref` is the one name outside ATTRNAME that SCIM defines (a sub-attribute of references such as members). */
const REF_NAME = /^\$ref$/i;
/** Schema URNs as used by SCIM: "urn:" then colon-separated, non-empty segments. */
const SCHEMA_URN = /^urn(?::[A-Za-z0-9._-]+)+$/i;

function isKeyword(token: Token, keyword: string): boolean {
  return token.keyword === keyword;
}

/** Quotes text for an error message, shortened so a 4 KB token does not flood the error response. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text);
}

// ---------------------------------------------------------------------------------------------
// Parser

/** Marker for "this word is not a literal" (null is a legitimate literal). */
const NOT_A_LITERAL = Symbol('not a literal');

/**
 * @internal Shared by parseFilter and parsePatchPath; not part of the public API.
 *
 * Grammar (RFC 7644 §3.4.2.2, keywords case-insensitive, whitespace allowed between any tokens):
 *   filter   = and *("or" and)
 *   and      = operand *("and" operand)
 *   operand  = "not" "(" filter ")" / "(" filter ")" / attrPath "[" filter "]" / attrPath "pr" / attrPath compareOp value
 * Inside "[...]" attribute paths are bare (sub-)attribute names and brackets do not nest.
 */
export class ScimParser {
  readonly lexer: Lexer;

  constructor(
    readonly input: string,
    readonly scimType: 'invalidFilter' | 'invalidPath',
  ) {
    // Guards for callers passing unvalidated JSON (e.g. a PATCH "path": 5) so they still get a ScimParseError.
    if (typeof input !== 'string') this.failAt(`the ${this.subject} must be a string`, 0);
    if (input.length > MAX_FILTER_LENGTH) this.failAt(`the ${this.subject} is longer than ${MAX_FILTER_LENGTH} characters`, MAX_FILTER_LENGTH);
    this.lexer = new Lexer(input, (message, position) => this.failAt(message, position));
  }

  /** "filter" or "path", for messages. */
  get subject(): string {
    return this.scimType === 'invalidFilter' ? 'filter' : 'path';
  }

  failAt(message: string, position: number): never {
    throw new ScimParseError(this.scimType, `${message} at position ${position}`, position);
  }

  /** Fails at `token`, saying what was found there (and optionally why it matters). */
  failAtToken(expected: string, token: Token, note?: string): never {
    const found = token.kind === 'end' ? `the end of the ${this.subject}` : quote(token.text);
    const detail = note === undefined ? found : `${found}; ${note}`;
    throw new ScimParseError(this.scimType, `${expected} at position ${token.pos} (found ${detail})`, token.pos);
  }

  parseWholeFilter(): FilterNode {
    if (this.lexer.peek().kind === 'end') this.failAt('the filter is empty', this.lexer.peek().pos);
    const filter = this.parseOr(0, false);
    this.expectEnd();
    return filter;
  }

  /** Requires the end of input, explaining the most likely mistake otherwise. */
  expectEnd(): void {
    const token = this.lexer.next();
    if (token.kind === 'end') return;
    if (token.kind === ')' || token.kind === ']') this.failAt(`unbalanced "${token.kind}"`, token.pos);
    if (this.scimType === 'invalidPath') this.failAtToken('unexpected text after the path', token);
    this.failAtToken('expected "and", "or" or the end of the filter', token);
  }

  private parseOr(depth: number, inBrackets: boolean): FilterNode {
    let left = this.parseAnd(depth, inBrackets);
    while (isKeyword(this.lexer.peek(), 'or')) {
      this.lexer.next();
      left = { op: 'or', left, right: this.parseAnd(depth, inBrackets) };
    }
    return left;
  }

  private parseAnd(depth: number, inBrackets: boolean): FilterNode {
    let left = this.parseOperand(depth, inBrackets);
    while (isKeyword(this.lexer.peek(), 'and')) {
      this.lexer.next();
      left = { op: 'and', left, right: this.parseOperand(depth, inBrackets) };
    }
    return left;
  }

  private parseOperand(depth: number, inBrackets: boolean): FilterNode {
    const token = this.lexer.next();
    if (token.kind === '(') return this.parseGroup(token, depth, inBrackets);
    // "not", "and" and "or" are reserved in filters: treating them as attribute names would turn
    // "a eq 1 and and b eq 2" or "not a eq 1" into confusing "expected an operator" errors.
    if (isKeyword(token, 'not')) return this.parseNot(depth, inBrackets);
    if (token.kind !== 'word' || keywordOf(token, LOGICAL)) this.failAtToken('expected an attribute name, "(" or "not"', token);
    return this.parseAttrExpression(token, depth, inBrackets);
  }

  private enter(depth: number, opener: Token): number {
    if (depth >= MAX_FILTER_DEPTH) this.failAt(`the ${this.subject} nests deeper than ${MAX_FILTER_DEPTH} levels`, opener.pos);
    return depth + 1;
  }

  /** "(" filter ")" — the "(" has been consumed. */
  private parseGroup(open: Token, depth: number, inBrackets: boolean): FilterNode {
    const inner = this.enter(depth, open);
    if (this.lexer.peek().kind === ')') this.failAtToken('expected a filter inside "( )"', this.lexer.peek());
    const filter = this.parseOr(inner, inBrackets);
    this.expectClose(')', open);
    return filter;
  }

  /** "not" "(" filter ")" — "not" has been consumed; RFC 7644 only allows it before a parenthesised filter. */
  private parseNot(depth: number, inBrackets: boolean): FilterNode {
    const open = this.lexer.next();
    if (open.kind !== '(') this.failAtToken('expected "(" after "not"', open);
    return { op: 'not', filter: this.parseGroup(open, depth, inBrackets) };
  }

  private expectClose(kind: ')' | ']', open: Token): void {
    const token = this.lexer.next();
    if (token.kind !== kind) this.failAtToken(`expected "and", "or" or "${kind}"`, token, `the "${open.kind}" at position ${open.pos} is not closed`);
  }

  /**
   * "attr[...]" — the "[" has been consumed. Returns the filter inside the brackets, whose paths
   * are relative to the attribute. Also used by parsePatchPath.
   */
  parseBracketFilter(open: Token, depth: number): FilterNode {
    const inner = this.enter(depth, open);
    if (this.lexer.peek().kind === ']') this.failAtToken('expected a filter inside "[ ]"', this.lexer.peek());
    const filter = this.parseOr(inner, true);
    this.expectClose(']', open);
    return filter;
  }

  /** attrPath followed by "[...]", "pr" or a comparison; `word` (the path) has been consumed. */
  private parseAttrExpression(word: Token, depth: number, inBrackets: boolean): FilterNode {
    const path = this.parseAttrPath(word, inBrackets);
    const next = this.lexer.next();
    if (next.kind === '[') {
      if (inBrackets) this.failAtToken('a "[...]" filter cannot be nested inside another', next);
      this.rejectSubAttrBeforeBracket(path, word);
      const filter = this.parseBracketFilter(next, depth);
      const after = this.lexer.peek();
      if (after.kind !== 'word' || !after.text.startsWith('.')) return { op: 'valuePath', path, filter };
      // `emails[type eq "work"].value eq "x"`: not RFC 7644 (a sub-attribute after "]" belongs to
      // PATCH paths), but what Entra ID and Microsoft's SCIM validator send
      this.lexer.next();
      const name = after.text.slice(1);
      if (name.includes('.')) this.failAt('only one level of sub-attribute is allowed', after.pos + 1 + name.indexOf('.'));
      const subAttr = this.parseName(name, after.pos + 1, 'sub-attribute');
      return filteredSubAttributeComparison(path, filter, this.parseComparison({ attr: subAttr }, after));
    }
    return this.parseComparison(path, word, next);
  }

  /** "pr" or a comparison operator and its value, after the path (`word`); `next` = the token after it, if already read. */
  private parseComparison(path: AttrPath, word: Token, next: Token = this.lexer.next()): FilterNode {
    const op = keywordOf(next, OPERATORS);
    if (op === undefined) this.failAtToken(`expected a comparison operator after ${quote(word.text)}`, next);
    if (op === 'pr') {
      this.rejectValueAfterPr();
      return { op: 'pr', path };
    }
    const value = this.parseValue(next);
    // A boolean or null is never ordered or a substring of anything, whatever the attribute's type.
    if ((typeof value === 'boolean' || value === null) && op !== 'eq' && op !== 'ne') {
      this.failAt(`"${op}" cannot compare with ${String(value)} (only "eq" and "ne" can)`, next.pos);
    }
    return { op: op as CompareOp, path, value };
  }

  /** Sub-attributes are simple (RFC 7643 §2.3.8), so "name.givenName[...]" can never select anything. */
  rejectSubAttrBeforeBracket(path: AttrPath, word: Token): void {
    if (path.subAttr !== undefined) {
      this.failAt(`"[...]" must follow a multi-valued attribute, not the sub-attribute ${quote(word.text)}`, word.pos + word.text.lastIndexOf('.'));
    }
  }

  private rejectValueAfterPr(): void {
    const next = this.lexer.peek();
    if (next.kind === 'string' || (next.kind === 'word' && this.literalOf(next) !== NOT_A_LITERAL)) {
      this.failAtToken('"pr" takes no value', next);
    }
  }

  private parseValue(op: Token): CompareValue {
    const token = this.lexer.next();
    if (token.kind === 'string') return token.value;
    const literal = token.kind === 'word' ? this.literalOf(token) : NOT_A_LITERAL;
    if (literal === NOT_A_LITERAL && NUMBER_START.test(token.text)) this.failAtToken(`invalid JSON number after ${quote(op.text)}`, token);
    if (literal === NOT_A_LITERAL) {
      this.failAtToken(`expected a value (a JSON string in double quotes, a number, true, false or null) after ${quote(op.text)}`, token);
    }
    return literal;
  }

  /** true / false / null (case-insensitive) or a JSON number. */
  private literalOf(token: Token): CompareValue | typeof NOT_A_LITERAL {
    const keyword = keywordOf(token, LITERALS);
    if (keyword !== undefined) return keyword === 'null' ? null : keyword === 'true';
    if (!NUMBER_START.test(token.text) || !JSON_NUMBER.test(token.text)) return NOT_A_LITERAL;
    const value = Number(token.text);
    if (!Number.isFinite(value)) this.failAt(`the number ${quote(token.text)} is out of range`, token.pos);
    return value;
  }

  /**
   * Splits `[schemaURN ":"] attr ["." subAttr]`. The URN itself contains colons and dots
   * ("...:2.0:User"), so the attribute starts after the LAST colon and only a dot after that
   * colon introduces a sub-attribute. Inside brackets (`relative`) only a bare name is allowed.
   */
  parseAttrPath(token: Token, relative: boolean): AttrPath {
    const { text, pos } = token;
    // indexOf first: most paths have no colon, and lastIndexOf is markedly slower in V8
    const colon = text.indexOf(':') < 0 ? -1 : text.lastIndexOf(':');
    const schema = colon >= 0 ? this.parseSchema(text.slice(0, colon), pos, relative) : undefined;
    const namesPos = pos + colon + 1;
    const names = text.slice(colon + 1);
    const dot = names.indexOf('.');
    const attr = this.parseName(dot < 0 ? names : names.slice(0, dot), namesPos, relative ? 'sub-attribute' : 'attribute');
    // Built key by key so that absent parts are absent keys, not `undefined` values (deep-equality friendly).
    const path: AttrPath = schema === undefined ? { attr } : { schema, attr };
    if (dot >= 0) {
      if (relative) this.failAt('only sub-attribute names are allowed inside "[...]"', namesPos + dot);
      const subAttr = names.slice(dot + 1);
      const secondDot = subAttr.indexOf('.');
      if (secondDot >= 0) this.failAt('only one level of sub-attribute is allowed', namesPos + dot + 1 + secondDot);
      path.subAttr = this.parseName(subAttr, namesPos + dot + 1, 'sub-attribute');
    }
    return path;
  }

  private parseSchema(schema: string, pos: number, relative: boolean): string {
    if (relative) this.failAt('a schema URN is not allowed inside "[...]" (write the sub-attribute name alone)', pos);
    if (!SCHEMA_URN.test(schema)) this.failAt(`invalid schema URN ${quote(schema)} (expected "urn:" and colon-separated segments)`, pos);
    return schema;
  }

  /** Validates an ATTRNAME; sub-attributes may also be "$ref". */
  parseName(name: string, pos: number, what: 'attribute' | 'sub-attribute'): string {
    if (name === '') this.failAt(`expected ${what === 'attribute' ? 'an attribute' : 'a sub-attribute'} name`, pos);
    if (ATTR_NAME.test(name) || (what === 'sub-attribute' && REF_NAME.test(name))) return name;
    return this.failAt(`invalid ${what} name ${quote(name)} (names start with a letter and contain only letters, digits, "-" and "_")`, pos);
  }
}
