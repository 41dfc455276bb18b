import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../core/entities/webhook.js';
import type { EventType } from '../../core/events/event-types.js';
import { EventTypeEnum } from './common.js';

export const WebhookDeliveryStatusEnum = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, s])) as Record<DeliveryStatus, DeliveryStatus>;
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery of one event to one webhook endpoint stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet delivered: waiting for its turn (event order), or for its next attempt after a failure.' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every attempt of the retry schedule failed (the endpoint was then disabled); resendWebhookDelivery sends it again.' },
  },
});

@ObjectType({ description: 'Where events are POSTed, signed per Standard Webhooks (README "Webhooks"). Its secret is shown only when created or rotated.' })
export class WebhookEndpoint {
  @Field(() => ID, { description: 'The endpoint id (a UUID).' }) id!: string;
  @Field(() => ID, { nullable: true, description: 'Null for a platform endpoint, which receives the events of every organization.' })
  organizationId!: string | null;
  @Field(() => String, { description: 'The https URL events are POSTed to.' }) url!: string;
  @Field(() => [EventTypeEnum], { description: 'The event types it receives; empty: every type.' }) eventTypes!: EventType[];
  @Field(() => Boolean, { description: 'False: nothing is enqueued or sent (disabled by an administrator, or by the service after persistent failure).' })
  enabled!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it is disabled.' }) disabledReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'Until when the secret replaced by the last rotation also signs.' })
  previousSecretExpiresAt!: Date | null;
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => Date, { description: 'Time of the last change.' }) updatedAt!: Date;
  @Field(() => Int, { description: 'Increases by one on every change.' }) version!: number;
}

@ObjectType({ description: 'A new webhook endpoint and its signing secret, shown only in this response.' })
export class CreatedWebhookEndpoint {
  @Field(() => String, { description: 'The signing secret, `whsec_` + base64 of 32 random bytes (Standard Webhooks); stored sealed, never shown again.' })
  secret!: string;
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' }) endpoint!: WebhookEndpoint;
}

@ObjectType({ description: 'A new signing secret, shown only in this response.' })
export class RotatedWebhookSecret {
  @Field(() => String, { description: 'The new signing secret (`whsec_…`).' }) secret!: string;
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' }) endpoint!: WebhookEndpoint;
  @Field(() => Date, {
    nullable: true,
    description: 'Until when the previous secret also signs (a second signature in webhook-signature); null without overlap.',
  })
  previousSecretExpiresAt!: Date | null;
}

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description: 'An https URL (http, and loopback or private addresses, only where the operator set WEBHOOK_ALLOW_INSECURE_URLS); no user name or password.',
  })
  url!: string;
  @Field(() => [EventTypeEnum], { nullable: true, description: 'The event types to receive; omitted, null or empty: every type.' })
  eventTypes?: EventType[] | null;
}

@InputType({ description: 'Changes to a webhook endpoint; omitted fields are kept.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: 'A new URL (same rules as at creation).' }) url?: string | null;
  @Field(() => [EventTypeEnum], { nullable: true, description: 'The event types to receive; an empty list: every type.' }) eventTypes?: EventType[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'false disables it (nothing is enqueued or sent); true enables it again, for the events from then on (pending deliveries resume).',
  })
  enabled?: boolean | null;
}

@ObjectType({ description: 'One event for one webhook endpoint.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery id, sent as `webhook-id` (the same on every attempt: deduplicate by it).' }) id!: string;
  @Field(() => ID, { description: 'The endpoint.' }) endpointId!: string;
  @Field(() => GraphQLSafeInt, { description: 'The sequence of the event delivered.' }) eventSequence!: number;
  @Field(() => EventTypeEnum, { nullable: true, description: 'Its type; null when the event no longer exists.' }) eventType!: EventType | null;
  @Field(() => WebhookDeliveryStatusEnum, { description: 'PENDING, SUCCEEDED or FAILED.' }) status!: DeliveryStatus;
  @Field(() => Int, { description: 'Attempts made so far.' }) attempts!: number;
  @Field(() => Date, { nullable: true, description: 'When a PENDING delivery is next tried (at the earliest: after the earlier ones of its endpoint).' })
  nextAttemptAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer; null when there was none (timeout, refused connection).' })
  lastStatusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) lastError!: string | null;
  @Field(() => Date, { description: 'When it was enqueued.' }) createdAt!: Date;
  @Field(() => Date, { description: 'Time of the last attempt or change.' }) updatedAt!: Date;
}

@ObjectType({ description: 'A page of webhook deliveries, newest event first.' })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDelivery], { description: 'The deliveries of this page.' }) nodes!: WebhookDelivery[];
  @Field(() => Boolean, { description: 'True when more deliveries follow.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null when the page is empty.' }) endCursor!: string | null;
}
