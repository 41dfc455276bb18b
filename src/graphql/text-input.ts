import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** A NUL character or any surrogate: the strings worth the exact check below. */
const SUSPECT = /[\u0000\ud800-\udfff]/;
/** A NUL character, or a UTF-16 surrogate that is not half of a pair. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored as text (PostgreSQL refuses both; a lone surrogate is no character), or null. */
export function unstorableText(s: string): string | null {
  if (!SUSPECT.test(s)) return null; // the common case, with a cheaper expression
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'contains a NUL character (\\u0000)' : 'contains an unpaired UTF-16 surrogate (not a character)';
}

/** The first unstorable string in a JSON value: its path (built only when there is one) and why. */
function firstIn(value: unknown, depth = 0): { path: string[]; why: string } | null {
  if (typeof value === 'string') {
    const why = unstorableText(value);
    return why ? { path: [], why } : null;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = firstIn(value[i], depth + 1);
      if (hit) return (hit.path.unshift(`[${i}]`), hit);
    }
    return null;
  }
  for (const k in value) {
    const hit = firstIn(k, depth + 1) ?? firstIn((value as Record<string, unknown>)[k], depth + 1);
    if (hit) return (hit.path.unshift(`.${k}`), hit);
  }
  return null;
}

/**
 * Refuses an operation whose string inputs (variables, and string literals of the document) hold
 * text no column can store — a NUL, or half of a surrogate pair — with BAD_USER_INPUT naming where,
 * before anything runs. Without it PostgreSQL rejects the statement deep inside a change (or the
 * event that records it) and the caller gets an internal error.
 */
export function checkTextInput(document: DocumentNode | null, variables: Record<string, unknown> | null | undefined): void {
  let where: string | null = null;
  let why: string | null = null;
  const hit = variables ? firstIn(variables) : null;
  if (hit) {
    where = `variable ${hit.path.join('').slice(1)}`;
    why = hit.why;
  } else if (document) {
    visit(document, {
      [Kind.STRING](node) {
        why ??= unstorableText(node.value);
      },
    });
    where = 'a string in the operation';
  }
  if (why) throw new GraphQLError(`${where} ${why}`, { extensions: { code: 'BAD_USER_INPUT', reason: 'input.text.unstorable', http: { status: 400 } } });
}
