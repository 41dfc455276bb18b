import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Group as GroupEntity } from '../../core/entities/group.js';
import { listGroups, listMemberships, type Membership } from '../../core/queries/groups-query.js';
import { listUsers } from '../../core/queries/users-query.js';
import { addGroupMembers, createGroup, deleteGroup, getGroup, removeGroupMembers, setGroupMembers, updateGroup } from '../../core/services/groups.js';
import type { GraphQLContext } from '../context.js';
import {
  CreateGroupInput,
  Group,
  GroupConnection,
  GroupFilter,
  GroupMembershipConnection,
  GroupMembershipNode,
  GroupSort,
  MembershipChange,
  NewMemberInput,
  UpdateGroupInput,
} from '../types/group.js';
import { User, UserConnection, UserFilter, UserSort } from '../types/user.js';
import { userById } from '../loaders.js';
import { toConnection, toUserFilter } from './mappers.js';

const versionOpt = (v: number | null) => ({ expectedVersion: v ?? undefined });
const toChange = (c: { group: GroupEntity; added: string[]; removed: string[] }) => ({ group: c.group, addedUserIds: c.added, removedUserIds: c.removed });

@Resolver(() => Group)
export class GroupResolver {
  @Query(() => Group, { nullable: true, description: 'A group by id; null when absent (or in another organization).' })
  group(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The group id.' }) id: string,
  ) {
    return getGroup(ctx.core, organizationId, id);
  }

