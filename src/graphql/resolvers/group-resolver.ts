import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Group as GroupEntity } from '../../core/entities/group.js';
import { listGroups, listMemberships, type Membership } from '../../core/queries/groups-query.js';
import { listUsers } from '../../core/queries/users-query.js';
import { addGroupMembers, createGroup, deleteGroup, getGroup, removeGroupMembers, setGroupMembers, updateGroup } from '../../core/services/groups.js';
import type { GraphQLContext } from '../context.js';
import { CreateGroupInput, Group, GroupConnection, GroupFilter, GroupMembershipConnection, GroupMembershipNode, GroupSort, MembershipChange, NewMemberInput, UpdateGroupInput } from '../types/group.js';
import { User, UserConnection, UserFilter, UserSort } from '../types/user.js';
import { userById } from '../loaders.js';
import { toConnection, toUserFilter } from './mappers.js';

const versionOpt = (v: number | null) => ({ expectedVersion: v ?? undefined });
const toChange = (c: { group: GroupEntity; added: string[]; removed: string[] }) => ({ group: c.group, addedUserIds: c.added, removedUserIds: c.removed });

@Resolver(() => Group)
export class GroupResolver {
  @Query(() => Group, { nullable: true, description: 'A group by id; null when absent (or in another organization).' })
  group(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID) organizationId: string, @Arg('id', () => ID) id: string) {
    return getGroup(ctx.core, organizationId, id);
  }

  @Query(() => GroupConnection, { description: 'Groups of an organization: filtered, sorted, keyset-paged (or offset-paged).' })
  async groups(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('filter', () => GroupFilter, { nullable: true }) filter: GroupFilter | null,
    @Arg('sort', () => GroupSort, { nullable: true }) sort: GroupSort | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
  ) {
    const page = await listGroups(ctx.core, organizationId, {
      filter,
      sort: sort ? { field: sort.field, direction: sort.direction ?? 'ASC' } : null,
      first,
      after,
      offset,
    });
    return toConnection(page, Boolean(after) || Boolean(offset));
  }

  @FieldResolver(() => ID)
  organizationId(@Root() g: GroupEntity) {
    return g.organization;
  }

  @FieldResolver(() => UserConnection, { description: 'Members, paged like the users query (any user filter applies within the group).' })
  async members(
    @Ctx() ctx: GraphQLContext,
    @Root() g: GroupEntity,
    @Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Arg('sort', () => UserSort, { nullable: true }) sort: UserSort | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('offset', () => Int, { nullable: true }) offset: number | null,
  ) {
    const f = toUserFilter(filter);
    const page = await listUsers(ctx.core, g.organization, {
      filter: f ? { and: [f, { groupId: g.id }] } : { groupId: g.id },
      sort: sort ? { field: sort.field, direction: sort.direction ?? 'ASC', customAttribute: sort.customAttribute } : null,
      first,
      after,
      offset,
    });
    return toConnection(page, Boolean(after) || Boolean(offset));
  }

  @FieldResolver(() => GroupMembershipConnection, {
    description:
      'Every member with the time it was added, in a fixed order (by user id), keyset-paged. Reads only the membership rows of the page: the way to read a whole large group (`members` pages full users, with filters and sorting).',
  })
  async memberships(
    @Ctx() ctx: GraphQLContext,
    @Root() g: GroupEntity,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const page = await listMemberships(ctx.core, g.organization, g.id, { first, after });
    const c = toConnection(page, Boolean(after));
    return { get edges() { return c.edges; }, nodes: c.nodes, pageInfo: c.pageInfo };
  }

  @Mutation(() => Group, { description: 'Creates a group, optionally with members. CONFLICT when the name (case-insensitively) or externalId is taken.' })
  createGroup(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID) organizationId: string, @Arg('input', () => CreateGroupInput) input: CreateGroupInput) {
    return createGroup(ctx.core, organizationId, { displayName: input.displayName, externalId: input.externalId ?? null, memberIds: input.memberIds ?? [] });
  }

  @Mutation(() => Group, { description: 'Renames a group or changes its externalId.' })
  updateGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateGroupInput) input: UpdateGroupInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
  ) {
    return updateGroup(ctx.core, organizationId, id, { displayName: input.displayName ?? undefined, externalId: input.externalId }, versionOpt(expectedVersion));
  }

  @Mutation(() => ID, { description: 'Deletes a group (its members stay users); returns its id.' })
  async deleteGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
  ) {
    return (await deleteGroup(ctx.core, organizationId, id, versionOpt(expectedVersion))).id;
  }

  @Mutation(() => MembershipChange, {
    description: 'Adds members (at most 20,000 per call); existing members are left alone. All ids must be users of the organization; newMembers are matched by userName.',
  })
  async addGroupMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('userIds', () => [ID]) userIds: string[],
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Arg('newMembers', () => [NewMemberInput], { nullable: true }) newMembers: NewMemberInput[] | null,
  ) {
    return toChange(await addGroupMembers(ctx.core, organizationId, groupId, userIds, { ...versionOpt(expectedVersion), newMembers: newMembers ?? [] }));
  }

  @Mutation(() => MembershipChange, { description: 'Removes members; ids that are not members are ignored.' })
  async removeGroupMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('userIds', () => [ID]) userIds: string[],
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
  ) {
    return toChange(await removeGroupMembers(ctx.core, organizationId, groupId, userIds, versionOpt(expectedVersion)));
  }

  @Mutation(() => MembershipChange, { description: 'Makes the member list exactly `userIds` (an empty list empties the group).' })
  async setGroupMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('userIds', () => [ID]) userIds: string[],
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
  ) {
    return toChange(await setGroupMembers(ctx.core, organizationId, groupId, userIds, versionOpt(expectedVersion)));
  }
}

@Resolver(() => GroupMembershipNode)
export class GroupMembershipResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The whole user (one query for the page); null if it was deleted since the page was read.' })
  user(@Ctx() ctx: GraphQLContext, @Root() m: Membership) {
    return userById(ctx, m.organizationId)(m.userId).then((u) => u ?? null);
  }
}
