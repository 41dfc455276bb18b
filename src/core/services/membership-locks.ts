import { sql, type Em } from '../db.js';

/**
 * Memberships have no foreign keys (see GroupMembership), so adding members and deleting users are
 * kept apart by one advisory lock per organization instead of a lock on every user row (those mark
 * each user's heap page: a 1,000-member push wrote megabytes of page images to the WAL after a
 * checkpoint). Membership adds hold it shared; user deletions take it exclusively, also in the
 * `users_delete_hold_membership_adds` trigger, which covers every way a user row is deleted.
 *
 * Both take it first, before any row lock, each in its own statement: then no transaction waits for
 * it while holding a row the other side needs (no deadlock), and the statements after it see every
 * change it waited for (an add no longer finds a user deleted meanwhile; a deletion finds, counts and
 * removes the memberships of an add that finished meanwhile).
 */
export async function holdUserDeletions(em: Em, organizationId: string): Promise<void> {
  await sql(em, 'select pg_advisory_xact_lock_shared(group_members_lock_key(?::uuid))', [organizationId]);
}

/** The exclusive side: waits for membership adds in flight in the organization and keeps new ones waiting until commit. */
export async function holdMembershipAdds(em: Em, organizationId: string): Promise<void> {
  await sql(em, 'select pg_advisory_xact_lock(group_members_lock_key(?::uuid))', [organizationId]);
}
