import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { unstorableText } from '../shared/text.js';

/** How deep variables may nest: the deepest input type (a filter: 12 levels of and/or/not) with room to spare. */
export const MAX_INPUT_DEPTH = 64;

/** The first unstorable string in a JSON value, or the point where it nests too deep: its path (built only then) and why. */
function firstIn(value: unknown, depth = 0): { path: string[]; why: string; reason: string } | null {
  if (typeof value === 'string') {
    const why = unstorableText(value);
    return why ? { path: [], why, reason: 'input.text.unstorable' } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_INPUT_DEPTH) return { path: [], why: `nests deeper than ${MAX_INPUT_DEPTH} levels`, reason: 'input.tooDeep' };
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
 * Refuses, before anything runs, an operation whose inputs hold text no column can store — a NUL,
 * or half of a surrogate pair — in its variables or the string literals of its document, or whose
 * variables nest deeper than MAX_INPUT_DEPTH: BAD_USER_INPUT naming where. Without it PostgreSQL
 * rejects such text deep inside a change (or the event that records it), and graphql-js's input
 * coercion overflows the stack on a deep enough value: internal errors either way.
 */
export function checkInputValues(document: DocumentNode | null, variables: Record<string, unknown> | null | undefined): void {
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
  if (why)
    throw new GraphQLError(`${where} ${why}`, {
      extensions: { code: 'BAD_USER_INPUT', reason: hit?.reason ?? 'input.text.unstorable', http: { status: 400 } },
    });
}
