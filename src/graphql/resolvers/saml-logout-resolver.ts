import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { beginSamlLogout, consumeSamlLogoutResponse, endSamlSessions, signSamlLogoutMessage } from '../../core/services/saml-logout.js';
import type { GraphQLContext } from '../context.js';
import {
  SamlLogoutMessageInput,
  SamlLogoutResponseUse,
  SamlLogoutStart,
  SamlLogoutStartInput,
  SamlSessionsEnded,
  SamlSessionsEndInput,
  SignedSamlLogoutMessage,
} from '../types/saml-logout.js';

/** SAML Single Logout (docs/SAML.md "Single Logout"): the SAML adapter's operations only. */
@Resolver()
export class SamlLogoutResolver {
  @Mutation(() => SamlSessionsEnded, {
    description:
      "Ends the sessions an IdP's validated LogoutRequest names (NameID, SessionIndex), once per request ID, with SESSION_REVOKED (reason samlLogout) and the users' OpenID Connect logout (SAML adapter only).",
  })
  endSamlSessions(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlSessionsEndInput, { description: 'The validated LogoutRequest.' }) input: SamlSessionsEndInput,
  ) {
    return endSamlSessions(ctx.core, organizationId, { ...input });
  }

  @Mutation(() => SamlLogoutStart, {
    description:
      'SP-initiated logout: ends the session of the cookie and records the LogoutRequest to send when the IdP does Single Logout (SAML adapter only).',
  })
  beginSamlLogout(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlLogoutStartInput, { description: 'The session and the request ID.' }) input: SamlLogoutStartInput,
  ) {
    return beginSamlLogout(ctx.core, organizationId, { ...input });
  }

  @Mutation(() => SamlLogoutResponseUse, {
    description:
      "Accepts the IdP's validated LogoutResponse once: it must answer an unexpired, unanswered LogoutRequest of the organization (SAML adapter only).",
  })
  consumeSamlLogoutResponse(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('inResponseTo', () => String, { description: "The response's InResponseTo." }) inResponseTo: string,
  ) {
    return consumeSamlLogoutResponse(ctx.core, organizationId, inResponseTo);
  }

  // A mutation although it changes nothing: it uses the SP key on the caller's behalf.
  @Mutation(() => SignedSamlLogoutMessage, {
    description:
      "Signs a LogoutRequest or LogoutResponse for the organization's IdP with the SP key, for the binding the IdP offers (SAML adapter only: the SP key never leaves the core).",
  })
  signSamlLogoutMessage(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlLogoutMessageInput, { description: 'The unsigned message.' }) input: SamlLogoutMessageInput,
  ) {
    return signSamlLogoutMessage(ctx.core, organizationId, { ...input });
  }
}
