import 'reflect-metadata';
import { GraphQLScalarType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { timeBudgetExceeded } from './context.js';
import { GroupConnectionResolver, UserConnectionResolver } from './resolvers/connection-resolvers.js';
import { ProvisioningResolver } from './resolvers/provisioning-resolver.js';
import { SamlResolver } from './resolvers/saml-resolver.js';
import { CredentialResolver } from './resolvers/credential-resolver.js';
import { EventResolver } from './resolvers/event-resolver.js';
import { GroupMembershipResolver, GroupResolver } from './resolvers/group-resolver.js';
import { OrganizationResolver } from './resolvers/organization-resolver.js';
import { UserResolver } from './resolvers/user-resolver.js';
import { WebhookResolver } from './resolvers/webhook-resolver.js';
import { IdentityProviderProfileResolver } from './resolvers/identity-provider-profile-resolver.js';
import { SetupLinkResolver } from './resolvers/setup-link-resolver.js';
import { SamlTestSignInResolver } from './resolvers/saml-test-sign-in-resolver.js';
import { SamlLogoutResolver } from './resolvers/saml-logout-resolver.js';
import { ScimRequestResolver } from './resolvers/scim-request-resolver.js';
import { OrganizationStatusResolver } from './resolvers/organization-status-resolver.js';
import { ViewerResolver } from './resolvers/viewer-resolver.js';
import { OidcResolver } from './resolvers/oidc-resolver.js';
import { SamlIdpInitiatedResolver } from './resolvers/saml-idp-initiated-resolver.js';

let built: Promise<GraphQLSchema> | undefined;

/** The GraphQL name of the object type a field resolver belongs to (a class may be named otherwise: `@ObjectType('Name')`). */
function objectTypeName(r: { getObjectType?: () => unknown }): string | undefined {
  const target = r.getObjectType?.();
  return getMetadataStorage().objectTypes.find((o) => o.target === target)?.name ?? (target as { name?: string } | undefined)?.name;
}

/**
 * type-graphql gives every plain @Field a resolver that builds a context object and runs an (empty)
 * middleware chain just to read `root[name]`. With no middlewares in this schema that is pure
 * overhead — 40 fields × 1,000 users on a SCIM page — so plain fields fall back to graphql-js's
 * default resolver (the same property read). Fields with a @FieldResolver keep theirs.
 */
function useDefaultResolvers(schema: GraphQLSchema): GraphQLSchema {
  const custom = new Set(getMetadataStorage().fieldResolvers.map((r) => `${objectTypeName(r)}.${r.schemaName}`));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || ['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!custom.has(`${type.name}.${field.name}`)) field.resolve = undefined;
    }
  }
  return schema;
}

type Param = { kind: string; index: number; propertyName?: string; name?: string; getType?: () => unknown };
type Method = (...a: unknown[]) => unknown;
type Resolve = GraphQLFieldResolver<unknown, Record<string, unknown>>;

/** The resolver class's one instance (type-graphql's default container also makes one per class). */
function instanceOf(instances: Map<Function, Record<string, Method>>, target: Function): Record<string, Method> {
  let instance = instances.get(target);
  if (!instance) {
    instance = new (target as new () => Record<string, Method>)();
    instances.set(target, instance);
  }
  return instance;
}

/** A resolver that calls the method with its parameters picked straight from graphql-js's arguments. */
function directResolver(instance: Record<string, Method>, methodName: string, params: Param[]): Resolve {
  const method = instance[methodName]!;
  const pick = [...params]
    .sort((a, b) => a.index - b.index)
    .map((p): ((root: unknown, args: Record<string, unknown>, ctx: Record<string, unknown>, info: unknown) => unknown) => {
      switch (p.kind) {
        case 'root':
          return p.propertyName ? (root) => (root as Record<string, unknown>)[p.propertyName!] : (root) => root;
        case 'context':
          return p.propertyName ? (_r, _a, ctx) => ctx[p.propertyName!] : (_r, _a, ctx) => ctx;
        case 'info':
          return (_r, _a, _c, info) => info;
        default:
          return (_r, args) => args[p.name!];
      }
    });
  return (root, args, ctx, info) =>
    method.apply(
      instance,
      pick.map((f) => f(root, args, ctx as Record<string, unknown>, info)),
    );
}

