import pg from 'pg';

const PgClient = pg.Client;

/** True once `sessions` sessions of the client's database wait for a lock (polled every 25 ms for up to 5 s). */
export async function someoneWaitsForALock(db: pg.Client, sessions = 1): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    const r = await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    if (r.rows[0]!.n >= sessions) return true;
    await new Promise((res) => setTimeout(res, 25));
  }
  return false;
}

/** Runs `fn` with a fresh client of the database at `url`, closed afterwards whatever happens. */
export async function withDb<T>(url: string, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new PgClient({ connectionString: url });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
