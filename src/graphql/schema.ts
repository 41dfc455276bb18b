import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { GroupConnectionResolver, UserConnectionResolver } from './resolvers/connection-resolvers.js';
import { ProvisioningResolver } from './resolvers/provisioning-resolver.js';
import { SamlResolver } from './resolvers/saml-resolver.js';
import { CredentialResolver } from './resolvers/credential-resolver.js';
import { EventResolver } from './resolvers/event-resolver.js';
import { GroupResolver } from './resolvers/group-resolver.js';
import { OrganizationResolver } from './resolvers/organization-resolver.js';
import { UserResolver } from './resolvers/user-resolver.js';

let built: Promise<GraphQLSchema> | undefined;

/** The one core schema: served over HTTP and WebSocket, and executed in-process by the SCIM and SAML adapters. */
export function buildCoreSchema(): Promise<GraphQLSchema> {
  return (built ??= buildSchema({
    resolvers: [OrganizationResolver, UserResolver, GroupResolver, CredentialResolver, EventResolver, UserConnectionResolver, GroupConnectionResolver, ProvisioningResolver, SamlResolver],
    validate: false,
    // type-graphql requires a PubSub once any subscription exists; ours stream from the event bus
    // (`subscribe` option), so this in-process one is never published to.
    pubSub: createPubSub(),
    emitSchemaFile: false,
  }));
}
