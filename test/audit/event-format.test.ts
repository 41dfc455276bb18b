/** CSV fields of the audit export: RFC 4180 quoting and defused spreadsheet formulas (src/audit/event-format.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvHeader, csvRecord, defuseFormula, ndjsonLine } from '../../src/audit/event-format.js';
import type { ExportedEvent } from '../../src/audit/operations.js';

describe('audit export formats', () => {
  test('RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rlf'), '"cr\rlf"');
    assert.equal(csvField(' padded '), '" padded "', 'leading and trailing space kept by quoting');
    assert.equal(csvField(null), '');
    assert.equal(csvField(42), '42');
    assert.equal(csvField({ a: { before: 1, after: 'x,"y"' } }), '"{""a"":{""before"":1,""after"":""x,\\""y\\""""}}"');
  });

  test('cells a spreadsheet runs as formulas get a leading apostrophe', () => {
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.equal(defuseFormula(f), `'${f}`);
    for (const ok of ['a=1', 'x+1', '1-2', 'mail@example.com', "'quoted"]) assert.equal(defuseFormula(ok), ok);
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField('-2,3'), `"'-2,3"`);
  });

  test('records end with CRLF; NDJSON lines with one LF and no other', () => {
    const e: ExportedEvent = {
      sequence: 7,
      organizationId: 'o',
      type: 'USER_UPDATED',
      actorType: 'API_KEY',
      actorId: null,
      actorLabel: 'API key "x"',
      subjectType: 'USER',
      subjectId: 's',
      subjectLabel: 'line\nbreak',
      objectType: null,
      objectId: null,
      changes: { title: { before: null, after: 'a\nb' } },
      data: {},
      requestId: null,
      occurredAt: '2026-12-06T00:00:00.000Z',
    };
    assert.ok(csvHeader().startsWith('sequence,occurredAt,type,') && csvHeader().endsWith('\r\n'));
    const r = csvRecord(e);
    assert.ok(r.startsWith('7,2026-12-06T00:00:00.000Z,USER_UPDATED,API_KEY,,"API key ""x""",USER,s,"line\nbreak",'));
    assert.ok(r.endsWith(',o\r\n'));
    const line = ndjsonLine(e);
    assert.equal(line.indexOf('\n'), line.length - 1);
    assert.deepEqual(JSON.parse(line), e);
  });
});
