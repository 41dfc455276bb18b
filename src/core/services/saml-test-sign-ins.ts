/**
 * Test sign-ins of an organization's SAML connection (`startSamlTestSignIn`): the admin setting up SSO
 * (a setup link's SSO scope, or `manage`) opens a login URL marked as a test; the SAML adapter links
 * the AuthnRequest it sends to the test, and its ACS records what arrived (NameID, attributes,
 * AuthnContext) and what the mappings and policy made of it (the `previewProvisioning` dry run). A
 * dry run changes no user and opens no session; otherwise the person is signed in as usual. Kept in
 * PostgreSQL, so any instance may serve the login, the ACS and the query.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Em } from '../db.js';
import { Organization } from '../entities/organization.js';
import { SamlConnection } from '../entities/saml.js';
import { SamlTestSignIn } from '../entities/saml-test-sign-in.js';
import { AppError, badInput, forbidden, notFound } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { sha256 } from '../secrets.js';
import { authorize, authorizeAny, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import { samlEndpoints } from './saml-connections.js';
import { previewProvisioning, type PreviewResult } from './provisioning.js';

/** The login URL's parameter that carries the test's secret; the adapter sends it on as RelayState `TEST_RELAY_PREFIX + secret`. */
export const TEST_SIGN_IN_PARAM = 'testSignIn';
export const TEST_RELAY_PREFIX = 'idm-test.';
/** Test sign-ins are deleted this long after they were created. */
const TEST_SIGN_IN_RETENTION_SECONDS = 24 * 3600;
/** How long a started test may take: reaching the IdP, then the AuthnRequest's own 30 minutes (saml-sign-in.ts). */
const TEST_SIGN_IN_TTL_SECONDS = 3600;
/** Unfinished tests one organization may have at once. */
const MAX_PENDING = 20;
const TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;
/** Bounds of what a test records from an assertion (an IdP may send many attributes). */
const MAX_ATTRIBUTES = 200;
const MAX_VALUES = 100;
const MAX_TEXT = 2048;

export interface StartedTestSignIn {
  test: SamlTestSignIn;
  /** The login URL that starts the test (carries its secret; never stored). */
  url: string;
}

/** Starts a test sign-in (`manage` or a setup link's SSO scope); the connection must be configured. Recorded as SAML_TEST_SIGN_IN_STARTED. */
export async function startSamlTestSignIn(ctx: CoreContext, organizationId: string, dryRun: boolean, publicUrl: string): Promise<StartedTestSignIn> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorizeAny(ctx, organizationId, ['manage', 'configureSso']);
  if (typeof dryRun !== 'boolean') throw badInput('samlTestSignIn.dryRun.invalid', 'dryRun must be true or false', { field: 'dryRun' });
  const token = randomBytes(24).toString('base64url');
  return transact(ctx, organizationId, async (em, events) => {
    const org = await em.findOne(Organization, { id: organizationId });
    if (!org) throw notFound('organization');
    const c = await em.findOne(SamlConnection, { organization: organizationId });
    if (!c || !c.idpSsoUrl || !c.idpEntityId)
      throw new AppError(
        'PRECONDITION_FAILED',
        'samlConnection.notConfigured',
        "the SAML connection is not configured yet: upload the identity provider's metadata first",
      );
    await sql(em, `delete from saml_test_sign_ins where organization_id = ? and created_at < now() - make_interval(secs => ?)`, [
      organizationId,
      TEST_SIGN_IN_RETENTION_SECONDS,
    ]);
    const [pending] = await sql<{ n: number }>(
      em,
      `select count(*)::int as n from saml_test_sign_ins where organization_id = ? and status = 'PENDING' and expires_at > now()`,
      [organizationId],
    );
    if ((pending?.n ?? 0) >= MAX_PENDING)
      throw badInput('samlTestSignIn.tooMany', `the organization has ${MAX_PENDING} unfinished test sign-ins; finish one or wait for them to expire`);
    const test = Object.assign(new SamlTestSignIn(), {
      organization: organizationId,
      tokenHash: sha256(token),
      dryRun,
      createdBy: ctx.principal.label,
      expiresAt: new Date(Date.now() + TEST_SIGN_IN_TTL_SECONDS * 1000),
    });
    em.persist(test);
    await em.flush();
    events.push({
      type: 'SAML_TEST_SIGN_IN_STARTED',
      subjectType: 'SAML_CONNECTION',
      subjectId: organizationId,
      subjectLabel: org.slug,
      data: { testSignInId: test.id, dryRun },
    });
    const url = `${samlEndpoints(publicUrl, org.slug).loginUrl}?${TEST_SIGN_IN_PARAM}=${token}`;
    return { test, url };
  });
}

