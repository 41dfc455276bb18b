import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AppError, badInput } from '../../core/errors.js';
import { authorizeAny } from '../../core/access.js';
import { configureSamlConnection, getSamlConnection, resolveSamlOrganization, type IdpMetadataValues } from '../../core/services/saml-connections.js';
import { decryptAssertion } from '../../core/services/saml-decrypt.js';
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
} from '../types/saml.js';

function publicUrlOf(ctx: GraphQLContext): string {
  if (!ctx.publicUrl) throw new AppError('PRECONDITION_FAILED', 'saml.publicUrl.unknown', 'the public URL of this service is unknown here; set PUBLIC_URL');
  return ctx.publicUrl;
}

function metadataOf(xml: string | null | undefined): IdpMetadataValues | null {
  if (xml === undefined || xml === null) return null;
  try {
    const m = parseIdpMetadata(xml);
    return { entityId: m.entityId, ssoUrl: m.ssoUrl, certificates: m.certificates };
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
