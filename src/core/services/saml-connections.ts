import { pgArray, sql, type Em } from '../db.js';
import { sameJson } from '../../shared/json-equal.js';
import { isCurrent, open, seal, SecretKeyError } from '../secret-box.js';
import { Organization } from '../entities/organization.js';
import { SamlConnection } from '../entities/saml.js';
import { AppError, badInput, forbidden, notFound } from '../errors.js';
import type { FieldChanges } from '../events/event-types.js';
import { isUuid } from '../../shared/ids.js';
import { authorize, authorizeAny, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import { holdAdvisoryLock, SAML_CONNECTION_WRITE_LOCK } from '../locks.js';
import { certificateInfo, checkKeyPair, fingerprint, parseCertificate, type CertificateInfo } from './saml-keys.js';
import { expiryWarning, heldCertificates, syncCertificateExpiries, type CertificateUsage, type ExpiryWarning } from './saml-certificate-lifecycle.js';
import { loadIdpMetadata, MetadataFetchError, STRICT_METADATA_POLICY } from './saml-metadata-fetch.js';
import { IDENTITY_PROVIDER_KINDS, isIdentityProviderKind, type IdentityProviderKind } from '../idp-profile-data.js';
import { configChanged } from '../org-config.js';

export const MAX_CLOCK_SKEW_SECONDS = 600;
const MAX_CERTIFICATES = 10;
const MAX_REDIRECT_HOSTS = 100;
const MAX_URL_LENGTH = 2048;

/** IdP metadata as imported (src/saml/metadata.ts parses the XML in the API layer). */
export interface IdpMetadataValues {
  entityId: string;
  ssoUrl: string;
  certificates: string[];
  /** The IdP's SingleLogoutService; null or absent: none. */
  slo?: { url: string; responseUrl: string | null; binding: string } | null;
}

export const SLO_BINDINGS = ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST'] as const;

/**
 * Changes to a connection. Omitted (undefined) fields are kept; on the first configuration the IdP
 * entity ID, SSO URL and at least one certificate are required (given or imported from metadata).
 */
export interface SamlConnectionInput {
  /** Imported first; explicit fields below override what it says. */
  idpMetadata?: IdpMetadataValues | null;
  /**
   * Where to fetch the IdP metadata from (https; docs/SAML.md "Metadata URL"): fetched now (instead
   * of idpMetadata) and then periodically. null stops fetching (what was imported stays); so does
   * idpMetadata, which replaces the URL as the source.
   */
  idpMetadataUrl?: string | null;
  idpEntityId?: string | null;
  idpSsoUrl?: string | null;
  /** The IdP's Single Logout URL (https); null clears it (logout is then local only). Overrides the metadata's. */
  idpSloUrl?: string | null;
  /** Its binding (one of SLO_BINDINGS); default HTTP-Redirect when idpSloUrl is set explicitly. */
  idpSloBinding?: string | null;
  /** Replaces the trusted certificates (give old and new together during a rotation). */
  idpCertificates?: string[] | null;
  nameIdFormat?: string | null;
  wantAssertionsSigned?: boolean | null;
  wantResponseSigned?: boolean | null;
  clockSkewSeconds?: number | null;
  allowIdpInitiated?: boolean | null;
  allowedRedirectHosts?: string[] | null;
  /** null clears it. */
  defaultRedirectUrl?: string | null;
  signAuthnRequests?: boolean | null;
  /** Require encrypted assertions (needs the SP key pair). */
  wantAssertionsEncrypted?: boolean | null;
  /** Group sync leaves memberships alone when an assertion has no groups attribute (docs/PROVISIONING.md §4.5). */
  keepGroupsWhenAttributeAbsent?: boolean | null;
  /** A new SP key pair (both together); null in either clears the pair. */
  spPrivateKeyPem?: string | null;
  spCertificatePem?: string | null;
  /** The identity-provider profile (its SAML default mappings apply); null is refused. */
  profile?: IdentityProviderKind | null;
}

/** The service-provider side of an organization's SAML setup, derived from the public URL and the slug. */
export interface ServiceProviderEndpoints {
  entityId: string;
  acsUrl: string;
  metadataUrl: string;
  loginUrl: string;
  /** Our SingleLogoutService (HTTP-Redirect and HTTP-POST): the IdP's LogoutRequests and LogoutResponses arrive here. */
  sloUrl: string;
  /** Starts an SP-initiated logout (ends the session here, then at the IdP when it does SLO). */
  logoutUrl: string;
}

/** The URL paths the SAML adapter serves for an organization (the entity ID is the metadata URL). */
export function samlEndpoints(publicUrl: string, slug: string): ServiceProviderEndpoints {
  const base = `${publicUrl.replace(/\/+$/, '')}/saml/${encodeURIComponent(slug)}`;
  return {
    entityId: `${base}/metadata`,
    acsUrl: `${base}/acs`,
    metadataUrl: `${base}/metadata`,
    loginUrl: `${base}/login`,
    sloUrl: `${base}/slo`,
    logoutUrl: `${base}/logout`,
  };
}

export interface SamlConnectionView {
  organizationId: string;
  organizationSlug: string;
  configured: boolean;
  idpEntityId: string | null;
  idpSsoUrl: string | null;
  idpSloUrl: string | null;
  idpSloResponseUrl: string | null;
  idpSloBinding: string | null;
  idpCertificates: CertificateInfo[];
  nameIdFormat: string;
  wantAssertionsSigned: boolean;
  wantResponseSigned: boolean;
  clockSkewSeconds: number;
  allowIdpInitiated: boolean;
  allowedRedirectHosts: string[];
  defaultRedirectUrl: string | null;
  signAuthnRequests: boolean;
  wantAssertionsEncrypted: boolean;
  keepGroupsWhenAttributeAbsent: boolean;
  spCertificate: CertificateInfo | null;
  spPrivateKeyConfigured: boolean;
  /** The staged next SP certificate (published, decrypting, not signing yet). */
  spNextCertificate: CertificateInfo | null;
  /** The SP certificate active before the last activation (still decrypting until retired). */
  spPreviousCertificate: CertificateInfo | null;
  idpMetadataUrl: string | null;
  metadataRefreshedAt: Date | null;
  metadataRefreshError: string | null;
  metadataNextRefreshAt: Date | null;
  certificateStatus: CertificateStatus;
  serviceProvider: ServiceProviderEndpoints;
  createdAt: Date | null;
  updatedAt: Date | null;
  version: number;
  profile: IdentityProviderKind;
}

/** The certificate of the connection that expires first, and how close that is. */
export interface CertificateStatus {
  soonestExpiry: Date | null;
  fingerprintSha256: string | null;
  usage: CertificateUsage | null;
  warning: ExpiryWarning;
}

function certificateStatus(c: SamlConnection | null): CertificateStatus {
  const soonest = c ? heldCertificates(c).sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime())[0] : undefined;
  return {
    soonestExpiry: soonest?.notAfter ?? null,
    fingerprintSha256: soonest?.fingerprint ?? null,
    usage: soonest?.usage ?? null,
    warning: expiryWarning(soonest?.notAfter ?? null),
  };
}

