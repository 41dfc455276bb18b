import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DeliveryStatus, WebhookEndpoint as WebhookEndpointEntity } from '../../core/entities/webhook.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../../core/services/webhooks.js';
import type { GraphQLContext } from '../context.js';
import {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointInput,
  RotatedWebhookSecret,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryStatusEnum,
  WebhookEndpoint,
} from '../types/webhook.js';

const ORG_ARG = {
  nullable: true,
  description: 'The organization to act in; omit (platform keys only) for platform endpoints, which receive the events of every organization.',
} as const;

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => [WebhookEndpoint], {
    description: "An organization's webhook endpoints (or the platform's), oldest first. Needs an ADMIN API key or a platform key.",
  })
  webhookEndpoints(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID, ORG_ARG) organizationId: string | null) {
    return listWebhookEndpoints(ctx.core, organizationId ?? null);
  }

  @Mutation(() => CreatedWebhookEndpoint, {
    description: 'Creates a webhook endpoint: the events committed from now on are POSTed to it; `secret` is shown only in this response.',
  })
  createWebhookEndpoint(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, ORG_ARG) organizationId: string | null,
    @Arg('input', () => CreateWebhookEndpointInput, { description: 'URL and event types.' }) input: CreateWebhookEndpointInput,
  ) {
    return createWebhookEndpoint(ctx.core, organizationId ?? null, input);
  }

  @Mutation(() => WebhookEndpoint, { description: "Changes a webhook endpoint's URL or event types, or disables or enables it." })
  updateWebhookEndpoint(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'The endpoint.' }) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput, { description: 'The changes.' }) input: UpdateWebhookEndpointInput,
  ) {
    return updateWebhookEndpoint(ctx.core, id, input);
  }

  @Mutation(() => WebhookEndpoint, { description: 'Deletes a webhook endpoint with its deliveries (pending ones are not sent).' })
  deleteWebhookEndpoint(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'The endpoint.' }) id: string) {
    return deleteWebhookEndpoint(ctx.core, id);
  }

  @Mutation(() => RotatedWebhookSecret, {
    description: 'Replaces the signing secret (shown only in this response); the old one keeps signing too (a second signature) for overlapSeconds.',
  })
  rotateWebhookSecret(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'The endpoint.' }) id: string,
    @Arg('overlapSeconds', () => Int, {
      nullable: true,
      defaultValue: 86400,
      description: 'How long the old secret keeps signing: 0 (at once replaced) to 2592000 (30 days); default 86400 (a day).',
    })
    overlapSeconds: number,
  ) {
    return rotateWebhookSecret(ctx.core, id, overlapSeconds);
  }

  @Query(() => WebhookDeliveryConnection, { description: "A webhook endpoint's deliveries, newest event first, with their status and attempts." })
  webhookDeliveries(
    @Ctx() ctx: GraphQLContext,
    @Arg('endpointId', () => ID, { description: 'The endpoint.' }) endpointId: string,
    @Arg('status', () => WebhookDeliveryStatusEnum, { nullable: true, description: 'Only deliveries in this status; omit for all.' })
    status: DeliveryStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: 'Page size: 1 to 1000 (default 50).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
  ) {
    return listWebhookDeliveries(ctx.core, endpointId, status, first, after);
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Sends a delivery again (PENDING, attempts reset), after the earlier pending deliveries of its endpoint; enable a disabled endpoint first.',
  })
  resendWebhookDelivery(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'The delivery.' }) id: string) {
    return resendWebhookDelivery(ctx.core, id);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Null for a platform endpoint, which receives the events of every organization.' })
  organizationId(@Root() w: WebhookEndpointEntity) {
    return w.organization;
  }
}
