// core/write-batcher.ts on its own: when writes go alone, when together, and what a failing batch does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { WriteBatcher } from '../../src/core/write-batcher.js';

/** A sendBatch whose statements finish when the test says so. */
function recorder(fail: (item: number) => boolean = () => false) {
  const sent: Array<{ key: string; items: number[]; finish: () => void }> = [];
  const sendBatch = (key: string, items: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      sent.push({
        key,
        items,
        finish: () => (items.some(fail) ? reject(new Error(`refused ${items.join(',')}`)) : resolve(items.map((i) => i * 10))),
      });
    });
  return { sent, sendBatch };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('core: write batcher', () => {
  test('a write that finds a free slot goes at once, alone', async () => {
    const r = recorder();
    const b = new WriteBatcher(r.sendBatch, 2, 100, 60_000);
    const one = b.write('k', 1);
    assert.deepEqual(
      r.sent.map((s) => s.items),
      [[1]],
    );
    r.sent[0]!.finish();
    assert.equal(await one, 10);
  });

  test('writes that arrive while the slots are taken go together in the next statement, up to maxBatch, keys taking turns', async () => {
    const r = recorder();
    const b = new WriteBatcher(r.sendBatch, 1, 3, 60_000);
    const results = [b.write('x', 1), b.write('x', 2), b.write('x', 3), b.write('y', 4), b.write('x', 5), b.write('x', 6), b.write('x', 7)];
    assert.deepEqual(
      r.sent.map((s) => [s.key, s.items]),
      [['x', [1]]],
    );
    r.sent[0]!.finish();
    await tick();
    // x's queue is older than y's, at most 3 of it; the rest of x waits behind y
    assert.deepEqual(r.sent[1]!.items, [2, 3, 5]);
    r.sent[1]!.finish();
    await tick();
    assert.deepEqual([r.sent[2]!.key, r.sent[2]!.items], ['y', [4]]);
    r.sent[2]!.finish();
    await tick();
    assert.deepEqual(r.sent[3]!.items, [6, 7]);
    r.sent[3]!.finish();
    assert.deepEqual(await Promise.all(results), [10, 20, 30, 40, 50, 60, 70]);
    assert.equal(r.sent.length, 4);
  });

  test('a batch that fails is sent again one write at a time: only the bad write fails', async () => {
    const r = recorder((i) => i === 3);
    const b = new WriteBatcher(r.sendBatch, 1, 100, 60_000);
    const first = b.write('k', 1);
    const rest = [2, 3, 4].map((i) =>
      b.write('k', i).then(
        (v) => ({ v }),
        (e: Error) => ({ e: e.message }),
      ),
    );
    r.sent[0]!.finish();
    await first;
    await tick();
    assert.deepEqual(r.sent[1]!.items, [2, 3, 4]);
    r.sent[1]!.finish();
    await tick();
    assert.deepEqual(
      r.sent.slice(2).map((s) => s.items),
      [[2], [3], [4]],
    );
    for (const s of r.sent.slice(2)) s.finish();
    assert.deepEqual(await Promise.all(rest), [{ v: 20 }, { e: 'refused 3' }, { v: 40 }]);
  });

  test('a lone write that fails fails with its own error, and the slot is free again', async () => {
    const r = recorder((i) => i === 1);
    const b = new WriteBatcher(r.sendBatch, 1, 100, 60_000);
    const one = b.write('k', 1);
    r.sent[0]!.finish();
    await assert.rejects(one, /refused 1/);
    await tick();
    const two = b.write('k', 2);
    assert.equal(r.sent.length, 2);
    r.sent[1]!.finish();
    assert.equal(await two, 20);
  });

  test('a statement out longer than slotMs gives up its slot: the writes behind it go without waiting for it', async () => {
    const r = recorder();
    const b = new WriteBatcher(r.sendBatch, 1, 100, 30);
    const stuck = b.write('k', 1);
    const behind = [b.write('k', 2), b.write('k', 3)];
    assert.equal(r.sent.length, 1, 'they wait while the slot is young');
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(r.sent[1]?.items, [2, 3], 'then go together, the first still out');
    r.sent[1]!.finish();
    assert.deepEqual(await Promise.all(behind), [20, 30]);
    // the slow one ends later; its late end frees no second slot
    r.sent[0]!.finish();
    assert.equal(await stuck, 10);
    const [x, y] = [b.write('k', 4), b.write('k', 5)];
    assert.equal(r.sent.length, 3, 'one slot: 4 goes, 5 waits');
    r.sent[2]!.finish();
    await x;
    await tick();
    assert.deepEqual(r.sent[3]?.items, [5]);
    r.sent[3]!.finish();
    assert.equal(await y, 50);
  });

  test("a batch is sent in its first write's async context (its request's trace), not in the one of the statement before it", async () => {
    const request = new AsyncLocalStorage<string>();
    const r = recorder();
    const contexts: Array<string | undefined> = [];
    const b = new WriteBatcher(
      (key: string, items: number[]) => {
        contexts.push(request.getStore());
        return r.sendBatch(key, items);
      },
      1,
      100,
      60_000,
    );
    const first = request.run('request 1', () => b.write('k', 1));
    const second = request.run('request 2', () => b.write('k', 2));
    const third = request.run('request 3', () => b.write('k', 3));
    r.sent[0]!.finish();
    await first;
    await tick();
    r.sent[1]!.finish();
    await Promise.all([second, third]);
    assert.deepEqual(contexts, ['request 1', 'request 2']);
  });
});