/** The connection as the API shows it (exported for the other SAML connection services). */
export function samlConnectionView(org: Organization, c: SamlConnection | null, publicUrl: string): SamlConnectionView {
  return toView(org, c, publicUrl);
}

function toView(org: Organization, c: SamlConnection | null, publicUrl: string): SamlConnectionView {
  const d = c ?? new SamlConnection();
  return {
    organizationId: org.id,
    organizationSlug: org.slug,
    configured: c !== null,
    idpEntityId: c?.idpEntityId ?? null,
    idpSsoUrl: c?.idpSsoUrl ?? null,
    idpSloUrl: c?.idpSloUrl ?? null,
    idpSloResponseUrl: c?.idpSloResponseUrl ?? null,
    idpSloBinding: c?.idpSloBinding ?? null,
    idpCertificates: (c?.idpCertificates ?? []).map(certificateInfo),
    nameIdFormat: d.nameIdFormat,
    wantAssertionsSigned: d.wantAssertionsSigned,
    wantResponseSigned: d.wantResponseSigned,
    clockSkewSeconds: d.clockSkewSeconds,
    allowIdpInitiated: d.allowIdpInitiated,
    allowedRedirectHosts: [...d.allowedRedirectHosts],
    defaultRedirectUrl: d.defaultRedirectUrl,
    signAuthnRequests: d.signAuthnRequests,
    wantAssertionsEncrypted: d.wantAssertionsEncrypted,
    keepGroupsWhenAttributeAbsent: d.keepGroupsWhenAttributeAbsent,
    spCertificate: d.spCertificate ? certificateInfo(d.spCertificate) : null,
    spPrivateKeyConfigured: d.spCertificate !== null,
    spNextCertificate: d.spNextCertificate ? certificateInfo(d.spNextCertificate) : null,
    spPreviousCertificate: d.spPreviousCertificate ? certificateInfo(d.spPreviousCertificate) : null,
    idpMetadataUrl: d.idpMetadataUrl,
    metadataRefreshedAt: d.metadataRefreshedAt,
    metadataRefreshError: d.metadataRefreshError,
    metadataNextRefreshAt: d.metadataNextRefreshAt,
    certificateStatus: certificateStatus(c),
    serviceProvider: samlEndpoints(publicUrl, org.slug),
    createdAt: c?.createdAt ?? null,
    updatedAt: c?.updatedAt ?? null,
    version: c?.version ?? 0,
    profile: d.profile,
  };
}

