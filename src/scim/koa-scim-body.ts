import type Koa from 'koa';
import { ScimError } from './scim-error.js';

/** application/scim+json (RFC 7644 §3.1) and application/json, with any parameters such as charset. */
const JSON_TYPES = /^application\/(scim\+)?json\s*(;.*)?$/i;

/**
 * Reads and parses a JSON request body with a size limit. Too large → 413; not JSON → 400
 * invalidSyntax; a non-JSON content type or a charset other than UTF-8 → 415. Returns undefined
 * for an empty body.
 */
export async function readJsonBody(ctx: Koa.Context, limit: number): Promise<unknown> {
  const declared = Number(ctx.get('content-length') || NaN);
  if (declared > limit) throw new ScimError(413, undefined, `request body is larger than ${limit} bytes`);
  const type = ctx.get('content-type');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ScimError(413, undefined, `request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  if (type && !JSON_TYPES.test(type)) throw new ScimError(415, undefined, `Content-Type must be application/scim+json or application/json, not ${type}`);
  // JSON is UTF-8 (RFC 8259 §8.1): another declared charset would be read wrongly, so refuse it
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) throw new ScimError(415, undefined, `the body must be UTF-8 (RFC 8259), not charset=${charset}`);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ScimError(400, 'invalidSyntax', `the body is not valid JSON: ${(err as Error).message}`);
  }
}