/** A test sign-in by id, for `read` in its organization or a setup link's SSO scope; null when unknown or not visible. */
export async function getSamlTestSignIn(ctx: CoreContext, id: string): Promise<SamlTestSignIn | null> {
  if (!isUuid(id)) return null;
  const p = ctx.principal;
  const test = await ctx.em.findOne(SamlTestSignIn, p.kind === 'PLATFORM' ? { id } : { id, organization: p.organizationId ?? '' });
  if (!test) return null;
  authorizeAny(ctx, test.organization, ['read', 'configureSso']);
  return test;
}

/**
 * The SAML adapter's login for a test: links the AuthnRequest about to be sent to the unfinished test
 * the secret names (in the AuthnRequest's transaction). Throws BAD_USER_INPUT when there is none.
 */
export async function linkTestSignIn(em: Em, organizationId: string, token: unknown, authnRequestId: string): Promise<void> {
  const rows =
    typeof token === 'string' && TOKEN_RE.test(token)
      ? await sql<{ id: string }>(
          em,
          `update saml_test_sign_ins set authn_request_id = ?
            where organization_id = ? and token_hash = ? and status = 'PENDING' and expires_at > now() returning id`,
          [authnRequestId, organizationId, sha256(token)],
        )
      : [];
  if (!rows.length)
    throw badInput('saml.testSignIn.unknown', 'this test sign-in is unknown, expired or already finished; start a new one from the setup page', {
      field: 'testSignIn',
    });
}

export interface TestSignInOutcome {
  /** The test, by id (from the consumed AuthnRequest) or by the secret of the RelayState (a response refused before). */
  id?: string | null;
  token?: string | null;
  /** The refusal's reason (a validation rejection's name, or the core's reason), or null when the sign-in went through. */
  failureReason?: string | null;
  failureMessage?: string | null;
  nameId?: string | null;
  nameIdFormat?: string | null;
  issuer?: string | null;
  authnContextClassRef?: string | null;
  attributes?: Record<string, unknown> | null;
  /** The user signed in (not a dry run), and whether the sign-in created it. */
  userId?: string | null;
  created?: boolean | null;
}

/**
 * Records how a test sign-in ended (the SAML adapter only, from its ACS). With the assertion's
 * attributes, the mappings' result is computed by the real sign-in code in a rolled-back
 * transaction (`previewProvisioning`); in a dry run a refusal there (seat limit, domain) makes the
 * test FAILED with that reason. Only an unfinished, unexpired test changes; returns null otherwise.
 */