/**
 * The organization's SAML connection with the derived SP side. Before the first configuration it
 * shows the defaults and the SP endpoints (which the IdP admin needs first) with `configured: false`.
 */
export async function getSamlConnection(ctx: CoreContext, organizationId: string, publicUrl: string): Promise<SamlConnectionView> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorize(ctx, organizationId, 'readSettings');
  const org = await ctx.em.findOne(Organization, { id: organizationId });
  if (!org) throw notFound('organization');
  return toView(org, await ctx.em.findOne(SamlConnection, { organization: organizationId }), publicUrl);
}

/**
 * The slug lookup of the SAML adapter: `/saml/{org}/…` names the organization by slug, and the
 * adapter's principal is bound to an organization only once this answers. Only SAML principals
 * (built in-process, never from a credential) may ask; a bound one only about its own organization.
 * It reveals id, slug and name, which the SAML endpoints make public anyway.
 */
export async function resolveSamlOrganization(ctx: CoreContext, slug: string): Promise<Organization | null> {
  const p = ctx.principal;
  if (p.kind !== 'SAML') throw forbidden('only the SAML adapter resolves organizations by SAML endpoint');
  if (typeof slug !== 'string' || slug.length > 63) return null;
  const org = await ctx.em.findOne(Organization, { slug });
  if (!org || (p.organizationId !== null && p.organizationId !== org.id)) return null;
  return org;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL (http only for a local host, for development). */
function httpsUrl(value: unknown, field: string): string {
  const v = typeof value === 'string' ? value.trim() : '';
  let u: URL | undefined;
  try {
    u = new URL(v);
  } catch {
    /* below */
  }
  if (!u || v.length > MAX_URL_LENGTH || !(u.protocol === 'https:' || (u.protocol === 'http:' && LOCAL_HOSTS.has(u.hostname))) || u.username || u.password) {
    throw badInput(`samlConnection.${field}.invalid`, `${field} must be an https URL`, { field });
  }
  return v;
}

const HOST_RE = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(:\d{1,5})?$/;

/** `host` or `host:port`, lower-case, as a URL's host reads (no scheme, path or wildcard; IDNs in punycode). */
function redirectHost(value: unknown, i: number): string {
  const h = typeof value === 'string' ? value.trim().toLowerCase() : '';
  let ok: boolean;
  try {
    const u = new URL(`https://${h}`);
    ok = HOST_RE.test(h) && (u.host === h || `${u.hostname}:${u.port}` === h);
  } catch {
    ok = false;
  }
  if (!ok)
    throw badInput(
      'samlConnection.allowedRedirectHosts.invalid',
      `allowedRedirectHosts[${i}]: "${String(value).slice(0, 100)}" is not a host name such as app.example.com (optionally with :port)`,
      { field: 'allowedRedirectHosts' },
    );
  return h;
}

/**
 * Characters a redirect target may not hold (the SAML adapter's return-to rule, src/saml/return-to.ts):
 * controls, format characters (bidi overrides, zero-width), spaces and line or paragraph separators
 * (U+2028), lone surrogates, and the backslash. Other non-ASCII characters are fine: the adapter
 * percent-encodes them in the Location header.
 */
const REFUSED_IN_REDIRECTS = /[\p{Cc}\p{Cf}\p{Z}\p{Cs}\\]/u;

/** A path on this service (`/app`, not `//host`) or an https URL. */
function defaultRedirect(value: string): string {
  const v = value.trim();
  if (REFUSED_IN_REDIRECTS.test(v)) {
    throw badInput(
      'samlConnection.defaultRedirectUrl.invalid',
      'defaultRedirectUrl contains whitespace, a control, format or line-separator character, or a backslash',
      { field: 'defaultRedirectUrl' },
    );
  }
  if (v.startsWith('/') && !v.startsWith('//') && v.length <= MAX_URL_LENGTH) return v;
  try {
    return httpsUrl(v, 'defaultRedirectUrl');
  } catch {
    throw badInput('samlConnection.defaultRedirectUrl.invalid', 'defaultRedirectUrl must be a path on this service (/app) or an https URL', {
      field: 'defaultRedirectUrl',
    });
  }
}

function text(value: unknown, field: string, max: number): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) throw badInput(`samlConnection.${field}.required`, `${field} is required`, { field });
  if (v.length > max) throw badInput(`samlConnection.${field}.tooLong`, `${field} is longer than ${max} characters`, { field });
  return v;
}

