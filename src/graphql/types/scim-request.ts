import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One request of the organization's identity provider to its SCIM endpoint, and how it was answered." })
export class ScimRequest {
  @Field(() => ID, { description: 'The entry id (grows with the order entries were recorded).' }) id!: string;
  @Field(() => ID, { nullable: true, description: 'The SCIM token (or API key) that made the request.' }) credentialId!: string | null;
  @Field(() => String, { description: 'The HTTP method.' }) method!: string;
  @Field(() => String, { description: 'The path, without the query string (a filter may hold a person’s name), e.g. `/scim/v2/Users`.' }) path!: string;
  @Field(() => Int, { description: 'The HTTP status of the answer.' }) status!: number;
  @Field(() => String, { nullable: true, description: 'The RFC 7644 §3.12 scimType of an error answer (`uniqueness`, `invalidFilter`, …), if any.' })
  scimType!: string | null;
  @Field(() => String, { nullable: true, description: "An error answer's detail (at most 500 characters); null for a success." }) detail!: string | null;
  @Field(() => String, { description: 'The identity provider, from its User-Agent: `okta`, `entra` or `other`.' }) identityProvider!: string;
  @Field(() => String, { nullable: true, description: 'The User-Agent header (at most 500 characters).' }) userAgent!: string | null;
  @Field(() => Int, { description: 'How long the answer took, in milliseconds.' }) durationMs!: number;
  @Field(() => Date, { description: 'When the request arrived.' }) at!: Date;
}

@ObjectType({ description: 'A page of SCIM requests, newest first.' })
export class ScimRequestPage {
  @Field(() => [ScimRequest], { description: 'The requests of this page.' }) nodes!: ScimRequest[];
  @Field(() => Boolean, { description: 'True when older requests follow.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null when the page is empty.' }) endCursor!: string | null;
}
