import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AppError, badInput } from '../../core/errors.js';
import { authorizeAny } from '../../core/access.js';
import { configureSamlConnection, getSamlConnection, resolveSamlOrganization, type IdpMetadataValues } from '../../core/services/saml-connections.js';
import { decryptAssertion } from '../../core/services/saml-decrypt.js';
import { refreshSamlMetadata } from '../../core/services/saml-metadata-refresh.js';
import { activateSpKey, retireSpKey, stageSpKey } from '../../core/services/saml-sp-key-rollover.js';
import { consumeAssertion, recordAuthnRequest } from '../../core/services/saml-sign-in.js';
import { parseIdpMetadata } from '../../shared/saml-idp-metadata.js';
import type { GraphQLContext } from '../context.js';
import {
  SamlAssertionUse,
  SamlAssertionUseInput,
  SamlAuthnRequest,
  SamlAuthnRequestInput,
  SamlConnection,
  SamlConnectionInput,
  SamlDecryptedAssertion,
  SamlEncryptedAssertionInput,
  SamlOrganization,
  SamlServiceProviderKeyInput,
} from '../types/saml.js';

function publicUrlOf(ctx: GraphQLContext): string {
  if (!ctx.publicUrl) throw new AppError('PRECONDITION_FAILED', 'saml.publicUrl.unknown', 'the public URL of this service is unknown here; set PUBLIC_URL');
  return ctx.publicUrl;
}

function metadataOf(xml: string | null | undefined): IdpMetadataValues | null {
  if (xml === undefined || xml === null) return null;
  try {
    const m = parseIdpMetadata(xml);
    return { entityId: m.entityId, ssoUrl: m.ssoUrl, certificates: m.certificates, slo: m.slo };
  } catch (err) {
    throw badInput('samlConnection.idpMetadataXml.invalid', (err as Error).message, { field: 'idpMetadataXml' });
  }
}

@Resolver()
export class SamlResolver {
  @Query(() => SamlConnection, { description: "The organization's SAML connection, including the derived SP side (also before it is configured)." })
  samlConnection(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string) {
    return getSamlConnection(ctx.core, organizationId, publicUrlOf(ctx));
  }

  @Mutation(() => SamlConnection, {
    description:
      'Creates or changes the SAML connection: fields, or IdP metadata XML (explicit fields override it). Omitted fields are kept. Recorded as SAML_CONNECTION_CONFIGURED.',
  })
  configureSamlConnection(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlConnectionInput, { description: 'The settings to change; omitted fields are kept.' }) input: SamlConnectionInput,
  ) {
    const { idpMetadataXml, ...fields } = input;
    // authorization before parsing: a caller without `manage` gets no parser feedback
    if (idpMetadataXml != null) authorizeAny(ctx.core, organizationId, ['manage', 'configureSso']);
    return configureSamlConnection(ctx.core, organizationId, { ...fields, idpMetadata: metadataOf(idpMetadataXml) }, publicUrlOf(ctx));
  }

  @Mutation(() => SamlConnection, {
    description:
      "Fetches the connection's idpMetadataUrl now (as the periodic refresh does). A fetch that changes the entity ID, SSO URL or certificates records SAML_METADATA_REFRESHED; a failed one keeps the last good metadata, sets metadataRefreshError and records SAML_METADATA_REFRESH_FAILED. PRECONDITION_FAILED (samlConnection.idpMetadataUrl.notSet) without a metadata URL.",
  })
  refreshSamlMetadata(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string) {
    return refreshSamlMetadata(ctx.core, organizationId, publicUrlOf(ctx));
  }

  @Mutation(() => SamlConnection, {
    description:
      'SP key rollover, step 1 (docs/SAML.md): stores a next SP key pair, publishes its certificate in SP metadata beside the active one, and lets it decrypt; AuthnRequests are still signed with the active key. Replaces a staged pair not yet activated. Recorded as SAML_SP_KEY_STAGED. Needs an active SP key pair.',
  })
  stageSamlServiceProviderKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlServiceProviderKeyInput, { description: 'The next key pair.' }) input: SamlServiceProviderKeyInput,
  ) {
    return stageSpKey(ctx.core, organizationId, { ...input }, publicUrlOf(ctx));
  }

  @Mutation(() => SamlConnection, {
    description:
      'SP key rollover, step 2: the staged key pair becomes the active one (it signs AuthnRequests); the one before still decrypts assertions until it is retired. Recorded as SAML_SP_KEY_ACTIVATED. PRECONDITION_FAILED when none is staged or a previous pair is not retired yet.',
  })
  activateSamlServiceProviderKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
  ) {
    return activateSpKey(ctx.core, organizationId, publicUrlOf(ctx));
  }

  @Mutation(() => SamlConnection, {
    description:
      'SP key rollover, step 3: deletes the previous key pair; assertions still encrypted to it are refused (validate.sp_key_retired). Recorded as SAML_SP_KEY_RETIRED. PRECONDITION_FAILED when there is none.',
  })
  retireSamlServiceProviderKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
  ) {
    return retireSpKey(ctx.core, organizationId, publicUrlOf(ctx));
  }

  @Query(() => SamlOrganization, {
    nullable: true,
    description:
      'The organization a SAML endpoint slug names (null when none). Only the in-process SAML adapter may ask: it is how `/saml/{org}/…` URLs are routed.',
  })
  samlOrganization(@Ctx() ctx: GraphQLContext, @Arg('slug', () => String, { description: 'The `{org}` part of a SAML endpoint URL.' }) slug: string) {
    return resolveSamlOrganization(ctx.core, slug);
  }

  @Mutation(() => SamlAuthnRequest, {
    description: 'Records an AuthnRequest before the browser is sent to the IdP, and signs the redirect when configured (SAML adapter only).',
  })
  recordSamlAuthnRequest(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlAuthnRequestInput, { description: 'The AuthnRequest about to be sent.' }) input: SamlAuthnRequestInput,
  ) {
    return recordAuthnRequest(ctx.core, organizationId, { ...input });
  }

  @Mutation(() => SamlAssertionUse, {
    description:
      'Accepts a validated assertion once: consumes the AuthnRequest it answers (or checks that IdP-initiated sign-in is allowed) and enters its ID in the replay cache (SAML adapter only).',
  })
  consumeSamlAssertion(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlAssertionUseInput, { description: 'The validated assertion.' }) input: SamlAssertionUseInput,
  ) {
    return consumeAssertion(ctx.core, organizationId, { ...input });
  }

  // A mutation although it changes nothing: it uses a secret on the caller's behalf, and mutations are
  // never run over GET or cached.
  @Mutation(() => SamlDecryptedAssertion, {
    description:
      "Decrypts an EncryptedAssertion with the organization's SP key (RSA-OAEP; AES-GCM or AES-CBC; rsa-1_5 and 3DES refused). Returns the plaintext, not validated. SAML adapter only: the SP key never leaves the core.",
  })
  decryptSamlAssertion(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlEncryptedAssertionInput, { description: 'The encrypted assertion.' }) input: SamlEncryptedAssertionInput,
  ) {
    return decryptAssertion(ctx.core, organizationId, input.encryptedAssertionXml);
  }
}