  @Query(() => GroupConnection, {
    description:
      'Groups of an organization: filtered, sorted (default CREATED_AT ascending), keyset-paged with `first`/`after` (or `offset`); at most 1000 per page.',
  })
  async groups(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('filter', () => GroupFilter, { nullable: true, description: 'Which groups; omit for all.' }) filter: GroupFilter | null,
    @Arg('sort', () => GroupSort, { nullable: true, description: 'Sort order; omitted: CREATED_AT ascending (stable under concurrent writes).' })
    sort: GroupSort | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 50,
      description: 'Page size: 0 to 1000 (default 50); more fails with BAD_USER_INPUT pagination.first.invalid. 0 returns no groups (e.g. only totalCount).',
    })
    first: number,
    @Arg('after', () => String, {
      nullable: true,
      description:
        "The `pageInfo.endCursor` (or an edge's `cursor`) of the previous page of this list, read with the same sort and filter: the page continues after it. A cursor of another list or sort order is refused (pagination.cursor.otherList); a changed filter is not detected. Cannot be combined with `offset`.",
    })
    after: string | null,
    @Arg('offset', () => Int, {
      nullable: true,
      description:
        'Rows to skip before the page (SCIM-style index paging): 0 to 10,000,000 (pagination.offset.invalid); cannot be combined with `after`. Reads every skipped row: prefer `after`.',
    })
    offset: number | null,
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

  @FieldResolver(() => ID, { description: 'The organization the group belongs to.' })
  organizationId(@Root() g: GroupEntity) {
    return g.organization;
  }

  @FieldResolver(() => UserConnection, {
    description: 'Members as full users, filtered, sorted and paged like the `users` query (the filter applies within the group).',
  })
  async members(
    @Ctx() ctx: GraphQLContext,
    @Root() g: GroupEntity,
    @Arg('filter', () => UserFilter, { nullable: true, description: 'Which members; omit for all.' }) filter: UserFilter | null,
    @Arg('sort', () => UserSort, { nullable: true, description: 'Sort order; omitted: CREATED_AT ascending (stable under concurrent writes).' })
    sort: UserSort | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 50,
      description: 'Page size: 0 to 1000 (default 50); more fails with BAD_USER_INPUT pagination.first.invalid. 0 returns no users (e.g. only totalCount).',
    })
    first: number,
    @Arg('after', () => String, {
      nullable: true,
      description:
        "The `pageInfo.endCursor` (or an edge's `cursor`) of the previous page of this list, read with the same sort and filter: the page continues after it. A cursor of another list or sort order is refused (pagination.cursor.otherList); a changed filter is not detected. Cannot be combined with `offset`.",
    })
    after: string | null,
    @Arg('offset', () => Int, {
      nullable: true,
      description:
        'Rows to skip before the page (SCIM-style index paging): 0 to 10,000,000 (pagination.offset.invalid); cannot be combined with `after`. Reads every skipped row: prefer `after`.',
    })
    offset: number | null,
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
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 100,
      description: 'Page size: 0 to 1000 (default 100); more fails with BAD_USER_INPUT pagination.first.invalid. 0 returns no members (e.g. only totalCount).',
    })
    first: number,
    @Arg('after', () => String, {
      nullable: true,
      description:
        "The `pageInfo.endCursor` (or an edge's `cursor`) of the previous page of this group's memberships; the page continues after it (stable under concurrent changes: the order is by user id).",
    })
    after: string | null,
  ) {
    const page = await listMemberships(ctx.core, g.organization, g.id, { first, after });
    const c = toConnection(page, Boolean(after));
    return {
      get edges() {
        return c.edges;
      },
      nodes: c.nodes,
      pageInfo: c.pageInfo,
    };
  }

  @Mutation(() => Group, {
    description: 'Creates a group, optionally with up to 20,000 members. CONFLICT when the name (case-insensitively) or externalId is taken.',
  })
  createGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => CreateGroupInput, { description: 'The new group.' }) input: CreateGroupInput,
  ) {
    return createGroup(ctx.core, organizationId, { displayName: input.displayName, externalId: input.externalId ?? null, memberIds: input.memberIds ?? [] });
  }

  @Mutation(() => Group, { description: 'Renames a group or changes its externalId. CONFLICT when the new name (case-insensitively) or externalId is taken.' })
  updateGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The group to change.' }) id: string,
    @Arg('input', () => UpdateGroupInput, { description: 'The changes; omitted fields are kept.' }) input: UpdateGroupInput,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        "The group's `version` as the caller last saw it: if the group changed since, the mutation fails with PRECONDITION_FAILED (group.version.mismatch) and changes nothing. Omit to skip the check.",
    })
    expectedVersion: number | null,
  ) {
    return updateGroup(
      ctx.core,
      organizationId,
      id,
      { displayName: input.displayName ?? undefined, externalId: input.externalId },
      versionOpt(expectedVersion),
    );
  }

  @Mutation(() => ID, { description: 'Deletes a group (its members stay users); returns its id.' })
  async deleteGroup(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The group to delete.' }) id: string,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        "The group's `version` as the caller last saw it: if the group changed since, the mutation fails with PRECONDITION_FAILED (group.version.mismatch) and changes nothing. Omit to skip the check.",
    })
    expectedVersion: number | null,
  ) {
    return (await deleteGroup(ctx.core, organizationId, id, versionOpt(expectedVersion))).id;
  }

  @Mutation(() => MembershipChange, {
    description:
      'Adds members: at most 20,000 per call, userIds and newMembers together (more fails with BAD_USER_INPUT group.members.tooMany; split the list). Existing members are left alone. All ids must be users of the organization (group.members.notFound otherwise); newMembers are matched by userName.',
  })
  async addGroupMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('groupId', () => ID, { description: 'The group to add to.' }) groupId: string,
    @Arg('userIds', () => [ID], { description: 'Ids of users of the organization to add (duplicates and current members are ignored).' }) userIds: string[],
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        "The group's `version` as the caller last saw it: if the group changed since, the mutation fails with PRECONDITION_FAILED (group.version.mismatch) and changes nothing. Omit to skip the check.",
    })
    expectedVersion: number | null,
    @Arg('newMembers', () => [NewMemberInput], {
      nullable: true,
      description:
        'Members named by userName (group push): users that do not exist yet are created when the policy allows it (groupPushProvisionsMembers), else the call fails with FORBIDDEN.',
    })
    newMembers: NewMemberInput[] | null,
  ) {
    return toChange(await addGroupMembers(ctx.core, organizationId, groupId, userIds, { ...versionOpt(expectedVersion), newMembers: newMembers ?? [] }));
  }

  @Mutation(() => MembershipChange, {
    description:
      'Removes members: at most 20,000 ids per call (more fails with BAD_USER_INPUT group.members.tooMany). Ids that are not members (malformed ones included) are ignored.',
  })
  async removeGroupMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('groupId', () => ID, { description: 'The group to remove from.' }) groupId: string,
    @Arg('userIds', () => [ID], { description: 'Ids of the users to remove, at most 20,000.' }) userIds: string[],
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        "The group's `version` as the caller last saw it: if the group changed since, the mutation fails with PRECONDITION_FAILED (group.version.mismatch) and changes nothing. Omit to skip the check.",
    })
    expectedVersion: number | null,
  ) {
    return toChange(await removeGroupMembers(ctx.core, organizationId, groupId, userIds, versionOpt(expectedVersion)));
  }

  @Mutation(() => MembershipChange, {
    description:
      'Makes the member list exactly `userIds` (an empty list empties the group). At most 20,000 ids per call (more fails with BAD_USER_INPUT group.members.tooMany); every id must be a user of the organization.',
  })
  async setGroupMembers(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('groupId', () => ID, { description: 'The group whose members to set.' }) groupId: string,
    @Arg('userIds', () => [ID], { description: 'The complete new member list: ids of users of the organization, at most 20,000.' }) userIds: string[],
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        "The group's `version` as the caller last saw it: if the group changed since, the mutation fails with PRECONDITION_FAILED (group.version.mismatch) and changes nothing. Omit to skip the check.",
    })
    expectedVersion: number | null,
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
