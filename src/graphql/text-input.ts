import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** A NUL character, or a UTF-16 surrogate that is not half of a pair. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored as text (PostgreSQL refuses both; a lone surrogate is no character), or null. */
export function unstorableText(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'contains a NUL character (\\u0000)' : 'contains an unpaired UTF-16 surrogate (not a character)';
}

function firstIn(value: unknown, path: string, depth = 0): { path: string; why: string } | null {
  if (typeof value === 'string') {
    const why = unstorableText(value);
    return why ? { path, why } : null;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = firstIn(v, `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const hit = firstIn(k, `${path}.${k}`, depth + 1) ?? firstIn(v, `${path}.${k}`, depth + 1);
    if (hit) return hit;
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
  let hit = variables ? firstIn(variables, '$variables') : null;
  if (!hit && document) {
    visit(document, {
      [Kind.STRING](node) {
        const why = unstorableText(node.value);
        if (why && !hit) hit = { path: 'a string in the operation', why };
      },
    });
  }
  if (hit) {
    const where = hit.path.startsWith('$variables.') ? `variable ${hit.path.slice('$variables.'.length)}` : hit.path;
    throw new GraphQLError(`${where} ${hit.why}`, { extensions: { code: 'BAD_USER_INPUT', reason: 'input.text.unstorable', http: { status: 400 } } });
  }
}
