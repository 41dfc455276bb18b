import { readFileSync } from 'node:fs';

/** Loads a recorded IdP request (test/fixtures/<idp>/<name>.json), fills {{placeholders}}, drops the _source note. */
export function fixture(path: string, vars: Record<string, string> = {}): Record<string, unknown> {
  let text = readFileSync(new URL(`../fixtures/${path}.json`, import.meta.url), 'utf8');
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{{${k}}}`, v);
  const json = JSON.parse(text) as Record<string, unknown>;
  delete json._source;
  return json;
}
