/**
 * SP key rollover with overlap (docs/SAML.md "SP key rollover"). Three steps, each its own mutation
 * and event, so that the IdP can be updated on its own schedule without a failed sign-in:
 *
 * 1. stage: a next key pair is stored (sealed) and published in SP metadata beside the active one
 *    (signing and encryption KeyDescriptors, as the active one is); it already decrypts.
 * 2. activate: the staged pair signs AuthnRequests from now on; the one before becomes the previous
 *    pair, which still decrypts assertions encrypted to it.
 * 3. retire: the previous pair is deleted; assertions encrypted to its certificate are refused by
 *    that name (`saml.decrypt.retiredKey`).
 */
import { authorize, type CoreContext } from '../access.js';
import { Organization } from '../entities/organization.js';
import { SamlConnection } from '../entities/saml.js';
import { AppError, badInput, notFound } from '../errors.js';
import { holdAdvisoryLock, SAML_CONNECTION_WRITE_LOCK } from '../locks.js';
import { seal } from '../secret-box.js';
import { isUuid } from '../../shared/ids.js';
import { samlConnectionView, type SamlConnectionView } from './saml-connections.js';
import { syncCertificateExpiries } from './saml-certificate-lifecycle.js';
import { checkKeyPair, fingerprint, parseCertificate } from './saml-keys.js';
import { transact, type EventBuffer } from './transaction.js';
import type { Em } from '../db.js';

/** Retired certificates remembered (fingerprints) so that an assertion encrypted to one is refused by name. */
const RETIRED_KEPT = 10;

export interface StagedKeyInput {
  privateKeyPem?: string | null;
  certificatePem?: string | null;
}

const precondition = (reason: string, message: string) => new AppError('PRECONDITION_FAILED', reason, message, {});

/** Runs one rollover step on the locked connection (with every key loaded), bumps its version and syncs the certificate list. */
async function step(
  ctx: CoreContext,
  organizationId: string,
  publicUrl: string,
  change: (c: SamlConnection, events: EventBuffer) => void,
): Promise<SamlConnectionView> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorize(ctx, organizationId, 'manage');
  return transact(ctx, organizationId, async (em: Em, events) => {
    await holdAdvisoryLock(em, SAML_CONNECTION_WRITE_LOCK, organizationId);
    const org = await em.findOne(Organization, { id: organizationId });
    if (!org) throw notFound('organization');
    const c = await em.findOne(SamlConnection, { organization: organizationId }, { populate: ['spPrivateKey', 'spNextPrivateKey', 'spPreviousPrivateKey'] });
    if (!c) throw new AppError('NOT_FOUND', 'samlConnection.notFound', 'SAML sign-in is not configured for this organization');
    change(c, events);
    c.version += 1;
    c.updatedAt = new Date();
    await em.flush();
    await syncCertificateExpiries(em, organizationId, c);
    return samlConnectionView(org, c, publicUrl);
  });
}

/** `stageSamlServiceProviderKey`: stores the next SP key pair (replacing a staged one that was never activated). */
export async function stageSpKey(ctx: CoreContext, organizationId: string, input: StagedKeyInput, publicUrl: string): Promise<SamlConnectionView> {
  // checked before the transaction: a bad key costs no lock
  const cert = parseCertificate(input.certificatePem, 'certificatePem');
  let pkcs8: string;
  try {
    pkcs8 = checkKeyPair(input.privateKeyPem, cert);
  } catch (err) {
    // the same checks as configureSamlConnection's, named after this mutation's fields
    if (err instanceof AppError) {
      const rename = (text: string) => text.replace(/spPrivateKeyPem/g, 'privateKeyPem').replace(/spCertificatePem/g, 'certificatePem');
      throw badInput(err.reason, rename(err.message), { field: rename(String(err.details.field ?? 'privateKeyPem')) });
    }
    throw err;
  }
  return step(ctx, organizationId, publicUrl, (c, events) => {
    if (!c.spCertificate || !c.spPrivateKey)
      throw precondition('samlConnection.spKey.noActiveKey', 'there is no active SP key pair to roll over from; set one with configureSamlConnection');
    const fp = fingerprint(cert.base64);
    if (cert.base64 === c.spCertificate || cert.base64 === c.spPreviousCertificate || c.spRetiredCertificates.includes(fp))
      throw badInput('samlConnection.spKey.reused', 'this certificate is (or was) already an SP certificate of the connection; stage a new key pair', {
        field: 'certificatePem',
      });
    const replaced = c.spNextCertificate ? fingerprint(c.spNextCertificate) : null;
    c.spNextPrivateKey = seal(pkcs8);
    c.spNextCertificate = cert.base64;
    events.push({
      type: 'SAML_SP_KEY_STAGED',
      subjectType: 'SAML_CONNECTION',
      subjectId: c.organization,
      subjectLabel: c.idpEntityId,
      changes: { spNextCertificate: { before: replaced, after: fp } },
      data: { certificate: fp, notAfter: cert.x509.validTo, replacedStagedCertificate: replaced },
    });
  });
}

/** `activateSamlServiceProviderKey`: the staged pair becomes the active one; the active one becomes the previous one (still decrypting). */
export async function activateSpKey(ctx: CoreContext, organizationId: string, publicUrl: string): Promise<SamlConnectionView> {
  return step(ctx, organizationId, publicUrl, (c, events) => {
    if (!c.spNextCertificate || !c.spNextPrivateKey)
      throw precondition('samlConnection.spKey.noStagedKey', 'no SP key pair is staged; stage one with stageSamlServiceProviderKey first');
    if (c.spPreviousCertificate)
      throw precondition(
        'samlConnection.spKey.previousNotRetired',
        'the previous SP key pair still decrypts; retire it with retireSamlServiceProviderKey before activating another one',
      );
    const before = c.spCertificate ? fingerprint(c.spCertificate) : null;
    const after = fingerprint(c.spNextCertificate);
    c.spPreviousPrivateKey = c.spPrivateKey;
    c.spPreviousCertificate = c.spCertificate;
    c.spPrivateKey = c.spNextPrivateKey;
    c.spCertificate = c.spNextCertificate;
    c.spNextPrivateKey = null;
    c.spNextCertificate = null;
    events.push({
      type: 'SAML_SP_KEY_ACTIVATED',
      subjectType: 'SAML_CONNECTION',
      subjectId: c.organization,
      subjectLabel: c.idpEntityId,
      changes: { spCertificate: { before, after }, spPreviousCertificate: { before: null, after: before }, spNextCertificate: { before: after, after: null } },
      data: { certificate: after, previousCertificate: before },
    });
  });
}

/** `retireSamlServiceProviderKey`: deletes the previous pair; assertions encrypted to it are refused from now on. */
export async function retireSpKey(ctx: CoreContext, organizationId: string, publicUrl: string): Promise<SamlConnectionView> {
  return step(ctx, organizationId, publicUrl, (c, events) => {
    if (!c.spPreviousCertificate) throw precondition('samlConnection.spKey.noPreviousKey', 'there is no previous SP key pair to retire');
    const fp = fingerprint(c.spPreviousCertificate);
    c.spPreviousPrivateKey = null;
    c.spPreviousCertificate = null;
    c.spRetiredCertificates = [fp, ...c.spRetiredCertificates.filter((f) => f !== fp)].slice(0, RETIRED_KEPT);
    events.push({
      type: 'SAML_SP_KEY_RETIRED',
      subjectType: 'SAML_CONNECTION',
      subjectId: c.organization,
      subjectLabel: c.idpEntityId,
      changes: { spPreviousCertificate: { before: fp, after: null } },
      data: { certificate: fp },
    });
  });
}
