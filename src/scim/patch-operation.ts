/**
 * One operation of a SCIM PATCH request (RFC 7644 §3.5.2) and the one error PATCH handling throws:
 * what quirks.ts normalises and patch.ts applies, here so that neither imports the other.
 */

export type ScimPatchErrorType = 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'noTarget' | 'mutability';

/** The only error readPatchRequest and applyPatch throw; answer with HTTP `status` and `scimType`. */
export class ScimPatchError extends Error {
  override readonly name = 'ScimPatchError';

  constructor(
    readonly status: 400,
    readonly scimType: ScimPatchErrorType,
    message: string,
  ) {
    super(message);
  }
}

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}