/** Field values of a connection as the event diff shows them (certificates by fingerprint, never the key). */
function auditValues(c: SamlConnection | null): Record<string, unknown> {
  if (!c) return {};
  return {
    idpEntityId: c.idpEntityId,
    idpSsoUrl: c.idpSsoUrl,
    idpSloUrl: c.idpSloUrl,
    idpSloResponseUrl: c.idpSloResponseUrl,
    idpSloBinding: c.idpSloBinding,
    idpCertificates: c.idpCertificates.map(fingerprint),
    nameIdFormat: c.nameIdFormat,
    wantAssertionsSigned: c.wantAssertionsSigned,
    wantResponseSigned: c.wantResponseSigned,
    clockSkewSeconds: c.clockSkewSeconds,
    allowIdpInitiated: c.allowIdpInitiated,
    allowedRedirectHosts: c.allowedRedirectHosts,
    defaultRedirectUrl: c.defaultRedirectUrl,
    signAuthnRequests: c.signAuthnRequests,
    wantAssertionsEncrypted: c.wantAssertionsEncrypted,
    keepGroupsWhenAttributeAbsent: c.keepGroupsWhenAttributeAbsent,
    spCertificate: c.spCertificate ? fingerprint(c.spCertificate) : null,
    idpMetadataUrl: c.idpMetadataUrl,
    spNextCertificate: c.spNextCertificate ? fingerprint(c.spNextCertificate) : null,
    spPreviousCertificate: c.spPreviousCertificate ? fingerprint(c.spPreviousCertificate) : null,
    profile: c.profile,
  };
}

/**
 * Creates or changes the organization's SAML connection (`configureSamlConnection`). Validates every
 * field, records SAML_CONNECTION_CONFIGURED with a diff (certificates by fingerprint; the SP private
 * key never appears anywhere but its column).
 */