export async function recordTestSignInResult(ctx: CoreContext, organizationId: string, outcome: TestSignInOutcome): Promise<SamlTestSignIn | null> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorize(ctx, organizationId, 'signIn');
  if (ctx.principal.kind !== 'SAML') throw forbidden('only the SAML adapter records the results of test sign-ins');
  const byId = typeof outcome.id === 'string' && isUuid(outcome.id);
  const byToken = typeof outcome.token === 'string' && TOKEN_RE.test(outcome.token);
  if (!byId && !byToken) throw badInput('samlTestSignIn.id.required', 'the test sign-in is named by its id or its secret');
  const test = await ctx.em.findOne(
    SamlTestSignIn,
    byId ? { id: outcome.id!, organization: organizationId } : { tokenHash: sha256(outcome.token!), organization: organizationId },
  );
  if (!test || test.status !== 'PENDING' || test.expiresAt.getTime() <= Date.now()) return null;

  const attributes = boundedAttributes(outcome.attributes);
  let status: 'SUCCEEDED' | 'FAILED' = outcome.failureReason ? 'FAILED' : 'SUCCEEDED';
  let failureReason = outcome.failureReason ? text(outcome.failureReason) : null;
  let failureMessage = outcome.failureMessage ? text(outcome.failureMessage) : null;
  let preview: Record<string, unknown> | null = null;
  if (outcome.nameId && attributes) {
    const p = await previewProvisioning(ctx, organizationId, 'SAML', {
      subject: outcome.nameId,
      attributes: Object.fromEntries(attributes.map((a) => [a.name, a.values])),
    });
    preview = previewJson(p, outcome.created ?? null);
    if (test.dryRun && status === 'SUCCEEDED' && p.error) {
      status = 'FAILED';
      failureReason = p.error.reason;
      failureMessage = p.error.message;
    }
  }
  const groups = preview ? mappedGroups(preview) : null;
  const rows = await sql<{ id: string }>(
    ctx.em,
    `update saml_test_sign_ins set status = ?, failure_reason = ?, failure_message = ?, name_id = ?, name_id_format = ?, issuer = ?,
            authn_context_class_ref = ?, attributes = ?::jsonb, groups = ?::jsonb, preview = ?::jsonb, user_id = ?, completed_at = now()
      where id = ? and status = 'PENDING' returning id`,
    [
      status,
      failureReason,
      failureMessage,
      outcome.nameId ? text(outcome.nameId) : null,
      outcome.nameIdFormat ? text(outcome.nameIdFormat) : null,
      outcome.issuer ? text(outcome.issuer) : null,
      outcome.authnContextClassRef ? text(outcome.authnContextClassRef) : null,
      attributes ? JSON.stringify(attributes) : null,
      groups ? JSON.stringify(groups) : null,
      preview ? JSON.stringify(preview) : null,
      outcome.userId && isUuid(outcome.userId) ? outcome.userId : null,
      test.id,
    ],
  );
  if (!rows.length) return null; // finished meanwhile by a concurrent post
  ctx.em.clear();
  return ctx.em.findOne(SamlTestSignIn, { id: test.id });
}

const text = (v: unknown) => String(v).slice(0, MAX_TEXT);

function boundedAttributes(raw: Record<string, unknown> | null | undefined): Array<{ name: string; values: string[] }> | null {
  if (!raw || typeof raw !== 'object') return null;
  return Object.entries(raw)
    .slice(0, MAX_ATTRIBUTES)
    .map(([name, v]) => ({
      name: text(name),
      values: (Array.isArray(v) ? v : [v]).slice(0, MAX_VALUES).map((x) => text(x ?? '')),
    }));
}

/** The preview as the GraphQL type ProvisioningPreview shows it (what `previewProvisioning` answers). */
function previewJson(p: PreviewResult, created: boolean | null): Record<string, unknown> {
  return {
    user: p.user,
    created: created ?? p.created,
    skippedFields: p.skipped,
    refusedAttributes: p.refused,
    rules: p.outcomes,
    error: p.error
      ? { code: p.error.code, reason: p.error.reason, message: p.error.message, field: (p.error.details.field as string | undefined) ?? null }
      : null,
  };
}

/** The group names the mappings produced (the value of the rule that fired for the `groups` target). */
function mappedGroups(preview: Record<string, unknown>): string[] {
  const rules = (preview.rules ?? []) as Array<{ target: string; fired: boolean; value: unknown }>;
  const fired = rules.find((r) => r.target === 'groups' && r.fired);
  return Array.isArray(fired?.value) ? fired.value.map(String) : [];
}
