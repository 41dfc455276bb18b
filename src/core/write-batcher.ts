import { AsyncResource } from 'node:async_hooks';

/**
 * Sends the writes that arrive while earlier ones are on their way as one statement. At most
 * `inFlight` statements are out at once; the writes that queue meanwhile go together in the next one
 * (up to `maxBatch`, per key: a key names one statement text). A write that finds a free slot goes at
 * once, so a lone request waits for nothing; under load, concurrent writes share a statement and its
 * commit, which is most of PostgreSQL's CPU for a one-row insert (a batch of three costs it about half
 * as much per row as three statements).
 *
 * A statement out longer than `slotMs` (waiting for a lock, say) gives up its slot: the writes behind
 * it go on without it, so one slow statement delays the others by `slotMs` at most.
 *
 * When a batch of several fails, each of its writes is sent again alone: one bad row, or a row whose
 * organization was just deleted, fails only its own request.
 */
export class WriteBatcher<I, O> {
  private readonly queues = new Map<string, Waiting<I, O>[]>();
  private out = 0;

  constructor(
    private readonly sendBatch: (key: string, items: I[]) => Promise<O[]>,
    private readonly inFlight: number,
    private readonly maxBatch: number,
    private readonly slotMs: number,
  ) {}

  write(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      let queue = this.queues.get(key);
      // a queue's first write keeps its request's async context: the statement is sent in it (its
      // SQL span in that request's trace), not in that of whichever earlier statement's end sent it
      const context = queue === undefined ? new AsyncResource('WriteBatch') : undefined;
      if (queue === undefined) this.queues.set(key, (queue = []));
      queue.push({ item, resolve, reject, context });
      if (this.out < this.inFlight) this.next();
    });
  }

  /** Sends the oldest key's queue; a key with more left goes to the back, after the other keys. */
  private next(): void {
    const first = this.queues.entries().next();
    if (first.done) return;
    const [key, queue] = first.value;
    this.queues.delete(key);
    const batch = queue.length <= this.maxBatch ? queue : queue.splice(0, this.maxBatch);
    if (batch !== queue) this.queues.set(key, queue);
    this.out++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.out--;
      if (this.out < this.inFlight) this.next();
    };
    const slow = setTimeout(release, this.slotMs);
    const context = batch[0]!.context;
    const sending = context ? context.runInAsyncScope(() => this.send(key, batch)) : this.send(key, batch);
    void sending.finally(() => {
      clearTimeout(slow);
      release();
    });
  }

  private async send(key: string, batch: Waiting<I, O>[]): Promise<void> {
    let results: O[];
    try {
      results = await this.sendBatch(
        key,
        batch.map((w) => w.item),
      );
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      await Promise.all(batch.map((w) => this.sendAlone(key, w)));
      return;
    }
    for (let i = 0; i < batch.length; i++) batch[i]!.resolve(results[i]!);
  }

  private async sendAlone(key: string, w: Waiting<I, O>): Promise<void> {
    try {
      w.resolve((await this.sendBatch(key, [w.item]))[0]!);
    } catch (err) {
      w.reject(err);
    }
  }
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (err: unknown) => void;
  context: AsyncResource | undefined;
}