export async function configureSamlConnection(
  ctx: CoreContext,
  organizationId: string,
  input: SamlConnectionInput,
  publicUrl: string,
): Promise<SamlConnectionView> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorizeAny(ctx, organizationId, ['manage', 'configureSso']);
  const has = (k: keyof SamlConnectionInput) => input[k] !== undefined;
  const nonNull = (k: keyof SamlConnectionInput) => {
    if (input[k] === null) throw badInput(`samlConnection.${k}.required`, `${k} cannot be null`, { field: k });
  };
  const policy = ctx.samlMetadata ?? STRICT_METADATA_POLICY;
  let metadataUrl: string | null | undefined = undefined;
  let fetched: IdpMetadataValues | null = null;
  if (typeof input.idpMetadataUrl === 'string') {
    if (input.idpMetadata) {
      throw badInput('samlConnection.idpMetadata.twoSources', 'give idpMetadataXml or idpMetadataUrl, not both', { field: 'idpMetadataUrl' });
    }
    // fetched before the transaction: no lock is held while the IdP answers
    metadataUrl = input.idpMetadataUrl.trim();
    fetched = await fetchForConfiguration(metadataUrl, policy);
  } else if (input.idpMetadataUrl === null || input.idpMetadata) {
    // metadata given as XML is the metadata from now on: a URL fetched later would put back what it replaced
    metadataUrl = null;
  }
  return transact(ctx, organizationId, async (em, events) => {
    // one writer at a time per organization: read-validate-write of the connection row
    await holdAdvisoryLock(em, SAML_CONNECTION_WRITE_LOCK, organizationId);
    const org = await em.findOne(Organization, { id: organizationId });
    if (!org) throw notFound('organization');
    const existing = await em.findOne(
      SamlConnection,
      { organization: organizationId },
      { populate: ['spPrivateKey', 'spNextPrivateKey', 'spPreviousPrivateKey'] },
    );
    const before = auditValues(existing);
    const c = existing ?? Object.assign(new SamlConnection(), { organization: organizationId });
    if (metadataUrl !== undefined) {
      const now = new Date();
      c.idpMetadataUrl = metadataUrl;
      c.metadataRefreshedAt = metadataUrl ? now : null;
      c.metadataRefreshError = null;
      c.metadataNextRefreshAt = metadataUrl ? nextRefreshAt(now, policy.refreshSeconds) : null;
    }

    const meta = fetched ?? input.idpMetadata;
    let entityId: unknown = meta ? meta.entityId : existing?.idpEntityId;
    let ssoUrl: unknown = meta ? meta.ssoUrl : existing?.idpSsoUrl;
    let certs: unknown[] = meta ? meta.certificates : (existing?.idpCertificates ?? []);
    if (has('idpEntityId')) entityId = input.idpEntityId;
    if (has('idpSsoUrl')) ssoUrl = input.idpSsoUrl;
    if (has('idpCertificates')) {
      nonNull('idpCertificates');
      certs = input.idpCertificates!;
    }
    c.idpEntityId = text(entityId, 'idpEntityId', 1024);
    c.idpSsoUrl = httpsUrl(ssoUrl, 'idpSsoUrl');
    applySingleLogout(c, meta, input);
    if (!Array.isArray(certs) || certs.length === 0) {
      throw badInput('samlConnection.idpCertificates.required', 'at least one IdP signing certificate is required', { field: 'idpCertificates' });
    }
    if (certs.length > MAX_CERTIFICATES)
      throw badInput('samlConnection.idpCertificates.tooMany', `at most ${MAX_CERTIFICATES} IdP certificates`, { field: 'idpCertificates' });
    c.idpCertificates = [...new Set(certs.map((x, i) => parseCertificate(x, `idpCertificates[${i}]`).base64))];

    if (has('nameIdFormat')) {
      nonNull('nameIdFormat');
      c.nameIdFormat = text(input.nameIdFormat, 'nameIdFormat', 512);
    }
    for (const k of [
      'wantAssertionsSigned',
      'wantResponseSigned',
      'allowIdpInitiated',
      'signAuthnRequests',
      'wantAssertionsEncrypted',
      'keepGroupsWhenAttributeAbsent',
    ] as const) {
      if (has(k)) {
        nonNull(k);
        c[k] = input[k] === true;
      }
    }
    if (!c.wantAssertionsSigned && !c.wantResponseSigned) {
      throw badInput('samlConnection.signatures.required', 'require signed assertions, signed responses, or both', { field: 'wantAssertionsSigned' });
    }
    if (has('clockSkewSeconds')) {
      nonNull('clockSkewSeconds');
      const s = input.clockSkewSeconds!;
      if (!Number.isInteger(s) || s < 0 || s > MAX_CLOCK_SKEW_SECONDS) {
        throw badInput('samlConnection.clockSkewSeconds.invalid', `clockSkewSeconds must be between 0 and ${MAX_CLOCK_SKEW_SECONDS}`, {
          field: 'clockSkewSeconds',
        });
      }
      c.clockSkewSeconds = s;
    }
    if (has('allowedRedirectHosts')) {
      nonNull('allowedRedirectHosts');
      const hosts = [...new Set(input.allowedRedirectHosts!.map(redirectHost))];
      if (hosts.length > MAX_REDIRECT_HOSTS)
        throw badInput('samlConnection.allowedRedirectHosts.tooMany', `at most ${MAX_REDIRECT_HOSTS} hosts`, { field: 'allowedRedirectHosts' });
      c.allowedRedirectHosts = hosts;
    }
    if (has('defaultRedirectUrl')) c.defaultRedirectUrl = input.defaultRedirectUrl === null ? null : defaultRedirect(String(input.defaultRedirectUrl));

    if (input.spPrivateKeyPem === null || input.spCertificatePem === null) {
      // no SP key at all: the staged and the previous pair go too
      c.spPrivateKey = null;
      c.spCertificate = null;
      c.spNextPrivateKey = null;
      c.spNextCertificate = null;
      c.spPreviousPrivateKey = null;
      c.spPreviousCertificate = null;
    } else if (has('spPrivateKeyPem') || has('spCertificatePem')) {
      if (!has('spPrivateKeyPem') || !has('spCertificatePem')) {
        throw badInput('samlConnection.spKey.pairRequired', 'give spPrivateKeyPem and spCertificatePem together', {
          field: has('spPrivateKeyPem') ? 'spCertificatePem' : 'spPrivateKeyPem',
        });
      }
      const cert = parseCertificate(input.spCertificatePem, 'spCertificatePem');
      c.spPrivateKey = seal(checkKeyPair(input.spPrivateKeyPem, cert));
      c.spCertificate = cert.base64;
    }
    if (c.signAuthnRequests && !c.spPrivateKey) {
      throw badInput('samlConnection.signAuthnRequests.keyRequired', 'signing AuthnRequests needs an SP key pair (spPrivateKeyPem and spCertificatePem)', {
        field: 'signAuthnRequests',
      });
    }
    if (c.wantAssertionsEncrypted && !c.spPrivateKey) {
      throw badInput(
        'samlConnection.wantAssertionsEncrypted.keyRequired',
        'encrypted assertions need an SP key pair (spPrivateKeyPem and spCertificatePem) to decrypt them',
        { field: 'wantAssertionsEncrypted' },
      );
    }

    if (has('profile')) {
      nonNull('profile');
      if (!isIdentityProviderKind(input.profile)) {
        throw badInput('samlConnection.profile.invalid', `profile must be one of ${IDENTITY_PROVIDER_KINDS.join(', ')}`, { field: 'profile' });
      }
      c.profile = input.profile;
    }

    const after = auditValues(c);
    const changes: FieldChanges = {};
    for (const k of Object.keys(after)) {
      if (!sameJson(before[k], after[k])) changes[k] = { before: before[k] ?? null, after: after[k] };
    }
    // a new SP key always comes with its own certificate, so the spCertificate fingerprint shows key changes too
    if (existing && Object.keys(changes).length === 0) {
      if (metadataUrl) await em.flush(); // the fetch time, nothing else changed
      return toView(org, existing, publicUrl);
    }
    c.updatedAt = new Date();
    if (existing) c.version += 1;
    em.persist(c);
    await em.flush();
    await syncCertificateExpiries(em, organizationId, c);
    // the SAML default mappings follow the profile: every instance drops its copy of the configuration
    if (changes.profile) await configChanged(em, events, organizationId);
    events.push({
      type: 'SAML_CONNECTION_CONFIGURED',
      subjectType: 'SAML_CONNECTION',
      subjectId: organizationId,
      subjectLabel: c.idpEntityId,
      changes,
      data: { created: existing === null, importedFromMetadata: !!meta, ...(fetched ? { metadataUrl } : {}) },
    });
    return toView(org, c, publicUrl);
  });
}

