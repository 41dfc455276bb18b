/**
 * The second, independent opinion: `@node-saml/node-saml` validates the response again (signatures,
 * Conditions timestamps, Audience). It runs last, so that the reasons of our own checks are the
 * precise ones; its failures are mapped to the same reasons.
 */
import { XMLSerializer } from '@xmldom/xmldom';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { parseXmlStrict, type NormalizedCertificate } from '../shared/xml.js';
import { Rejection, short } from './rejection.js';
import { childElements, NS_DSIG } from './saml-xml.js';

/** What node-saml is configured with (a SamlTrust is one). */
interface NodeSamlTrust {
  idpEntityId: string;
  spEntityId: string;
  acsUrl: string;
  wantAssertionsSigned: boolean;
  wantResponseSigned: boolean;
  now?: Date;
}

/**
 * node-saml's opinion of `xml`, and its NameID against ours. On the working copy of an encrypted
 * response, node-saml must not see the Response signature (it no longer covers the document; it was
 * verified before decryption): removed, with wantAuthnResponseSigned off, node-saml verifies the
 * Assertion signature instead. An encrypted assertion that is not signed itself has nothing node-saml
 * could verify (it reads only signed assertions, and the SP key stays in the core); our checks are
 * the only ones then.
 */
export async function checkWithNodeSaml(
  xml: string,
  trust: NodeSamlTrust,
  certs: NormalizedCertificate[],
  skew: number,
  signed: { decrypted: boolean; response: boolean; assertion: boolean },
  nameId: string,
): Promise<Rejection | undefined> {
  let profile: { nameID?: unknown } | Rejection | null = null;
  if (!signed.decrypted) profile = await runNodeSaml(xml, trust, certs, skew, signed.response);
  else if (signed.assertion)
    profile = await runNodeSaml(withoutResponseSignature(xml), { ...trust, wantResponseSigned: false, wantAssertionsSigned: true }, certs, skew, false);
  if (profile instanceof Rejection) return profile;
  if (profile && String(profile.nameID ?? '').trim() !== nameId) return new Rejection('wrapping', 'node-saml and the strict parser disagree about the NameID');
  return undefined;
}

async function runNodeSaml(
  xml: string,
  trust: NodeSamlTrust,
  certs: NormalizedCertificate[],
  skew: number,
  responseSigned: boolean,
): Promise<{ nameID?: unknown } | Rejection> {
  const saml = new SAML({
    idpCert: certs.map((c) => c.pem),
    issuer: trust.spEntityId,
    audience: trust.spEntityId,
    callbackUrl: trust.acsUrl,
    idpIssuer: trust.idpEntityId,
    wantAssertionsSigned: trust.wantAssertionsSigned,
    wantAuthnResponseSigned: trust.wantResponseSigned,
    // node-saml reads the wall clock; with an injected `now` its time checks are switched off
    // (-1) and ours, which honour `now`, are the only ones.
    acceptedClockSkewMs: trust.now ? -1 : skew,
    maxAssertionAgeMs: 0,
    validateInResponseTo: ValidateInResponseTo.never,
  });
  let result: Awaited<ReturnType<SAML['validatePostResponseAsync']>>;
  try {
    result = await saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') });
  } catch (err) {
    return mapNodeSamlError(err, responseSigned);
  }
  if (!result.profile || result.loggedOut) return new Rejection('malformed', 'node-saml did not produce a login profile');
  return result.profile as { nameID?: unknown };
}

/** node-saml's error, as the reason our own check would have given. */
function mapNodeSamlError(err: unknown, responseSigned: boolean): Rejection {
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  const d = (s: string) => `node-saml: ${short(s)}`;
  if (name === 'SamlStatusError' || /^SAML provider returned/.test(message)) return new Rejection('status', d(message));
  if (/not yet valid/i.test(message)) return new Rejection('not_yet_valid', d(message));
  if (/expired/i.test(message)) return new Rejection('expired', d(message));
  if (/audience/i.test(message)) return new Rejection('audience', d(message));
  if (/multiple assertions/i.test(message)) return new Rejection('multiple_assertions', d(message));
  if (/ID cannot refer|Referenced node|Too many signatures|multiple elements with the same value/i.test(message)) {
    return new Rejection('wrapping', d(message));
  }
  if (/Invalid document signature/.test(message)) return new Rejection(responseSigned ? 'bad_signature' : 'unsigned', d(message));
  if (/signature/i.test(message)) return new Rejection('bad_signature', d(message));
  if (/decrypt|Encrypted/i.test(message)) return new Rejection('encrypted_unsupported', d(message));
  return new Rejection('malformed', d(message));
}

/** The document without the Signature directly in its root element. */
function withoutResponseSignature(xml: string): string {
  const doc = parseXmlStrict(xml);
  const root = doc.documentElement!;
  for (const s of childElements(root, NS_DSIG, 'Signature')) root.removeChild(s);
  return new XMLSerializer().serializeToString(doc);
}
