import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { OidcClient as OidcClientEntity, OrganizationDomain as OrganizationDomainEntity } from '../../core/entities/oidc.js';
import type { Organization as OrganizationEntity } from '../../core/entities/organization.js';
import { AppError } from '../../core/errors.js';
import {
  createOidcClient,
  deleteOidcClient,
  listOidcClients,
  oidcClientMetadata,
  rotateOidcClientSecret,
  updateOidcClient,
} from '../../core/services/oidc-clients.js';
import { oidcAccountClaims, recordOidcSignIn, resolveOidcOrganization } from '../../core/services/oidc-accounts.js';
import { queueOidcBackchannelLogout, recordOidcLogout } from '../../core/services/oidc-logout.js';
import { DEFAULT_RETIRE_SECONDS, listSigningKeys, providerSigningKeys, rotateSigningKeys, type SigningKeyRow } from '../../core/services/oidc-signing-keys.js';
import { consumeOidcPayload, destroyOidcPayload, findOidcPayload, revokeOidcGrant, storeOidcPayload } from '../../core/services/oidc-store.js';
import {
  addOrganizationDomain,
  dnsRecordName,
  listOrganizationDomains,
  removeOrganizationDomain,
  verifyOrganizationDomain,
} from '../../core/services/organization-domains.js';
import type { GraphQLContext } from '../context.js';
import { Organization } from '../types/organization.js';
import {
  CreatedOidcClient,
  CreateOidcClientInput,
  OidcAccount,
  OidcClient,
  OidcOrganization,
  OidcSigningKey,
  OrganizationDomain,
  UpdateOidcClientInput,
} from '../types/oidc.js';

const clientOut = (c: OidcClientEntity) => ({ ...c, clientId: c.id, public: c.secretHash === null });
const domainOut = (d: OrganizationDomainEntity) => ({
  ...d,
  verified: d.verifiedAt !== null,
  dnsRecordName: dnsRecordName(d.domain),
  dnsRecordValue: d.verificationToken,
});
const date = (v: Date | string | null) => (v === null ? null : new Date(v));
const keyOut = (k: SigningKeyRow) => ({
  kid: k.kid,
  state: k.state,
  createdAt: date(k.created_at),
  activatedAt: date(k.activated_at),
  retireAt: date(k.retire_at),
});

function issuerOf(ctx: GraphQLContext): string {
  if (!ctx.publicUrl) throw new AppError('PRECONDITION_FAILED', 'oidc.publicUrl.unknown', 'the public URL of this service is unknown here; set PUBLIC_URL');
  return `${ctx.publicUrl}/oidc`;
}

const ADAPTER_ONLY = ' OpenID Connect adapter only (in-process); every key is refused.';

/** OpenID Connect clients, signing keys, organizations' email domains, and the OIDC adapter's own operations (docs/OIDC.md). */
@Resolver(() => Organization)
export class OidcResolver {
  @Query(() => [OidcClient], { description: 'The OpenID Connect clients (host applications), oldest first. Platform keys only.' })
  async oidcClients(@Ctx() ctx: GraphQLContext) {
    return (await listOidcClients(ctx.core)).map(clientOut);
  }

  @Mutation(() => CreatedOidcClient, {
    description:
      'Registers a host application as an OpenID Connect client; its secret is shown only in this response. Platform keys only. Recorded as OIDC_CLIENT_CREATED.',
  })
  async createOidcClient(@Ctx() ctx: GraphQLContext, @Arg('input', () => CreateOidcClientInput, { description: 'The client.' }) input: CreateOidcClientInput) {
    const r = await createOidcClient(ctx.core, input);
    return { clientId: r.client.id, clientSecret: r.clientSecret, client: clientOut(r.client) };
  }