/**
 * The IdP's Single Logout service: imported metadata sets (or, without one, clears) it; an explicit
 * idpSloUrl or idpSloBinding overrides that (an explicit URL has no separate response URL).
 */
function applySingleLogout(c: SamlConnection, meta: IdpMetadataValues | null | undefined, input: SamlConnectionInput): void {
  if (meta) {
    c.idpSloUrl = meta.slo?.url ?? null;
    c.idpSloResponseUrl = meta.slo?.responseUrl ?? null;
    c.idpSloBinding = meta.slo?.binding ?? null;
  }
  if (input.idpSloUrl !== undefined) {
    c.idpSloUrl = input.idpSloUrl === null ? null : httpsUrl(input.idpSloUrl, 'idpSloUrl');
    c.idpSloResponseUrl = null;
    if (input.idpSloBinding === undefined && c.idpSloUrl) c.idpSloBinding ??= SLO_BINDINGS[0];
  }
  if (input.idpSloBinding !== undefined && input.idpSloBinding !== null) {
    if (!(SLO_BINDINGS as readonly string[]).includes(input.idpSloBinding)) {
      throw badInput('samlConnection.idpSloBinding.invalid', `idpSloBinding must be one of ${SLO_BINDINGS.join(', ')}`, { field: 'idpSloBinding' });
    }
    c.idpSloBinding = input.idpSloBinding;
  }
  if (!c.idpSloUrl) {
    c.idpSloResponseUrl = null;
    c.idpSloBinding = null;
  }
}

