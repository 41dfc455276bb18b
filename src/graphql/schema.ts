import 'reflect-metadata';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
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

/**
 * type-graphql gives every plain @Field a resolver that builds a context object and runs an (empty)
 * middleware chain just to read `root[name]`. With no middlewares in this schema that is pure
 * overhead — 40 fields × 1,000 users on a SCIM page — so plain fields fall back to graphql-js's
 * default resolver (the same property read). Fields with a @FieldResolver keep theirs.
 */
function useDefaultResolvers(schema: GraphQLSchema): GraphQLSchema {
  const custom = new Set(getMetadataStorage().fieldResolvers.map((r) => `${(r.getObjectType?.() as { name?: string } | undefined)?.name}.${r.schemaName}`));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || ['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!custom.has(`${type.name}.${field.name}`)) field.resolve = undefined;
    }
  }
  return schema;
}

/** The one core schema: served over HTTP and WebSocket, and executed in-process by the SCIM and SAML adapters. */
export function buildCoreSchema(): Promise<GraphQLSchema> {
  return (built ??= buildSchema({
    resolvers: [OrganizationResolver, UserResolver, GroupResolver, CredentialResolver, EventResolver, UserConnectionResolver, GroupConnectionResolver, ProvisioningResolver, SamlResolver],
    validate: false,
    // type-graphql requires a PubSub once any subscription exists; ours stream from the event bus
    // (`subscribe` option), so this in-process one is never published to.
    pubSub: createPubSub(),
    emitSchemaFile: false,
  }).then(useDefaultResolvers));
}
