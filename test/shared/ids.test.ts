import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUuid, uuidv7 } from '../../src/shared/ids.js';

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID carrying the millisecond timestamp', () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 0, 123);
    const id = uuidv7(now);
    assert.ok(isUuid(id), id);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(parseInt(id.slice(0, 8) + id.slice(9, 13), 16), now);
    assert.equal(uuidv7(0).slice(0, 13), '00000000-0000');
    assert.equal(uuidv7(2 ** 48 - 1).slice(0, 13), 'ffffffff-ffff');
  });

  it('sorts by creation time across milliseconds and does not repeat', () => {
    const t = Date.now();
    const ids = Array.from({ length: 50 }, (_, i) => uuidv7(t + i));
    assert.deepEqual([...ids].sort(), ids);
    const many = new Set(Array.from({ length: 20000 }, () => uuidv7(t)));
    assert.equal(many.size, 20000);
  });
});
