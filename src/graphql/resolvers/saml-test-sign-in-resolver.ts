import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SamlTestSignIn as SamlTestSignInEntity } from '../../core/entities/saml-test-sign-in.js';
import { AppError } from '../../core/errors.js';
import { getSamlTestSignIn, recordTestSignInResult, startSamlTestSignIn } from '../../core/services/saml-test-sign-ins.js';
import type { GraphQLContext } from '../context.js';
import { SamlTestSignIn, SamlTestSignInResultInput } from '../types/saml-test-sign-in.js';

@Resolver(() => SamlTestSignIn)
export class SamlTestSignInResolver {
  @Mutation(() => SamlTestSignIn, {
    description:
      'Starts a test sign-in of the SAML connection (ADMIN API key, platform key, or a setup link with the SSO scope): open `url` in a browser; after the identity provider answers, the browser lands on a page that says the test is complete, and `samlTestSignIn(id)` shows what arrived. The connection must be configured (PRECONDITION_FAILED samlConnection.notConfigured). Recorded as SAML_TEST_SIGN_IN_STARTED.',
  })
  async startSamlTestSignIn(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization whose connection to test.' }) organizationId: string,
    @Arg('dryRun', () => Boolean, { description: 'True: change no user and open no session (the sign-in is only previewed); false: sign in as usual.' })
    dryRun: boolean,
  ) {
    if (!ctx.publicUrl) throw new AppError('PRECONDITION_FAILED', 'saml.publicUrl.unknown', 'the public URL of this service is unknown here; set PUBLIC_URL');
    const r = await startSamlTestSignIn(ctx.core, organizationId, dryRun, ctx.publicUrl);
    return Object.assign(r.test, { url: r.url });
  }

  @Query(() => SamlTestSignIn, {
    nullable: true,
    description: 'A test sign-in by id (null when unknown, deleted after a day, or of another organization). Poll it until `status` is not PENDING.',
  })
  samlTestSignIn(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'The id `startSamlTestSignIn` returned.' }) id: string) {
    return getSamlTestSignIn(ctx.core, id);
  }

  @Mutation(() => SamlTestSignIn, {
    nullable: true,
    description:
      "Records how a test sign-in ended (SAML adapter only, from its ACS); null when the test is unknown, finished or expired. The mappings' result is computed by the dry run of `previewProvisioning`.",
  })
  recordSamlTestSignInResult(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlTestSignInResultInput, { description: 'What arrived and how it ended.' }) input: SamlTestSignInResultInput,
  ) {
    return recordTestSignInResult(ctx.core, organizationId, { ...input });
  }

  @FieldResolver(() => ID, { description: 'The organization whose connection is tested.' })
  organizationId(@Root() t: SamlTestSignInEntity) {
    return t.organization;
  }
}
