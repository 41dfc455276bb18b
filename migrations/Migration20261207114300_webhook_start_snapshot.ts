import { Migration } from '@mikro-orm/migrations';

/**
 * A webhook endpoint keeps the snapshot of the moment it was created or enabled again, besides the
 * newest sequence then: an event numbered before that moment whose transaction commits after it is
 * delivered too (services/webhook-worker.ts, ENQUEUE).
 */
export class Migration20261207114300_webhook_start_snapshot extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_endpoints" add column "start_xmax" bigint null, add column "start_xip" text[] null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_endpoints" drop column "start_xmax", drop column "start_xip";`);
  }
}
