// issue #15: one ISO-8601 reader for custom DATETIME attributes (src/shared/datetime.ts)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeIsoDateTime, parseIsoDateTime } from '../../src/shared/datetime.js';
import { coerce } from '../../src/core/services/custom-attributes.js';
import { normalizeDateTime } from '../../src/scim/filter-to-core.js';

describe('shared/datetime: normalizeIsoDateTime', () => {
  test('a time without an offset is UTC; a date alone is midnight UTC', () => {
    assert.equal(normalizeIsoDateTime('2024-05-01T12:00'), '2024-05-01T12:00:00.000Z');
    assert.equal(normalizeIsoDateTime('2024-05-01T12:00:30'), '2024-05-01T12:00:30.000Z');
    assert.equal(normalizeIsoDateTime('2024-05-01'), '2024-05-01T00:00:00.000Z');
    assert.equal(normalizeIsoDateTime('2024-05-01 12:00'), '2024-05-01T12:00:00.000Z', 'a space for T');
    assert.equal(normalizeIsoDateTime('  2024-05-01t12:00z  '), '2024-05-01T12:00:00.000Z', 'lower case and surrounding space');
  });

  test('offsets are honoured, with or without a colon', () => {
    assert.equal(normalizeIsoDateTime('2024-05-01T12:00Z'), '2024-05-01T12:00:00.000Z');
    assert.equal(normalizeIsoDateTime('2024-05-01T14:00+02:00'), '2024-05-01T12:00:00.000Z');
    assert.equal(normalizeIsoDateTime('2024-05-01T14:00:00+0200'), '2024-05-01T12:00:00.000Z');
    assert.equal(normalizeIsoDateTime('2024-05-01T10:30:00-01:30'), '2024-05-01T12:00:00.000Z');
    assert.equal(normalizeIsoDateTime('2024-05-01T00:30+01:00'), '2024-04-30T23:30:00.000Z', 'across midnight');
    assert.equal(normalizeIsoDateTime('2024-01-01T00:00:00-00:00'), '2024-01-01T00:00:00.000Z');
    assert.equal(normalizeIsoDateTime('2024-02-29T10:00:00+02:00'), '2024-02-29T08:00:00.000Z');
  });

  test('fractional seconds: milliseconds kept, finer digits cut off', () => {
    assert.equal(normalizeIsoDateTime('2024-05-01T12:00:00.5Z'), '2024-05-01T12:00:00.500Z');
    assert.equal(normalizeIsoDateTime('2024-05-01T12:00:00.123Z'), '2024-05-01T12:00:00.123Z');
    assert.equal(normalizeIsoDateTime('2024-05-01T12:00:00.123999999Z'), '2024-05-01T12:00:00.123Z');
    assert.equal(normalizeIsoDateTime('2024-05-01T12:00:00.07'), '2024-05-01T12:00:00.070Z', 'fraction without offset: UTC');
  });

  test('years 0–99 are not read as 1900–1999', () => {
    assert.equal(normalizeIsoDateTime('0099-12-31T23:59:59Z'), '0099-12-31T23:59:59.000Z');
    assert.equal(normalizeIsoDateTime('0000-01-01'), '0000-01-01T00:00:00.000Z');
  });

  test('invalid input is undefined', () => {
    for (const bad of [
      '',
      'last tuesday',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2023-02-29',
      '2024-05-01T24:00',
      '2024-05-01T12:60',
      '2024-05-01T12:00:60',
      '2024-05-01T12',
      '2024-05-01T12:00+24:00',
      '2024-05-01T12:00+02:60',
      '2024-05-01T12:00+2',
      '2024-05-01Z',
      '2024-5-1',
      '20240501',
      '2024-05-01T12:00:00.Z',
      '2024-05-01T12:00 GMT',
      '0000-01-01T00:30+01:00', // before the year 0000
      '9999-12-31T23:30-01:00', // after the year 9999
      `2024-05-01T12:00:00.${'1'.repeat(80)}Z`,
    ]) {
      assert.equal(normalizeIsoDateTime(bad), undefined, bad);
      assert.equal(parseIsoDateTime(bad), undefined, bad);
    }
    for (const notText of [null, undefined, 0, 1714564800000, true, new Date(), ['2024-05-01']]) {
      assert.equal(normalizeIsoDateTime(notText), undefined, String(notText));
    }
  });

  test('the stored value (core coerce) and the SCIM filter value (normalizeDateTime) are the same text for every form', () => {
    for (const v of ['2024-05-01T12:00', '2024-05-01', '2024-05-01T14:00+02:00', '2024-05-01T12:00:00.123456Z', '2024-05-01 12:00:00']) {
      assert.equal(coerce('DATETIME', v), normalizeIsoDateTime(v), v);
      assert.equal(normalizeDateTime(v, 'x'), normalizeIsoDateTime(v), v);
    }
    assert.equal(coerce('DATETIME', '2024-05-01T24:00'), undefined);
    assert.throws(() => normalizeDateTime('2024-05-01T24:00', 'x'), { name: 'ScimError', status: 400, scimType: 'invalidFilter' });
  });
});
