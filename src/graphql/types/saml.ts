import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { IdentityProviderKind } from '../../core/idp-profile-data.js';
import { IdentityProviderKindEnum } from './identity-provider-kind.js';

@ObjectType({ description: 'An X.509 certificate (public information; private keys are never returned).' })
export class SamlCertificate {
  @Field(() => String, { description: 'The certificate as PEM.' }) pem!: string;
  @Field(() => String, { description: 'Subject distinguished name.' }) subject!: string;
  @Field(() => String, { description: 'Issuer distinguished name (the subject again for a self-signed certificate).' }) issuer!: string;
  @Field(() => Date, { description: 'Start of validity.' }) notBefore!: Date;
  @Field(() => Date, { description: 'Expiry: rotate before it (give old and new certificates together during the overlap).' }) notAfter!: Date;
  @Field(() => String, { description: 'SHA-256 of the certificate, as IdP consoles show it (AB:CD:…).' }) fingerprintSha256!: string;
}

export enum SamlCertificateUsage {
  IDP = 'IDP',
  SP = 'SP',
  SP_NEXT = 'SP_NEXT',
  SP_PREVIOUS = 'SP_PREVIOUS',
}
registerEnumType(SamlCertificateUsage, {
  name: 'SamlCertificateUsage',
  description: 'What a certificate of a SAML connection is for.',
  valuesConfig: {
    IDP: { description: "One of the IdP's trusted signing certificates." },
    SP: { description: 'The active SP certificate (signs AuthnRequests, decrypts assertions).' },
    SP_NEXT: { description: 'The staged next SP certificate of a key rollover (published, decrypts, does not sign yet).' },
    SP_PREVIOUS: { description: 'The SP certificate before the last activation (decrypts until it is retired).' },
  },
});

export enum SamlCertificateWarning {
  NONE = 'NONE',
  WITHIN_30_DAYS = 'WITHIN_30_DAYS',
  WITHIN_7_DAYS = 'WITHIN_7_DAYS',
  WITHIN_1_DAY = 'WITHIN_1_DAY',
  EXPIRED = 'EXPIRED',
}
registerEnumType(SamlCertificateWarning, {
  name: 'SamlCertificateWarning',
  description: 'How close the soonest certificate expiry of a SAML connection is (SAML_CERTIFICATE_EXPIRING events are raised at the same thresholds).',
  valuesConfig: {
    NONE: { description: 'No certificate expires within 30 days (or there is none).' },
    WITHIN_30_DAYS: { description: 'A certificate expires within 30 days.' },
    WITHIN_7_DAYS: { description: 'A certificate expires within 7 days.' },
    WITHIN_1_DAY: { description: 'A certificate expires within a day.' },
    EXPIRED: { description: 'A certificate has expired.' },
  },
});

@ObjectType({ description: 'The certificate of a SAML connection that expires first (IdP and SP certificates), and how close that is.' })
export class SamlCertificateStatus {
  @Field(() => Date, { nullable: true, description: 'notAfter of the certificate that expires first; null when the connection holds none.' })
  soonestExpiry!: Date | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 fingerprint of that certificate.' }) fingerprintSha256!: string | null;
  @Field(() => SamlCertificateUsage, { nullable: true, description: 'What that certificate is for.' }) usage!: SamlCertificateUsage | null;
  @Field(() => SamlCertificateWarning, { description: 'How close its expiry is.' }) warning!: SamlCertificateWarning;
}

@ObjectType({
  description:
    "This service as the organization's SAML service provider: what the IdP admin enters (Okta: Single sign-on URL = acsUrl, Audience URI = entityId).",
})
export class SamlServiceProvider {
  @Field(() => String, { description: 'SP entity ID (Audience); equal to the metadata URL.' }) entityId!: string;
  @Field(() => String, { description: 'Assertion Consumer Service URL (HTTP-POST binding).' }) acsUrl!: string;
  @Field(() => String, { description: 'SP metadata XML.' }) metadataUrl!: string;
  @Field(() => String, { description: 'Starts an SP-initiated sign-in; add ?returnTo=/path to land somewhere specific.' }) loginUrl!: string;
  @Field(() => String, {
    description:
      "Our SingleLogoutService (HTTP-Redirect and HTTP-POST): the IdP's signed LogoutRequests and LogoutResponses arrive here (Okta: Single Logout URL).",
  })
  sloUrl!: string;
  @Field(() => String, {
    description:
      'Starts an SP-initiated logout (GET or POST, ?returnTo=/path): ends the session here, then at the IdP when it does Single Logout, and lands on the return-to.',
  })
  logoutUrl!: string;
}

