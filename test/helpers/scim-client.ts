import type { TestServer } from './harness.js';

export interface ScimResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** A SCIM client over real HTTP with the organization's bearer token. */
export function scimClient(t: TestServer, token: string | undefined) {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimResponse> => {
    const res = await fetch(`${t.url}/scim/v2${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    request,
    get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => request('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => request('PUT', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => request('PATCH', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => request('DELETE', path, undefined, headers),
  };
}

export type ScimClient = ReturnType<typeof scimClient>;

export const PATCH = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
export const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;

/** Asserts a SCIM error body and returns it. */
export function isScimError(r: ScimResponse, status: number, scimType?: string): boolean {
  const b = r.body as Record<string, unknown> | undefined;
  return (
    r.status === status &&
    !!b &&
    Array.isArray(b.schemas) &&
    (b.schemas as string[]).includes('urn:ietf:params:scim:api:messages:2.0:Error') &&
    b.status === String(status) &&
    typeof b.detail === 'string' &&
    (scimType === undefined || b.scimType === scimType)
  );
}
