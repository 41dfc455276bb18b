import { sql, type Em } from './db.js';

interface StatisticsLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** The tables the hot statements read; their plans are kept per connection (see `sql` in db.ts). */
export const WATCHED_TABLES = ['users', 'groups', 'group_memberships', 'events'] as const;
/** How often the server looks for a watched table whose statistics are missing or outgrown. */
export const STATISTICS_CHECK_MS = 5000;
/** Changes below this never trigger an ANALYZE of our own (autovacuum's business). */
export const STATISTICS_MIN_CHANGES = 200;

/**
 * Analyzes a watched table whose statistics describe less than half of it: never analyzed (a new
 * database), analyzed while nearly empty, or more than doubled since.
 *
 * Why: a prepared statement keeps the generic plan PostgreSQL made for it until the table's
 * statistics change. A plan made while the table had no statistics takes every index of the
 * organization for equally good (each seems to match one row) and picks the smallest: in the first
 * import into a new database the filter-before-create then read all of the organization's users
 * through `users_org_active_index`, one lookup in five, until autovacuum analyzed the table (its
 * naptime is a minute; at 500 creates a second, 30,000 users). An ANALYZE replaces the statistics and
 * thereby every kept plan on the table. Autovacuum remains in charge of everything else: it
 * re-analyzes after 10 % of changes, this only after the table doubled (log2 of its size in all).
 */
export class TableStatistics {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;
  /** Tables we may not analyze (not their owner): tried once per process. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly fork: () => Em,
    private readonly log: StatisticsLog,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.check()
        .then(
          () => void (this.failing = false),
          (err) => {
            // once per outage, not every few seconds while the database is away
            if (!this.failing) this.log.warn('table statistics check failed', { error: err });
            this.failing = true;
          },
        )
        .finally(() => (this.running = undefined));
    }, STATISTICS_CHECK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round: the tables due (one indexed catalog read), each analyzed in turn. */
  async check(): Promise<void> {
    const em = this.fork();
    const due = await sql<{ table: string; rows: string; changes: string }>(
      em,
      `select s.relname as "table", s.n_live_tup::text as rows, s.n_mod_since_analyze::text as changes
         from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.schemaname = current_schema() and s.relname = any(?::text[])
          and s.n_mod_since_analyze >= ? and s.n_mod_since_analyze > greatest(c.reltuples, 0)`,
      [`{${WATCHED_TABLES.join(',')}}`, STATISTICS_MIN_CHANGES],
    );
    for (const { table, rows, changes } of due) {
      if (this.refused.has(table)) continue;
      const owned = await sql<{ owned: boolean }>(em, `select pg_has_role(c.relowner, 'USAGE') as owned from pg_class c where c.oid = to_regclass(?)`, [table]);
      if (!owned[0]?.owned) {
        this.refused.add(table);
        this.log.warn('table statistics: not the owner of this table, leaving its ANALYZE to autovacuum', { table });
        continue;
      }
      // SKIP_LOCKED: another instance (or autovacuum) analyzing it already is as good
      await em.getConnection().execute(`analyze (skip_locked) "${table}"`); // one of WATCHED_TABLES
      this.log.info('table statistics were missing or outgrown: analyzed', { table, rows: Number(rows), changedSinceAnalyze: Number(changes) });
    }
  }
}