@ObjectType({ description: "An organization's SAML 2.0 sign-in setup (docs/SAML.md). Until configured, it shows the defaults and the SP endpoints." })
export class SamlConnection {
  @Field(() => ID, { description: 'The organization this connection belongs to.' }) organizationId!: string;
  @Field(() => Boolean, { description: 'False until configureSamlConnection was first called; sign-in is refused until then.' }) configured!: boolean;
  @Field(() => String, { nullable: true, description: "The IdP's entityID: the required Issuer of responses and assertions." }) idpEntityId!: string | null;
  @Field(() => String, { nullable: true, description: 'Where SP-initiated sign-ins send the AuthnRequest (HTTP-Redirect binding).' }) idpSsoUrl!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The IdP's Single Logout URL (its metadata's SingleLogoutService, or set explicitly): our signed LogoutRequests go there. Null: the IdP does no Single Logout, and logout here is local only.",
  })
  idpSloUrl!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Where our LogoutResponses go when the IdP's metadata names a ResponseLocation apart from idpSloUrl; null: idpSloUrl.",
  })
  idpSloResponseUrl!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The binding of idpSloUrl: urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect or …:HTTP-POST; null without idpSloUrl.',
  })
  idpSloBinding!: string | null;
  @Field(() => [SamlCertificate], {
    description: 'Trusted IdP signing certificates; a signature by any of them is accepted. Keys embedded in messages are never trusted.',
  })
  idpCertificates!: SamlCertificate[];
  @Field(() => String, { description: 'NameID format requested from the IdP (default emailAddress).' }) nameIdFormat!: string;
  @Field(() => Boolean, { description: 'Assertions must be signed (default true).' }) wantAssertionsSigned!: boolean;
  @Field(() => Boolean, { description: 'Responses must be signed (default false; Okta signs the assertion).' }) wantResponseSigned!: boolean;
  @Field(() => Int, { description: 'Allowed clock difference with the IdP for NotBefore/NotOnOrAfter (default 60, at most 600).' }) clockSkewSeconds!: number;
  @Field(() => Boolean, { description: 'Accept sign-ins started at the IdP (unsolicited responses, e.g. an Okta dashboard tile). Default false.' })
  allowIdpInitiated!: boolean;
  @Field(() => [String], { description: "Hosts besides this service's own that a return-to URL or RelayState may point to." }) allowedRedirectHosts!: string[];
  @Field(() => String, { nullable: true, description: 'Where a sign-in lands when it names no return-to (null: `/`).' }) defaultRedirectUrl!: string | null;
  @Field(() => Boolean, { description: 'AuthnRequests are signed (RSA-SHA256) with the SP key.' }) signAuthnRequests!: boolean;
  @Field(() => Boolean, {
    description:
      'Assertions must arrive encrypted to the SP certificate (RSA-OAEP with AES-GCM or AES-CBC); plaintext assertions are refused and SP metadata publishes the certificate for encryption. Needs the SP key pair. When off, encrypted assertions are still accepted if an SP key pair is configured. Default false.',
  })
  wantAssertionsEncrypted!: boolean;
  @Field(() => Boolean, {
    description:
      'SAML group sync when an assertion has no groups attribute (none of the attributes the SAML mappings read for `groups`): false (the default), the user is in none of the groups group sync manages and leaves those; true, the memberships stay as they are, for an identity provider that never sends a groups attribute. Okta leaves the attribute out when no group matches its filter: keep this false for it. A groups attribute that is present but empty always means no groups. docs/PROVISIONING.md §4.5.',
  })
  keepGroupsWhenAttributeAbsent!: boolean;
  @Field(() => SamlCertificate, { nullable: true, description: 'The SP certificate (published in SP metadata). Its private key is never returned.' })
  spCertificate!: SamlCertificate | null;
  @Field(() => Boolean, { description: 'An SP key pair is stored.' }) spPrivateKeyConfigured!: boolean;
  @Field(() => SamlCertificate, {
    nullable: true,
    description:
      'The staged next SP certificate of a key rollover (stageSamlServiceProviderKey): published in SP metadata beside the active one and able to decrypt; signs once activated.',
  })
  spNextCertificate!: SamlCertificate | null;
  @Field(() => SamlCertificate, {
    nullable: true,
    description: 'The SP certificate active before the last activation: its key still decrypts assertions until retireSamlServiceProviderKey.',
  })
  spPreviousCertificate!: SamlCertificate | null;
  @Field(() => String, {
    nullable: true,
    description: "Where the IdP's metadata is fetched from (at configuration, then every SAML_METADATA_REFRESH_SECONDS); null when not set.",
  })
  idpMetadataUrl!: string | null;
  @Field(() => Date, { nullable: true, description: 'The last successful fetch of idpMetadataUrl.' }) metadataRefreshedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why the last fetch of idpMetadataUrl failed (the last good metadata stays in use); null after a success.',
  })
  metadataRefreshError!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the next periodic fetch of idpMetadataUrl is due.' }) metadataNextRefreshAt!: Date | null;
  @Field(() => SamlCertificateStatus, { description: 'The soonest certificate expiry of the connection and its warning level.' })
  certificateStatus!: SamlCertificateStatus;
  @Field(() => SamlServiceProvider, { description: 'The SP side, derived from PUBLIC_URL (or the origin of this request) and the organization slug.' })
  serviceProvider!: SamlServiceProvider;
  @Field(() => Date, { nullable: true, description: 'When the connection was first configured; null until then.' }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Time of the last change; null until configured.' }) updatedAt!: Date | null;
  @Field(() => Int, { description: '0 until configured; grows with every change.' }) version!: number;
  @Field(() => IdentityProviderKindEnum, {
    description:
      "The identity provider this connection is for (GENERIC until set): its guide is identityProviderProfile(kind), and the organization's default SAML mappings are the attribute names it sends (attributeMappings(source: SAML).defaultRules).",
  })
  profile!: IdentityProviderKind;
}

