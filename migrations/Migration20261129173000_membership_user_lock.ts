import { Migration } from '@mikro-orm/migrations';

/**
 * Membership adds stop locking every user they add (`for key share` marks each user's heap page: a
 * 1,000-member push after a checkpoint wrote 4–7 MB of page images to the WAL). Instead, per
 * organization, adds hold an advisory lock shared and every user deletion takes it exclusively in
 * this trigger, before the row goes: a deletion waits for the adds in flight (and then removes
 * their memberships with the row), an add waits for a deletion in flight (and then no longer finds
 * the user).
 */
export class Migration20261129173000_membership_user_lock extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "group_members_lock_key"(org uuid) returns bigint language sql immutable as $$
  select hashtextextended('group_memberships:' || org::text, 0)
$$;`);
    this.addSql(`create function "users_hold_membership_adds"() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(group_members_lock_key(old.organization_id));
  return old;
end $$;`);
    this.addSql(`create trigger "users_delete_hold_membership_adds" before delete on "users" for each row execute function "users_hold_membership_adds"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "users_delete_hold_membership_adds" on "users";`);
    this.addSql(`drop function "users_hold_membership_adds"();`);
    this.addSql(`drop function "group_members_lock_key"(uuid);`);
  }
}
