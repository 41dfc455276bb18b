import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { largestPageOnNodes, selects, selectsOnNodes } from '../lookahead.js';
import type { User as UserEntity } from '../../core/entities/user.js';
import { groupsOfUsers, knownGroups } from '../../core/queries/groups-query.js';
import type { Group as GroupEntity } from '../../core/entities/group.js';
import { listUsers, pageSize, userStats } from '../../core/queries/users-query.js';
import { MAX_PAGE_SIZE } from '../../core/queries/paging.js';
import { createUser, deleteUser, getUser, isHistoryCopy, updateUser } from '../../core/services/users.js';
import type { GraphQLContext } from '../context.js';
import { batchLoader, userById } from '../loaders.js';
import { Group } from '../types/group.js';
import { CreateUserInput, MultiValue, UpdateUserInput, User, UserConnection, UserFilter, UserName, UserSort, UserStats, Address } from '../types/user.js';
import { toConnection, toUserFields, toUserFilter } from './mappers.js';

/** `User.groups`' page when `first` is not given. */
const GROUPS_PAGE = 100;

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'A user by id; null when absent (or in another organization).' })
  user(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The user id.' }) id: string,
    @Info() info: GraphQLResolveInfo,
  ) {
    // the user's groups in the same query when they will be shown
    return getUser(ctx.core, organizationId, id, { withGroups: selects(info, ['groups']) });
  }

  @Query(() => UserConnection, {
    description:
      'Users of an organization: filtered, sorted (default CREATED_AT ascending), keyset-paged with `first`/`after` (or `offset` for SCIM-style index paging; max page size 1000). History copies of NEW_USER reactivations are included unless filtered out (`historyCopy: false`).',
  })
  async users(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('filter', () => UserFilter, { nullable: true, description: 'Which users; omit for all.' }) filter: UserFilter | null,
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
    @Info() info: GraphQLResolveInfo,
  ) {
    const page = await listUsers(ctx.core, organizationId, {
      filter: toUserFilter(filter),
      sort: sort ? { field: sort.field, direction: sort.direction ?? 'ASC', customAttribute: sort.customAttribute } : null,
      first,
      after,
      offset,
      // read the groups in the same query when the page will show them, as many as the largest `first` asks
      withGroups: largestPageOnNodes(info, 'groups', GROUPS_PAGE, MAX_PAGE_SIZE),
      withAttributeSources: selectsOnNodes(info, 'attributeSources'),
    });
    return toConnection(page, Boolean(after) || Boolean(offset));
  }

  @Query(() => UserStats, { description: 'Counts for dashboards: users, active users (seats used), by provisioning source and by role; history copies apart.' })
  async userStats(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID, { description: 'The organization to count.' }) organizationId: string) {
    const s = await userStats(ctx.core, organizationId);
    return { ...s, seatsUsed: s.activeUsers };
  }

  @Mutation(() => User, { description: 'Creates a user. CONFLICT when the userName (case-insensitively) or externalId is taken.' })
  createUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => CreateUserInput, { description: "The new user; omitted fields are empty, role defaults to the policy's defaultRole." })
    input: CreateUserInput,
  ) {
    return createUser(ctx.core, organizationId, toUserFields(input));
  }

  @Mutation(() => User, {
    description: 'Changes a user: omitted fields are kept, null clears. With expectedVersion, fails with PRECONDITION_FAILED if the user changed since.',
  })
  updateUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The user to change.' }) id: string,
    @Arg('input', () => UpdateUserInput, { description: 'The changes: omitted fields are kept, null clears.' }) input: UpdateUserInput,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        "The user's `version` as the caller last saw it: if the user changed since, the mutation fails with PRECONDITION_FAILED (user.version.mismatch) and changes nothing. Omit to skip the check.",
    })
    expectedVersion: number | null,
  ) {
    return updateUser(ctx.core, organizationId, id, toUserFields(input), { expectedVersion: expectedVersion ?? undefined });
  }

  @Mutation(() => User, {
    description:
      'Deactivates a user (as unassigning it in the identity provider does): its sessions are revoked and, if the policy says so, its memberships removed. No change if already inactive.',
  })
  deactivateUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The user to deactivate.' }) id: string,
  ) {
    return updateUser(ctx.core, organizationId, id, { active: false });
  }

  @Mutation(() => User, {
    description:
      "Reactivates a deactivated user, keeping its id, as the policy's `reactivation` says (RESTORE, or NEW_USER: a fresh start with a history copy). SEAT_LIMIT when the seat limit is reached.",
  })
  reactivateUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The user to reactivate.' }) id: string,
  ) {
    return updateUser(ctx.core, organizationId, id, { active: true });
  }

  @Mutation(() => ID, { description: 'Deletes a user and its memberships; returns its id.' })
  async deleteUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The user to delete.' }) id: string,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        "The user's `version` as the caller last saw it: if the user changed since, the mutation fails with PRECONDITION_FAILED (user.version.mismatch) and changes nothing. Omit to skip the check.",
    })
    expectedVersion: number | null,
  ) {
    const u = await deleteUser(ctx.core, organizationId, id, { expectedVersion: expectedVersion ?? undefined });
    return u.id;
  }

  @FieldResolver(() => ID, { description: 'The organization the user belongs to.' })
  organizationId(@Root() u: UserEntity) {
    return u.organization;
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether this is the history copy of a user that was reactivated as a new user (policy `reactivation: NEW_USER`): deactivated, named `<userName>#archived-<its id>`, never reactivated. Its USER_CREATED event names the user in `data.historyOf`.',
  })
  historyCopy(@Root() u: UserEntity) {
    return isHistoryCopy(u);
  }

  @FieldResolver(() => ID, { nullable: true })
  managerId(@Root() u: UserEntity) {
    return u.manager;
  }

  @FieldResolver(() => UserName)
  name(@Root() u: UserEntity): UserName {
    return {
      formatted: u.formattedName,
      familyName: u.familyName,
      givenName: u.givenName,
      middleName: u.middleName,
      honorificPrefix: u.honorificPrefix,
      honorificSuffix: u.honorificSuffix,
    };
  }

  @FieldResolver(() => [MultiValue])
  emails(@Root() u: UserEntity): MultiValue[] {
    return u.emails.map((e) => ({ value: e.value, type: e.type ?? null, primary: e.primary === true, display: e.display ?? null }));
  }

  @FieldResolver(() => [MultiValue])
  phoneNumbers(@Root() u: UserEntity): MultiValue[] {
    return u.phoneNumbers.map((e) => ({ value: e.value, type: e.type ?? null, primary: e.primary === true, display: e.display ?? null }));
  }

  @FieldResolver(() => [Address])
  addresses(@Root() u: UserEntity): Address[] {
    return u.addresses.map((a) => ({
      type: a.type ?? null,
      primary: a.primary === true,
      formatted: a.formatted ?? null,
      streetAddress: a.streetAddress ?? null,
      locality: a.locality ?? null,
      region: a.region ?? null,
      postalCode: a.postalCode ?? null,
      country: a.country ?? null,
    }));
  }

  @FieldResolver(() => User, { nullable: true, description: "The user's manager." })
  // not `async`: a user without a manager (or with its groups already known) answers synchronously,
  // so graphql-js completes the row without a promise per field
  manager(@Ctx() ctx: GraphQLContext, @Root() u: UserEntity): UserEntity | null | Promise<UserEntity | null> {
    if (!u.manager) return null;
    return userById(ctx, u.organization)(u.manager).then((m) => m ?? null);
  }

  @FieldResolver(() => [Group], { description: 'Groups the user is a member of, by displayName ignoring case in byte order (collate "C"); at most `first`.' })
  groups(
    @Ctx() ctx: GraphQLContext,
    @Root() u: UserEntity,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: GROUPS_PAGE,
      description: 'At most this many groups: 0 to 1000 (default 100); more fails with BAD_USER_INPUT pagination.first.invalid.',
    })
    first: number,
  ): GroupEntity[] | Promise<GroupEntity[]> {
    const limit = pageSize(first); // 0-1000, as every page (BAD_USER_INPUT otherwise)
    const known = knownGroups.get(u);
    if (known) return known.slice(0, limit);
    // one query for the groups of every user on the page, at most `limit` each
    const load = batchLoader<string, GroupEntity[]>(ctx, `groupsOfUser:${u.organization}:${limit}`, (ids) =>
      groupsOfUsers(ctx.core, u.organization, ids, limit),
    );
    return load(u.id).then((g) => g ?? []);
  }
}