/** When a connection fetched at `from` is due again: the interval plus up to a tenth of it (instances spread out over time). */
export function nextRefreshAt(from: Date, refreshSeconds: number): Date {
  return new Date(from.getTime() + refreshSeconds * 1000 * (1 + Math.random() / 10));
}

/** The metadata at `url` for configureSamlConnection; BAD_USER_INPUT naming why it was refused or could not be used. */
async function fetchForConfiguration(url: string, policy: NonNullable<CoreContext['samlMetadata']>): Promise<IdpMetadataValues> {
  try {
    const m = await loadIdpMetadata(url, policy);
    return { entityId: m.entityId, ssoUrl: m.ssoUrl, certificates: m.certificates, slo: m.slo };
  } catch (err) {
    if (!(err instanceof MetadataFetchError)) throw err;
    throw badInput(`samlConnection.idpMetadataUrl.${err.reason}`, err.message, { field: 'idpMetadataUrl' });
  }
}

/** Loads the connection for the SAML flows; NOT_FOUND when the organization has none. `withKey`: every SP private key too. */
export async function requireConnection(em: CoreContext['em'], organizationId: string, withKey = false): Promise<SamlConnection> {
  const c = await em.findOne(
    SamlConnection,
    { organization: organizationId },
    withKey ? { populate: ['spPrivateKey', 'spNextPrivateKey', 'spPreviousPrivateKey'] } : {},
  );
  if (!c) throw new AppError('NOT_FOUND', 'samlConnection.notFound', 'SAML sign-in is not configured for this organization');
  return c;
}

/**
 * At start: brings every stored SP private key to the configured SECRETS_KEY — plaintext ones are
 * sealed, ones sealed with an older key (still listed in SECRETS_KEY) are sealed again with the
 * first. One statement for all of them. Keys no configured key opens are counted and left alone.
 * Not an identity change (same key material), so no event.
 */
export async function resealSpKeys(em: Em): Promise<{ resealed: number; unreadable: number }> {
  const columns = ['sp_private_key', 'sp_next_private_key', 'sp_previous_private_key'] as const;
  let resealed = 0;
  let unreadable = 0;
  // one statement per column (the active key, the staged and the previous one of a rollover)
  for (const column of columns) {
    const rows = await sql<{ organization_id: string; key: string }>(
      em,
      `select organization_id, ${column} as key from saml_connections where ${column} is not null`,
    );
    const ids: string[] = [];
    const values: string[] = [];
    for (const r of rows) {
      if (isCurrent(r.key)) continue;
      try {
        values.push(seal(open(r.key)));
        ids.push(r.organization_id);
      } catch (e) {
        if (!(e instanceof SecretKeyError)) throw e;
        unreadable++;
      }
    }
    if (ids.length) {
      await sql(em, `update saml_connections c set ${column} = x.v from unnest(?::uuid[], ?::text[]) as x(id, v) where c.organization_id = x.id`, [
        pgArray(ids),
        pgArray(values),
      ]);
    }
    resealed += ids.length;
  }
  return { resealed, unreadable };
}