/**
 * type-graphql runs a @FieldResolver by first copying the parent object into a new instance of the
 * GraphQL type's class (`convertToType`: a fresh object per field per row — 8 copies of every user
 * on a 1,000-user page) and assembling the parameters through its generic machinery. For resolvers
 * whose parameters are only @Root, @Ctx, @Info and scalar @Arg — all of ours on hot types — the
 * method is called directly with the same values. Anything else keeps type-graphql's resolver.
 *
 * Root queries and mutations are called directly too: there type-graphql converts every input
 * object argument into an instance of its class, recursively (for `validate`, off here), which was
 * ~9 % of the CPU of a SCIM lookup's operation. Resolvers get the input objects graphql-js coerced
 * (plain objects with the schema's defaults applied); none of ours relies on the class (no methods,
 * no `instanceof`, no property initializers on input types).
 */
function useDirectResolvers(schema: GraphQLSchema): GraphQLSchema {
  const instances = new Map<Function, Record<string, Method>>();
  const storage = getMetadataStorage();
  for (const r of storage.fieldResolvers) {
    if (r.kind !== 'external') continue;
    const typeName = objectTypeName(r);
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!isObjectType(type)) continue;
    const field = type.getFields()[r.schemaName];
    if (!field || (r.middlewares?.length ?? 0) > 0 || (r.roles?.length ?? 0) > 0) continue;
    const params = (r.params ?? []) as Param[];
    const simple = params.every((p) => {
      if (p.kind === 'context' || p.kind === 'info') return true;
      if (p.kind === 'root') return !p.getType || p.getType() === Object;
      if (p.kind !== 'arg') return false;
      const t = p.getType?.();
      return t === String || t === Number || t === Boolean || t instanceof GraphQLScalarType;
    });
    if (!simple) continue;
    field.resolve = directResolver(instanceOf(instances, r.target), r.methodName, params);
  }
  for (const [root, handlers] of [
    [schema.getQueryType(), storage.queries],
    [schema.getMutationType(), storage.mutations],
  ] as const) {
    if (!root) continue;
    for (const r of handlers) {
      const field = root.getFields()[r.schemaName];
      const params = (r.params ?? []) as Param[];
      if (!field || (r.middlewares?.length ?? 0) > 0 || (r.roles?.length ?? 0) > 0) continue;
      if (!params.every((p) => p.kind === 'arg' || p.kind === 'context' || p.kind === 'info')) continue;
      field.resolve = directResolver(instanceOf(instances, r.target), r.methodName, params);
    }
  }
  return schema;
}

/**
 * Every resolver of ours (root fields and @FieldResolvers: the ones that read the database) first
 * checks the operation's time budget, so an operation that runs long stops starting new work; one
 * comparison per call, none for property reads (default resolvers) or for subscriptions' events.
 */
function enforceTimeBudget(schema: GraphQLSchema): GraphQLSchema {
  const subscription = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === subscription) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (root, args, ctx: { deadline?: number | null; budgetMs?: number | null }, info) => {
        if (ctx.deadline != null && performance.now() > ctx.deadline) throw timeBudgetExceeded(ctx.budgetMs ?? null);
        return resolve(root, args, ctx, info);
      };
    }
  }
  return schema;
}

/** Descriptions of the root operation types, which type-graphql has no option for. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query)
    query.description =
      'Reads. Organization-scoped fields take the `organizationId` they read in; for a credential of another organization that organization does not exist (NOT_FOUND).';
  if (mutation) mutation.description = 'Changes. Each mutation runs in one transaction with the events it records; a failed mutation changes nothing.';
  if (subscription) subscription.description = 'Live streams over WebSocket (graphql-ws protocol).';
  return schema;
}

/** The one core schema: served over HTTP and WebSocket, and executed in-process by the SCIM and SAML adapters. */
export function buildCoreSchema(): Promise<GraphQLSchema> {
  return (built ??= buildSchema({
    resolvers: [
      OrganizationResolver,
      UserResolver,
      GroupResolver,
      GroupMembershipResolver,
      CredentialResolver,
      EventResolver,
      UserConnectionResolver,
      GroupConnectionResolver,
      ProvisioningResolver,
      SamlResolver,
      WebhookResolver,
      IdentityProviderProfileResolver,
      SetupLinkResolver,
      SamlTestSignInResolver,
      SamlLogoutResolver,
      ScimRequestResolver,
      OrganizationStatusResolver,
      ViewerResolver,
      OidcResolver,
      SamlIdpInitiatedResolver,
    ],
    validate: false,
    // type-graphql requires a PubSub once any subscription exists; ours stream from the event bus
    // (`subscribe` option), so this in-process one is never published to.
    pubSub: createPubSub(),
    emitSchemaFile: false,
  })
    .then(describeRootTypes)
    .then(useDefaultResolvers)
    .then(useDirectResolvers)
    .then(enforceTimeBudget));
}
