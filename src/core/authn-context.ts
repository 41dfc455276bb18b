/**
 * How a person authenticated at the identity provider, as the OpenID Connect provider tells a host
 * application (docs/OIDC.md "Claims", `acr` and `amr`). The SAML assertion's AuthnContextClassRef is
 * passed on as `acr` unchanged; `amr` lists RFC 8176 method values mapped from the class refs this
 * table knows. One table, read by the session query; a class ref not in it yields DEFAULT_AMR.
 *
 * The mapping never claims more than the class ref says: an X.509 key of unknown protection is `swk`
 * (a software-secured key, the weaker of the two key values), and only class refs that name more than
 * one factor give `mfa`.
 */

const SAML_AC = 'urn:oasis:names:tc:SAML:2.0:ac:classes:';

/** RFC 8176 §2 values this table uses. */
export type AuthenticationMethod = 'pwd' | 'otp' | 'mfa' | 'swk' | 'hwk' | 'sc' | 'pin' | 'wia' | 'kba';

/** `amr` when the class ref is absent or not in the table: "signed in through SAML", nothing more. */
export const DEFAULT_AMR: readonly string[] = ['saml'];

/** The longest AuthnContextClassRef kept (a URI; longer ones are not stored). */
export const MAX_AUTHN_CONTEXT_CLASS_REF = 1024;

/** Known AuthnContextClassRef URIs and the RFC 8176 methods each stands for. */
export const AUTHN_CONTEXT_METHODS: Readonly<Record<string, readonly AuthenticationMethod[]>> = {
  // SAML 2.0 Authentication Context classes (saml-authn-context-2.0-os §3.4)
  [`${SAML_AC}Password`]: ['pwd'],
  [`${SAML_AC}PasswordProtectedTransport`]: ['pwd'],
  [`${SAML_AC}InternetProtocolPassword`]: ['pwd'],
  [`${SAML_AC}SecureRemotePassword`]: ['pwd'],
  [`${SAML_AC}PreviousSession`]: [],
  [`${SAML_AC}X509`]: ['swk'],
  [`${SAML_AC}XMLDSig`]: ['swk'],
  [`${SAML_AC}TLSClient`]: ['swk'],
  [`${SAML_AC}SPKI`]: ['swk'],
  [`${SAML_AC}PGP`]: ['swk'],
  [`${SAML_AC}Smartcard`]: ['sc'],
  // a smartcard holding the private key, unlocked with a PIN: possession and knowledge
  [`${SAML_AC}SmartcardPKI`]: ['sc', 'hwk', 'pin', 'mfa'],
  [`${SAML_AC}SoftwarePKI`]: ['swk'],
  [`${SAML_AC}TimeSyncToken`]: ['otp'],
  [`${SAML_AC}MobileOneFactorContract`]: [],
  [`${SAML_AC}MobileTwoFactorContract`]: ['mfa'],
  [`${SAML_AC}MobileTwoFactorUnregistered`]: ['mfa'],
  // Microsoft Entra ID / AD FS (authnmethodsreferences and AuthnContextClassRef values)
  'http://schemas.microsoft.com/claims/multipleauthn': ['mfa'],
  'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password': ['pwd'],
  'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/x509': ['swk'],
  'http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/windows': ['wia'],
  'urn:federation:authentication:windows': ['wia'],
  // Okta's levels of assurance (also sent as AuthnContextClassRef by Okta Identity Engine policies)
  'urn:okta:loa:1fa:pwd': ['pwd'],
  'urn:okta:loa:2fa:any': ['mfa'],
  // REFEDS MFA profile (Shibboleth and research federations, also configurable at Okta and Entra)
  'https://refeds.org/profile/mfa': ['mfa'],
};

/** The AuthnContextClassRef as kept with a session: trimmed, null when empty, too long or not one line. */
export function normalizeAuthnContextClassRef(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (!v || v.length > MAX_AUTHN_CONTEXT_CLASS_REF || /[\p{Cc}\p{Z}]/u.test(v)) return null;
  return v;
}

/** `amr` for a session signed in with this AuthnContextClassRef: the table's methods, else DEFAULT_AMR. */
export function authenticationMethods(classRef: string | null | undefined): string[] {
  const methods = classRef && Object.hasOwn(AUTHN_CONTEXT_METHODS, classRef) ? AUTHN_CONTEXT_METHODS[classRef] : undefined;
  return methods && methods.length ? [...methods] : [...DEFAULT_AMR];
}