@InputType({
  description:
    'SAML connection settings. Omitted fields are kept. The first configuration needs the IdP entity ID, SSO URL and at least one certificate, given as fields or imported with idpMetadataXml; explicit fields override what the metadata says.',
})
export class SamlConnectionInput {
  @Field(() => String, {
    nullable: true,
    description:
      "The IdP's metadata XML (Okta: Sign On → Identity Provider metadata). Imports entity ID, SSO URL and signing certificates; it replaces a metadata URL, which is no longer fetched (idpMetadataUrl becomes null).",
  })
  idpMetadataXml?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "An https URL of the IdP's metadata, fetched now (instead of idpMetadataXml) and then periodically, so that a signing certificate rollover at the IdP needs no change here; loopback, link-local and private addresses are refused unless the operator allows them. At most 2048 characters; null stops fetching (the imported values stay).",
  })
  idpMetadataUrl?: string | null;
  @Field(() => String, { nullable: true, description: "The IdP's entityID (Issuer), at most 1024 characters." }) idpEntityId?: string | null;
  @Field(() => String, { nullable: true, description: 'The IdP SSO URL: https (http only for localhost), at most 2048 characters.' }) idpSsoUrl?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The IdP's Single Logout URL: https (http only for localhost), at most 2048 characters; overrides the metadata's. null clears it (logout is then local only).",
  })
  idpSloUrl?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The binding of idpSloUrl: urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect (the default) or urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST.',
  })
  idpSloBinding?: string | null;
  @Field(() => [String], {
    nullable: true,
    description: 'PEM or base64 certificates, 1 to 10; replaces the list (give old and new together during a rotation).',
  })
  idpCertificates?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'NameID format URI to request, at most 512 characters (default urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress).',
  })
  nameIdFormat?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Require signed assertions; at least one of this and wantResponseSigned must stay true.' })
  wantAssertionsSigned?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Require signed responses; at least one of this and wantAssertionsSigned must stay true.' })
  wantResponseSigned?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Allowed clock difference in seconds, 0 to 600.' }) clockSkewSeconds?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Accept IdP-initiated (unsolicited) sign-ins.' }) allowIdpInitiated?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'Host names (optionally with :port), e.g. app.example.com; at most 100; replaces the list.' })
  allowedRedirectHosts?: string[] | null;
  @Field(() => String, { nullable: true, description: 'A path on this service (/app) or an https URL; null clears it.' }) defaultRedirectUrl?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Requires an SP key pair.' }) signAuthnRequests?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Require encrypted assertions. Requires an SP key pair.' }) wantAssertionsEncrypted?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Keep group memberships when an assertion has no groups attribute (default false: no attribute means no groups). Only for an identity provider that never sends one.',
  })
  keepGroupsWhenAttributeAbsent?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description:
      'SP private key (RSA ≥ 2048, unencrypted PEM), together with spCertificatePem; null clears the pair. Signs AuthnRequests and decrypts assertions. Write-only.',
  })
  spPrivateKeyPem?: string | null;
  @Field(() => String, { nullable: true, description: 'The SP certificate (PEM) of spPrivateKeyPem.' }) spCertificatePem?: string | null;
  @Field(() => IdentityProviderKindEnum, {
    nullable: true,
    description:
      'The identity provider this connection is for; the default SAML mappings follow it (custom rules and disabled defaults are kept). Omitted: kept (GENERIC on a new connection).',
  })
  profile?: IdentityProviderKind | null;
}

