import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortRows, type Column, type Row } from '../../src/report/model.js';

const COLUMNS: Column[] = [{ key: 'ip' }, { key: 'first_seen' }, { key: 'first_retry_s', numeric: true }, { key: 'helo' }];
const ROWS: Row[] = [
  { ip: '192.0.2.10', first_seen: '2026-10-02T10:00:00+02:00', first_retry_s: 300, helo: 'b.example' },
  { ip: '192.0.2.9', first_seen: '2026-10-02T09:00:00+00:00', first_retry_s: null, helo: null },
  { ip: '10.0.0.1', first_seen: '2026-10-02T08:30:00+00:00', first_retry_s: 1, helo: 'a.example' },
  { ip: '192.0.2.200', first_seen: '2026-10-02T09:00:00+00:00', first_retry_s: null, helo: 'c.example' },
];

// Expected order as the rows' addresses.
const cases: Array<[sort: string | null, expected: string[]]> = [
  [null, ['192.0.2.10', '10.0.0.1', '192.0.2.9', '192.0.2.200']], // first_seen as instants (10:00+02:00 is 08:00Z), then address
  ['ip', ['10.0.0.1', '192.0.2.9', '192.0.2.10', '192.0.2.200']], // addresses by value, not as text
  ['-ip', ['192.0.2.200', '192.0.2.10', '192.0.2.9', '10.0.0.1']],
  ['first_retry_s', ['10.0.0.1', '192.0.2.10', '192.0.2.9', '192.0.2.200']], // empty last, ties by first_seen then address
  ['-first_retry_s', ['192.0.2.10', '10.0.0.1', '192.0.2.9', '192.0.2.200']], // empty last in descending order too
  ['helo', ['10.0.0.1', '192.0.2.10', '192.0.2.200', '192.0.2.9']],
  ['-helo', ['192.0.2.200', '192.0.2.10', '10.0.0.1', '192.0.2.9']],
];

for (const [sort, expected] of cases) {
  test(`sortRows --sort ${sort ?? '(default first_seen)'}`, () => {
    assert.deepEqual(
      sortRows([...ROWS], COLUMNS, sort, 'first_seen').map((r) => r.ip),
      expected,
    );
  });
}