  @Mutation(() => OidcClient, { description: 'Changes a client (omitted fields are kept). Platform keys only. Recorded as OIDC_CLIENT_UPDATED.' })
  async updateOidcClient(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'The client.' }) id: string,
    @Arg('input', () => UpdateOidcClientInput, { description: 'The changes.' }) input: UpdateOidcClientInput,
  ) {
    return clientOut(await updateOidcClient(ctx.core, id, input));
  }

  @Mutation(() => CreatedOidcClient, {
    description: "Replaces a confidential client's secret (shown only in this response); the old one stops working at once. Platform keys only.",
  })
  async rotateOidcClientSecret(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'The client.' }) id: string) {
    const r = await rotateOidcClientSecret(ctx.core, id);
    return { clientId: r.client.id, clientSecret: r.clientSecret, client: clientOut(r.client) };
  }

  @Mutation(() => OidcClient, { description: 'Deletes a client; its tokens stop working. Platform keys only. Recorded as OIDC_CLIENT_DELETED.' })
  async deleteOidcClient(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'The client.' }) id: string) {
    return clientOut(await deleteOidcClient(ctx.core, id));
  }

  @Query(() => [OidcSigningKey], { description: 'The OpenID Connect signing keys published in the JWKS (CURRENT, NEXT, RETIRED). Platform keys only.' })
  async oidcSigningKeys(@Ctx() ctx: GraphQLContext) {
    return (await listSigningKeys(ctx.core)).map(keyOut);
  }

  @Mutation(() => [OidcSigningKey], {
    description:
      'Rotates the signing keys: NEXT (published since its creation) starts signing, CURRENT is RETIRED (published for retireAfterSeconds more), a new NEXT is created. Instances pick the change up within a minute. Platform keys only.',
  })
  async rotateOidcSigningKeys(
    @Ctx() ctx: GraphQLContext,
    @Arg('retireAfterSeconds', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_RETIRE_SECONDS,
      description: 'How long the replaced key stays published: 0 to 2592000 (30 days); default 86400.',
    })
    retireAfterSeconds: number,
  ) {
    return (await rotateSigningKeys(ctx.core, retireAfterSeconds)).map(keyOut);
  }

  @FieldResolver(() => [OrganizationDomain], { description: 'Email domains the organization claims, verified or not, by name.' })
  async domains(@Ctx() ctx: GraphQLContext, @Root() org: OrganizationEntity) {
    return (await listOrganizationDomains(ctx.core, org.id)).map(domainOut);
  }

  @Mutation(() => OrganizationDomain, {
    description:
      'Claims an email domain for the organization; publish `dnsRecordValue` as a TXT record at `dnsRecordName`, then the platform operator records it verified. Needs `manage`. Recorded as ORGANIZATION_DOMAIN_ADDED.',
  })
  async addOrganizationDomain(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('domain', () => String, { description: 'The domain, e.g. `acme.example` (no scheme, no @).' }) domain: string,
  ) {
    return domainOut(await addOrganizationDomain(ctx.core, organizationId, domain));
  }

  @Mutation(() => OrganizationDomain, {
    description:
      'Records a domain verified, after the operator (or its automation) checked the TXT record. Platform keys only: an organization cannot vouch for its own claim. CONFLICT when another organization holds it verified. Recorded as ORGANIZATION_DOMAIN_VERIFIED.',
  })
  async verifyOrganizationDomain(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The domain.' }) id: string,
  ) {
    return domainOut(await verifyOrganizationDomain(ctx.core, organizationId, id));
  }

  @Mutation(() => OrganizationDomain, { description: 'Removes a domain from the organization. Needs `manage`. Recorded as ORGANIZATION_DOMAIN_REMOVED.' })
  async removeOrganizationDomain(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The domain.' }) id: string,
  ) {
    return domainOut(await removeOrganizationDomain(ctx.core, organizationId, id));
  }

  // --- the OpenID Connect adapter's own operations ---

  @Query(() => OidcOrganization, { nullable: true, description: `The organization a sign-in names, by slug or by a verified email domain.${ADAPTER_ONLY}` })
  oidcOrganization(
    @Ctx() ctx: GraphQLContext,
    @Arg('slug', () => String, { nullable: true, description: 'The `organization` parameter.' }) slug: string | null,
    @Arg('email', () => String, { nullable: true, description: 'A work email (the `login_hint`).' }) email: string | null,
  ) {
    return resolveOidcOrganization(ctx.core, { slug, email });
  }

  @Query(() => OidcAccount, { nullable: true, description: `An active user's claims (null: unknown or deactivated).${ADAPTER_ONLY}` })
  oidcAccount(@Ctx() ctx: GraphQLContext, @Arg('userId', () => ID, { description: 'The user (the `sub`).' }) userId: string) {
    return oidcAccountClaims(ctx.core, userId);
  }

  @Query(() => GraphQLJSONObject, {
    nullable: true,
    description: `A client's OAuth metadata as the provider reads it (client_secret: its SHA-256).${ADAPTER_ONLY}`,
  })
  oidcClientMetadata(@Ctx() ctx: GraphQLContext, @Arg('clientId', () => String, { description: 'The client_id.' }) clientId: string) {
    return oidcClientMetadata(ctx.core, clientId);
  }

  @Query(() => [GraphQLJSONObject], { description: `The private signing JWKs, CURRENT first.${ADAPTER_ONLY}` })
  oidcProviderKeys(@Ctx() ctx: GraphQLContext) {
    return providerSigningKeys(ctx.core);
  }

  @Query(() => GraphQLJSONObject, { nullable: true, description: `A stored provider payload by id, uid or user code.${ADAPTER_ONLY}` })
  oidcPayload(
    @Ctx() ctx: GraphQLContext,
    @Arg('model', () => String, { description: 'The oidc-provider model.' }) model: string,
    @Arg('id', () => String, { nullable: true, description: 'Its id.' }) id: string | null,
    @Arg('uid', () => String, { nullable: true, description: 'A Session uid.' }) uid: string | null,
    @Arg('userCode', () => String, { nullable: true, description: 'A device user code.' }) userCode: string | null,
  ) {
    return findOidcPayload(ctx.core, model, { id, uid, userCode });
  }

  @Mutation(() => Boolean, { description: `Stores a provider payload.${ADAPTER_ONLY}` })
  storeOidcPayload(
    @Ctx() ctx: GraphQLContext,
    @Arg('model', () => String, { description: 'The oidc-provider model.' }) model: string,
    @Arg('id', () => String, { description: 'Its id.' }) id: string,
    @Arg('payload', () => GraphQLJSONObject, { description: 'The payload.' }) payload: Record<string, unknown>,
    @Arg('expiresIn', () => Int, { nullable: true, description: 'Seconds until it expires.' }) expiresIn: number | null,
  ) {
    return storeOidcPayload(ctx.core, model, id, payload, expiresIn ?? null, issuerOf(ctx));
  }

  @Mutation(() => Boolean, { description: `Marks a provider payload consumed.${ADAPTER_ONLY}` })
  consumeOidcPayload(
    @Ctx() ctx: GraphQLContext,
    @Arg('model', () => String, { description: 'The oidc-provider model.' }) model: string,
    @Arg('id', () => String, { description: 'Its id.' }) id: string,
  ) {
    return consumeOidcPayload(ctx.core, model, id);
  }

  @Mutation(() => Boolean, { description: `Deletes a provider payload.${ADAPTER_ONLY}` })
  destroyOidcPayload(
    @Ctx() ctx: GraphQLContext,
    @Arg('model', () => String, { description: 'The oidc-provider model.' }) model: string,
    @Arg('id', () => String, { description: 'Its id.' }) id: string,
  ) {
    return destroyOidcPayload(ctx.core, model, id);
  }

  @Mutation(() => Int, { description: `Deletes everything issued under a grant; how many payloads.${ADAPTER_ONLY}` })
  revokeOidcGrant(@Ctx() ctx: GraphQLContext, @Arg('grantId', () => String, { description: 'The grant.' }) grantId: string) {
    return revokeOidcGrant(ctx.core, grantId);
  }

  @Mutation(() => Boolean, { description: `Records a sign-in handed to a client (OIDC_SIGNED_IN).${ADAPTER_ONLY}` })
  recordOidcSignIn(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('userId', () => ID, { description: 'The user.' }) userId: string,
    @Arg('clientId', () => String, { description: 'The client.' }) clientId: string,
  ) {
    return recordOidcSignIn(ctx.core, organizationId, userId, clientId);
  }

  @Mutation(() => Boolean, { description: `Records an RP-initiated logout (OIDC_LOGGED_OUT).${ADAPTER_ONLY}` })
  recordOidcLogout(
    @Ctx() ctx: GraphQLContext,
    @Arg('userId', () => ID, { description: 'The user.' }) userId: string,
    @Arg('clientId', () => String, { nullable: true, description: 'The client that asked, if known.' }) clientId: string | null,
  ) {
    return recordOidcLogout(ctx.core, userId, clientId);
  }

  @Mutation(() => Boolean, { description: `Queues a back-channel logout of a client for a user (RP-initiated logout).${ADAPTER_ONLY}` })
  queueOidcBackchannelLogout(
    @Ctx() ctx: GraphQLContext,
    @Arg('clientId', () => String, { description: 'The client.' }) clientId: string,
    @Arg('userId', () => ID, { description: 'The user.' }) userId: string,
    @Arg('sid', () => String, { nullable: true, description: 'The session id the client knows.' }) sid: string | null,
  ) {
    return queueOidcBackchannelLogout(ctx.core, clientId, userId, sid, issuerOf(ctx));
  }
}