@ObjectType({ description: 'An organization as the SAML adapter resolves it from the slug in its URLs.' })
export class SamlOrganization {
  @Field(() => ID, { description: 'The organization id.' }) id!: string;
  @Field(() => String, { description: 'The slug the URL named.' }) slug!: string;
  @Field(() => String, { description: 'The organization name.' }) name!: string;
}

@InputType({ description: 'An AuthnRequest the SAML adapter is about to send (in-process use only).' })
export class SamlAuthnRequestInput {
  @Field(() => String, { description: "The request's ID attribute." }) id!: string;
  @Field(() => String, { nullable: true, description: 'Validated return-to, kept for the response.' }) returnTo?: string | null;
  @Field(() => String, { description: 'The unsigned HTTP-Redirect URL to the IdP.' }) redirectUrl!: string;
  @Field(() => String, { nullable: true, description: "The secret of the browser's binding cookie; the response must come back with it." })
  browserBinding?: string | null;
  @Field(() => String, { nullable: true, description: 'The secret of the test sign-in this login starts (`startSamlTestSignIn`), if any.' })
  testSignIn?: string | null;
}

@ObjectType({ description: 'A recorded AuthnRequest.' })
export class SamlAuthnRequest {
  @Field(() => String, { description: "The request's ID attribute." }) id!: string;
  @Field(() => Date, { description: 'The response must arrive before this time (30 minutes after recording).' }) expiresAt!: Date;
  @Field(() => String, { description: 'Where to send the browser (signed when the connection signs AuthnRequests).' }) redirectUrl!: string;
}

@InputType({ description: 'A validated assertion about to be used for sign-in (in-process use only).' })
export class SamlAssertionUseInput {
  @Field(() => String, { description: "The assertion's ID, 1-256 characters; a second use is refused (CONFLICT saml.assertion.replayed)." })
  assertionId!: string;
  @Field(() => Date, { description: "The assertion's NotOnOrAfter: its ID is remembered until then (plus the clock skew)." }) notOnOrAfter!: Date;
  @Field(() => String, { nullable: true, description: 'Null for an IdP-initiated response.' }) inResponseTo?: string | null;
  @Field(() => String, { nullable: true, description: "The browser binding cookie's secret sent with the response, if any." })
  browserBinding?: string | null;
}

@ObjectType({ description: 'An assertion accepted once: which AuthnRequest it answered and where the sign-in lands.' })
export class SamlAssertionUse {
  @Field(() => String, { nullable: true, description: 'The AuthnRequest the assertion answered; null when IdP-initiated.' }) authnRequestId!: string | null;
  @Field(() => String, { nullable: true, description: 'The return-to stored with the AuthnRequest.' }) returnTo!: string | null;
  @Field(() => Boolean, { description: 'True for an unsolicited (IdP-initiated) response.' }) idpInitiated!: boolean;
  @Field(() => ID, { nullable: true, description: 'The test sign-in the answered request belongs to; null for an ordinary sign-in.' })
  testSignInId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'For a test sign-in: true when it is a dry run (no sign-in, no change).' })
  testSignInDryRun?: boolean | null;
}

@InputType({ description: 'An encrypted assertion from a SAML response (in-process use only).' })
export class SamlEncryptedAssertionInput {
  @Field(() => String, { description: 'The saml:EncryptedAssertion element as XML.' }) encryptedAssertionXml!: string;
}

@ObjectType({ description: 'A decrypted assertion: the plaintext only, not validated yet (the SAML adapter validates it like any assertion).' })
export class SamlDecryptedAssertion {
  @Field(() => String, { description: 'The Assertion element as the IdP serialized it.' }) assertionXml!: string;
  @Field(() => String, { description: 'The key transport algorithm URI (RSA-OAEP).' }) keyTransportAlgorithm!: string;
  @Field(() => String, { description: 'The content encryption algorithm URI (AES-GCM or AES-CBC).' }) contentEncryptionAlgorithm!: string;
}

@InputType({ description: 'A next SP key pair for a key rollover (stageSamlServiceProviderKey).' })
export class SamlServiceProviderKeyInput {
  @Field(() => String, { description: 'The private key: RSA of at least 2048 bits, unencrypted PEM, at most 20,000 characters. Write-only; stored sealed.' })
  privateKeyPem!: string;
  @Field(() => String, { description: 'Its certificate (PEM), as the IdP will see it in SP metadata.' }) certificatePem!: string;
}
