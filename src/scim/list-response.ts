import { LIST_RESPONSE } from './urns.js';

/** A ListResponse (RFC 7644 §3.4.2): integers that describe the page actually returned. */
export function listResponse(resources: unknown[], totalResults: number, startIndex: number): Record<string, unknown> {
  return { schemas: [LIST_RESPONSE], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
