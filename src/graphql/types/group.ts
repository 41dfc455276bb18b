import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { GroupSortField } from '../../core/queries/groups-query.js';
import { DateTimeFilter, GroupSortFieldEnum, IdFilter, PageInfo, SortDirectionEnum, StringFilter } from './common.js';

@ObjectType({ description: 'A group of users, usually pushed from the identity provider.' })
export class Group {
  @Field(() => ID, { description: 'The group id (a UUID).' }) id!: string;
  @Field(() => ID, { description: 'The organization the group belongs to.' }) organizationId!: string;
  @Field(() => String, { description: 'Name, 1-256 characters; unique (case-insensitively) within the organization.' }) displayName!: string;
  @Field(() => String, {
    nullable: true,
    description: "The identity provider's id for the group (case-sensitive, unique within the organization when set); null when none.",
  })
  externalId!: string | null;
  @Field(() => Int, { description: 'Number of members, kept exact on every membership change.' }) memberCount!: number;
  @Field(() => Date, { description: 'When the group was created.' }) createdAt!: Date;
  @Field(() => Date, { description: 'Time of the last change, membership changes included.' }) updatedAt!: Date;
  @Field(() => Int, { description: 'Increases by one on every change, membership changes included; pass it as `expectedVersion` to guard a later change.' })
  version!: number;
}

@ObjectType('GroupMembership', { description: 'A member of a group: the user (its id, userName and displayName) and when it was added.' })
export class GroupMembershipNode {
  @Field(() => ID, { description: 'Id of the member.' }) userId!: string;
  @Field(() => String, { description: "The member's userName." }) userName!: string;
  @Field(() => String, { nullable: true, description: "The member's displayName; null when it has none." }) displayName!: string | null;
  @Field(() => Date, { description: 'When the user was added to the group.' }) addedAt!: Date;
}

@ObjectType({ description: 'A member and its cursor.' })
export class GroupMembershipEdge {
  @Field(() => String, { description: 'Cursor of this member; pass it as `after` to continue after it.' }) cursor!: string;
  @Field(() => GroupMembershipNode, { description: 'The member.' }) node!: GroupMembershipNode;
}

@ObjectType({ description: "A page of a group's members (the group's memberCount is their number)." })
export class GroupMembershipConnection {
  @Field(() => [GroupMembershipEdge], { description: 'The members of this page with their cursors.' }) edges!: GroupMembershipEdge[];
  @Field(() => [GroupMembershipNode], { description: 'The members of this page (the same as edges[].node).' }) nodes!: GroupMembershipNode[];
  @Field(() => PageInfo, { description: 'Paging information; pass endCursor as `after` for the next page.' }) pageInfo!: PageInfo;
}

@ObjectType({ description: 'A group and its cursor.' })
export class GroupEdge {
  @Field(() => String, { description: 'Cursor of this group; pass it as `after` (same sort and filter) to continue after it.' }) cursor!: string;
  @Field(() => Group, { description: 'The group.' }) node!: Group;
}

@ObjectType({ description: 'A page of groups.' })
export class GroupConnection {
  @Field(() => [GroupEdge], { description: 'The groups of this page with their cursors.' }) edges!: GroupEdge[];
  @Field(() => [Group], { description: 'The groups of this page (the same as edges[].node).' }) nodes!: Group[];
  @Field(() => PageInfo, { description: 'Paging information; pass endCursor as `after` for the next page.' }) pageInfo!: PageInfo;
  /** Counts the matches; called by the totalCount field resolver only when that field is selected. */
  countTotal!: () => Promise<number>;
}

@InputType({ description: 'A new group.' })
export class CreateGroupInput {
  @Field(() => String, { description: 'Name, 1-256 characters after trimming; unique (case-insensitively) within the organization.' }) displayName!: string;
  @Field(() => String, { nullable: true, description: "The identity provider's id, at most 512 characters (trimmed; empty means none)." }) externalId?:
    string | null;
  @Field(() => [ID], { nullable: true, description: 'Initial members: user ids of the same organization, at most 20,000 (group.members.tooMany).' })
  memberIds?: string[] | null;
}

@InputType({ description: 'Changes to a group; omitted fields are kept.' })
export class UpdateGroupInput {
  @Field(() => String, { nullable: true, description: 'New name, 1-256 characters; omitted or null keeps the current one.' }) displayName?: string | null;
  @Field(() => String, { nullable: true, description: 'New externalId, at most 512 characters; null (or empty) clears it.' }) externalId?: string | null;
}

@InputType({ description: 'A group filter; combine with and / or / not.' })
export class GroupFilter {
  @Field(() => [GroupFilter], {
    nullable: true,
    description: 'Every one of these filters must match (a filter has at most 200 conditions, nested at most 12 deep).',
  })
  and?: GroupFilter[] | null;
  @Field(() => [GroupFilter], { nullable: true, description: 'At least one of these filters must match (an empty list matches nothing).' }) or?:
    GroupFilter[] | null;
  @Field(() => GroupFilter, { nullable: true, description: 'This filter must not match.' }) not?: GroupFilter | null;
  @Field(() => IdFilter, { nullable: true, description: 'Conditions on the group id.' }) id?: IdFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Case-insensitive.' }) displayName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Case-sensitive.' }) externalId?: StringFilter | null;
  @Field(() => ID, { nullable: true, description: 'Groups having this user as a member.' }) memberId?: string | null;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Conditions on the creation time.' }) createdAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Conditions on the time of the last change.' }) updatedAt?: DateTimeFilter | null;
}

@InputType({ description: 'Sort order of groups (ties broken by id).' })
export class GroupSort {
  @Field(() => GroupSortFieldEnum, { description: 'The sort key; CREATED_AT keeps paging stable under concurrent writes.' }) field!: GroupSortField;
  @Field(() => SortDirectionEnum, { nullable: true, defaultValue: 'ASC', description: 'ASC (default) or DESC.' }) direction?: 'ASC' | 'DESC';
}

@ObjectType({ description: 'The outcome of a membership change.' })
export class MembershipChange {
  @Field(() => Group, { description: 'The group after the change.' }) group!: Group;
  @Field(() => [ID], { description: 'Users that became members (already-members are not listed).' }) addedUserIds!: string[];
  @Field(() => [ID], { description: 'Users that stopped being members.' }) removedUserIds!: string[];
}

@InputType({ description: 'A member named by userName (group push); created when missing if the policy lets group push provision members.' })
export class NewMemberInput {
  @Field(() => String, { description: 'The userName to match (ignoring case) or, when missing and allowed, to create.' }) userName!: string;
  @Field(() => String, { nullable: true, description: 'displayName of a user created for this entry; ignored when the user exists.' }) displayName?:
    string | null;
}
