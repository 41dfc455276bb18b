import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType({ description: "A validated LogoutRequest from the organization's IdP (in-process use only)." })
export class SamlSessionsEndInput {
  @Field(() => String, { description: "The request's ID, 1-256 characters; a second use is refused (CONFLICT saml.logoutRequest.replayed)." })
  requestId!: string;
  @Field(() => Date, { description: 'Until when the ID is remembered (its NotOnOrAfter, or IssueInstant plus the accepted age).' }) expiresAt!: Date;
  @Field(() => String, { description: 'The NameID the request names.' }) nameId!: string;
  @Field(() => [String], { nullable: true, description: 'The SessionIndex values it names (at most 20); none: every session of the NameID.' })
  sessionIndexes?: string[] | null;
}

@ObjectType({ description: 'What an IdP-initiated logout ended.' })
export class SamlSessionsEnded {
  @Field(() => Int, { description: 'Live sessions ended.' }) sessionsEnded!: number;
  @Field(() => [ID], {
    description: 'The users whose sessions or OpenID Connect state were ended (none: the IdP is answered Requester/UnknownPrincipal).',
  })
  userIds!: string[];
}

@InputType({ description: 'An SP-initiated logout (in-process use only).' })
export class SamlLogoutStartInput {
  @Field(() => String, { nullable: true, description: 'The session secret (from the session cookie); unknown or dead: nothing is ended.' })
  token?: string | null;
  @Field(() => String, { description: 'The ID our LogoutRequest will carry (an NCName of 32 to 128 characters).' }) requestId!: string;
  @Field(() => String, { nullable: true, description: 'The validated return-to, kept for the IdP’s answer.' }) returnTo?: string | null;
}

@ObjectType({ description: 'A LogoutRequest recorded for the IdP (SP-initiated Single Logout).' })
export class SamlLogoutRequestToSend {
  @Field(() => String, { description: "The request's ID attribute." }) id!: string;
  @Field(() => String, { description: 'The NameID the session was signed in with.' }) nameId!: string;
  @Field(() => String, { description: "The NameID format (the connection's)." }) nameIdFormat!: string;
  @Field(() => String, { nullable: true, description: "The IdP's SessionIndex of the session." }) sessionIndex!: string | null;
  @Field(() => String, { description: "The IdP's Single Logout URL." }) destination!: string;
  @Field(() => String, { description: 'The binding the IdP offers there (URN).' }) binding!: string;
  @Field(() => Date, { description: 'The answer must arrive before this time.' }) expiresAt!: Date;
}

@ObjectType({ description: 'An SP-initiated logout begun: the session ended, and the LogoutRequest to send if the IdP is to be told.' })
export class SamlLogoutStart {
  @Field(() => Boolean, { description: 'A live session was ended.' }) sessionEnded!: boolean;
  @Field(() => SamlLogoutRequestToSend, {
    nullable: true,
    description: 'Null when the IdP is not told: no Single Logout URL, no SP key, no SAML NameID with the session, or no live session.',
  })
  logoutRequest!: SamlLogoutRequestToSend | null;
}

@ObjectType({ description: "The IdP's LogoutResponse accepted: where the logout lands." })
export class SamlLogoutResponseUse {
  @Field(() => String, { nullable: true, description: 'The return-to kept with the LogoutRequest; null: the default.' }) returnTo!: string | null;
}

@InputType({ description: 'An unsigned logout message for the IdP (in-process use only).' })
export class SamlLogoutMessageInput {
  @Field(() => String, { description: "A LogoutRequest recorded by beginSamlLogout, or a LogoutResponse, addressed to the IdP's Single Logout URL." })
  xml!: string;
  @Field(() => String, { nullable: true, description: 'RelayState to send with it (at most 80 characters).' }) relayState?: string | null;
}

@ObjectType({ description: 'A logout message signed with the SP key, ready for the binding the IdP offers.' })
export class SignedSamlLogoutMessage {
  @Field(() => String, { description: 'The binding (HTTP-Redirect or HTTP-POST URN).' }) binding!: string;
  @Field(() => String, { description: 'HTTP-Redirect: the full signed URL; HTTP-POST: the form action.' }) url!: string;
  @Field(() => String, { description: 'SAMLRequest or SAMLResponse.' }) parameter!: string;
  @Field(() => String, { nullable: true, description: 'HTTP-POST: the signed XML, base64; null for HTTP-Redirect.' }) value!: string | null;
  @Field(() => String, { nullable: true, description: 'The RelayState to send.' }) relayState!: string | null;
}
