import pg from 'pg';

/** How long /readyz waits for the database's answer before it reports 503. */
export const READINESS_TIMEOUT_MS = 2000;

/** What a readiness check found: the database takes writes, takes none, or did not answer. */
export type Readiness = { ready: true } | { ready: false; status: 'database read-only' | 'database unreachable'; reason: string };

/**
 * The database check behind /readyz, on a connection of its own (`application_name`
 * `identity-readiness`, opened at the first check and kept), not one of the pool's: with every pooled
 * connection busy serving requests (a load spike, a long lock wait) the check through the pool waited
 * for one and reported 503, and behind a balancer every instance of a busy service left it at once.
 * Readiness says whether this instance can serve (the database answers and takes writes), not whether
 * it is busy. Checks made while one is running share its answer; a check that gets no answer in time
 * ends the connection (the next one connects again).
 */
export class ReadinessProbe {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private running: Promise<Readiness> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = READINESS_TIMEOUT_MS,
  ) {}

  check(): Promise<Readiness> {
    return (this.running ??= this.run().finally(() => (this.running = null)));
  }

  private async run(): Promise<Readiness> {
    if (this.closed) return { ready: false, status: 'database unreachable', reason: 'the server is stopping' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    const query = (async () => {
      const client = await this.connection();
      const r = await client.query<{ readOnly: string }>(`select current_setting('transaction_read_only') as "readOnly"`);
      return r.rows[0]?.readOnly;
    })();
    query.catch(() => {}); // when the timeout won, a later failure is no news
    try {
      // a server that takes no writes (a standby, or a primary demoted in a failover) answers, but
      // every write would fail there: not ready either
      if ((await Promise.race([query, timeout])) === 'on') {
        return { ready: false, status: 'database read-only', reason: 'the database takes no writes (transaction_read_only is on)' };
      }
      return { ready: true };
    } catch (err) {
      this.drop(); // hung or lost: the next check connects afresh
      return { ready: false, status: 'database unreachable', reason: (err as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    return (this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: 'identity-readiness', connectionTimeoutMillis: this.timeoutMs });
      // a connection lost between checks (a database restart) is replaced at the next check
      const lost = () => {
        if (this.client === client) this.client = null;
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
      } catch (err) {
        client.end().catch(() => {});
        throw err;
      }
      if (this.closed) {
        await client.end().catch(() => {});
        throw new Error('the server is stopping');
      }
      this.client = client;
      return client;
    })().finally(() => (this.connecting = null)));
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    // with a query outstanding, end() destroys the socket instead of waiting for the server
    client?.end().catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
