/**
 * What a check of a SAML response returns when it refuses: the reason (the error page's log line
 * names it as `validate.<reason>`) and a short detail for the log. The reasons are listed, with
 * their meaning, in docs/SAML.md ("Rejections").
 */

export type SamlRejection =
  | 'malformed'
  | 'doctype'
  | 'sha1'
  | 'unsigned'
  | 'bad_signature'
  | 'untrusted_key'
  | 'wrapping'
  | 'multiple_assertions'
  | 'issuer'
  | 'destination'
  | 'recipient'
  | 'audience'
  | 'expired'
  | 'not_yet_valid'
  | 'status'
  | 'nameid'
  | 'nameid_transient'
  | 'encrypted_unsupported'
  | 'not_encrypted'
  | 'weak_encryption'
  | 'decryption_failed'
  | 'sp_key_retired'
  | 'xml_limits';

/**
 * A refusal, returned (never thrown) by the checks: a check answers `Rejection | undefined`, a
 * reader `T | Rejection`, and the caller passes the first rejection on (`instanceof Rejection`).
 */
export class Rejection {
  constructor(
    readonly reason: SamlRejection,
    readonly detail: string,
  ) {}
}

/** A value quoted in a log detail, cut at `max` characters. */
export const short = (s: string, max = 160): string => (s.length > max ? `${s.slice(0, max)}…` : s);
