/**
 * SCIM 2.0 PATCH "path" parser (RFC 7644 §3.5.2):
 *
 *   PATH = attrPath / valuePath [subAttr]
 *
 * e.g. `active`, `name.familyName`, `emails[type eq "work"].value`, `members[value eq "id"]`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
 *
 * Shares the tokenizer, attribute-path rules and "[...]" filter parsing with filter-parser.ts, so
 * a path's bracket filter accepts exactly what a filter's `attr[...]` accepts. Every error,
 * including one inside the brackets, is a ScimParseError with scimType 'invalidPath'.
 */
import type { FilterNode } from './filter-ast.js';
import { ScimParser, type Token } from './filter-parser.js';

/** A parsed PATCH path. Optional properties are omitted (never present as `undefined`). */
export interface PatchPath {
  /** URN prefix as written, if any. */
  schema?: string;
  /** e.g. 'emails', 'members', 'name', 'active', 'employeeNumber' */
  attr: string;
  /** Filter selecting elements of a multi-valued attribute: emails[type eq "work"] */
  filter?: FilterNode;
  /** e.g. 'value' in emails[type eq "work"].value, or 'familyName' in name.familyName */
  subAttr?: string;
}

/**
 * Parses a PATCH operation's "path". Whitespace around the path and between its tokens is ignored
 * (`emails[ type eq "work" ].value`); names are returned as written.
 * @throws ScimParseError with scimType 'invalidPath' for any malformed input.
 */
export function parsePatchPath(input: string): PatchPath {
  const parser = new ScimParser(input, 'invalidPath');
  const first = parser.lexer.next();
  if (first.kind === 'end') parser.failAt('the path is empty', first.pos);
  if (first.kind !== 'word') parser.failAtToken('expected an attribute name', first);
  const path: PatchPath = parser.parseAttrPath(first, false);
  if (parser.lexer.peek().kind === '[') {
    const open = parser.lexer.next();
    parser.rejectSubAttrBeforeBracket(path, first);
    path.filter = parser.parseBracketFilter(open, 0);
    const subAttr = parseSubAttrAfterBracket(parser);
    if (subAttr !== undefined) path.subAttr = subAttr;
  }
  parser.expectEnd();
  return path;
}

/** The optional ".subAttr" after "]" (which the tokenizer reads as one word starting with "."). */
function parseSubAttrAfterBracket(parser: ScimParser): string | undefined {
  const token: Token = parser.lexer.peek();
  if (token.kind !== 'word') return undefined;
  if (!token.text.startsWith('.')) parser.failAtToken('expected "." and a sub-attribute name or the end of the path after "]"', token);
  parser.lexer.next();
  const name = token.text.slice(1);
  const dot = name.indexOf('.');
  if (dot >= 0) parser.failAt('only one level of sub-attribute is allowed', token.pos + 1 + dot);
  return parser.parseName(name, token.pos + 1, 'sub-attribute');
}
