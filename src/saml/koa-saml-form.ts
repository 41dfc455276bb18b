import type Koa from 'koa';
import { MAX_SAML_RESPONSE_BASE64_LENGTH } from './validate-response.js';
import { failure, type SamlFailure } from './error-page.js';

/**
 * Largest ACS form body: a SAMLResponse at the validator's limit, URL-encoded (`+`, `/`, `=` become
 * three characters each), plus RelayState.
 */
export const MAX_ACS_BODY_BYTES = 2 * MAX_SAML_RESPONSE_BASE64_LENGTH;

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;

/** Reads an HTTP-POST binding form body with a size limit; failures are returned as data. */
export async function readSamlForm(ctx: Koa.Context, limit = MAX_ACS_BODY_BYTES): Promise<URLSearchParams | SamlFailure> {
  const tooLarge = () => failure(413, 'request.tooLarge', 'The sign-in response is too large.', `body larger than ${limit} bytes`);
  if (Number(ctx.get('content-length') || 0) > limit) return tooLarge();
  if (!FORM_TYPE.test(ctx.get('content-type'))) {
    return failure(
      400,
      'request.contentType',
      'The sign-in response did not arrive as a form post.',
      `content-type ${ctx.get('content-type').slice(0, 100) || '(none)'}`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) return tooLarge();
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
