/**
 * What the SCIM adapter reports of each request of an organization for its recent-request log
 * (`scimRequests`): the server buffers the entries and writes them in batches, off the request path
 * (src/server/scim-request-log.ts), so recording one is a push onto an array.
 */
export interface ScimRequestEntry {
  organizationId: string;
  /** The SCIM token (or API key) that made it. */
  credentialId: string | null;
  method: string;
  /** The path without the query (a filter may hold a person's name). */
  path: string;
  status: number;
  /** RFC 7644 §3.12 scimType of an error, if any. */
  scimType: string | null;
  /** The error's detail, if any. */
  detail: string | null;
  /** okta, entra or other, from the User-Agent (scim/quirks.ts). */
  identityProvider: string;
  userAgent: string | null;
  durationMs: number;
  at: Date;
}

export interface ScimRequestSink {
  record(entry: ScimRequestEntry): void;
}

export const NO_SCIM_REQUEST_LOG: ScimRequestSink = { record() {} };
