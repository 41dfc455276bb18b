import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { GroupSortField } from '../../core/queries/groups-query.js';
import { DateTimeFilter, GroupSortFieldEnum, IdFilter, PageInfo, SortDirectionEnum, StringFilter } from './common.js';

@ObjectType({ description: 'A group of users, usually pushed from the identity provider.' })
export class Group {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String, { description: 'Unique (case-insensitively) within the organization.' }) displayName!: string;
  @Field(() => String, { nullable: true, description: "The identity provider's id for the group." }) externalId!: string | null;
  @Field(() => Int, { description: 'Number of members, kept exact on every membership change.' }) memberCount!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int, { description: 'Increases by one on every change, membership changes included.' }) version!: number;
}

@ObjectType('GroupMembership', { description: 'A member of a group: the user (its id, userName and displayName) and when it was added.' })
export class GroupMembershipNode {
  @Field(() => ID) userId!: string;
  @Field(() => String) userName!: string;
  @Field(() => String, { nullable: true }) displayName!: string | null;
  @Field(() => Date, { description: 'When the user was added to the group.' }) addedAt!: Date;
}

@ObjectType()
export class GroupMembershipEdge {
  @Field(() => String) cursor!: string;
  @Field(() => GroupMembershipNode) node!: GroupMembershipNode;
}

@ObjectType({ description: "A page of a group's members (the group's memberCount is their number)." })
export class GroupMembershipConnection {
  @Field(() => [GroupMembershipEdge]) edges!: GroupMembershipEdge[];
  @Field(() => [GroupMembershipNode]) nodes!: GroupMembershipNode[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class GroupEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Group) node!: Group;
}

@ObjectType({ description: 'A page of groups.' })
export class GroupConnection {
  @Field(() => [GroupEdge]) edges!: GroupEdge[];
  @Field(() => [Group]) nodes!: Group[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counts the matches; called by the totalCount field resolver only when that field is selected. */
  countTotal!: () => Promise<number>;
}

@InputType({ description: 'A new group.' })
export class CreateGroupInput {
  @Field(() => String) displayName!: string;
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Initial members (user ids of the same organization).' }) memberIds?: string[] | null;
}

@InputType({ description: 'Changes to a group; omitted fields are kept.' })
export class UpdateGroupInput {
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => String, { nullable: true, description: 'null clears it.' }) externalId?: string | null;
}

@InputType({ description: 'A group filter; combine with and / or / not.' })
export class GroupFilter {
  @Field(() => [GroupFilter], { nullable: true }) and?: GroupFilter[] | null;
  @Field(() => [GroupFilter], { nullable: true }) or?: GroupFilter[] | null;
  @Field(() => GroupFilter, { nullable: true }) not?: GroupFilter | null;
  @Field(() => IdFilter, { nullable: true }) id?: IdFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Case-insensitive.' }) displayName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Case-sensitive.' }) externalId?: StringFilter | null;
  @Field(() => ID, { nullable: true, description: 'Groups having this user as a member.' }) memberId?: string | null;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter | null;
}

@InputType({ description: 'Sort order of groups (ties broken by id).' })
export class GroupSort {
  @Field(() => GroupSortFieldEnum) field!: GroupSortField;
  @Field(() => SortDirectionEnum, { nullable: true, defaultValue: 'ASC' }) direction?: 'ASC' | 'DESC';
}

@ObjectType({ description: 'The outcome of a membership change.' })
export class MembershipChange {
  @Field(() => Group) group!: Group;
  @Field(() => [ID], { description: 'Users that became members (already-members are not listed).' }) addedUserIds!: string[];
  @Field(() => [ID], { description: 'Users that stopped being members.' }) removedUserIds!: string[];
}

@InputType({ description: 'A member named by userName (group push); created when missing if the policy lets group push provision members.' })
export class NewMemberInput {
  @Field(() => String) userName!: string;
  @Field(() => String, { nullable: true }) displayName?: string | null;
}
