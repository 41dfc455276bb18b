import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { GroupConnection } from '../types/group.js';
import { UserConnection } from '../types/user.js';

// totalCount is a COUNT over the whole filter: computed only when a client selects it.

@Resolver(() => UserConnection)
export class UserConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of users matching the filter (computed only when selected).' })
  totalCount(@Root() c: UserConnection) {
    return c.countTotal();
  }
}

@Resolver(() => GroupConnection)
export class GroupConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of groups matching the filter (computed only when selected).' })
  totalCount(@Root() c: GroupConnection) {
    return c.countTotal();
  }
}
