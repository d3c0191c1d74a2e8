// A listing's accounting: every line counted, rejects by reason with the first examples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLES_PER_REASON } from '../../src/parse/accounting.js';
import { addDumpLine, addTooLong, createSpamdbDump, dumpEntries, dumpRejected } from '../../src/parse/spamdb-dump.js';
import { parseSpamdbLine } from '../../src/parse/spamdb.js';

function load(lines: string[]): ReturnType<typeof createSpamdbDump> {
  const d = createSpamdbDump('spamdb.txt');
  lines.forEach((l, i) => addDumpLine(d, parseSpamdbLine(l), i + 1, l));
  return d;
}

test('entries by type and GREY layouts are counted', () => {
  const d = load([
    'GREY|192.0.2.10|h|<a>|<b>|1|2|3|1|0',
    'GREY|192.0.2.11|<a>|<b>|1|2|3|1|0',
    'WHITE|192.0.2.12|||1|2|3|1|0',
    'TRAPPED|192.0.2.13|5',
    'SPAMTRAP|t@example.com',
    '',
  ]);
  assert.equal(d.lines, 6);
  assert.equal(d.blank, 1);
  assert.equal(dumpEntries(d), 5);
  assert.deepEqual(d.layouts, { helo: 1, old: 1 });
  assert.equal(dumpRejected(d), 0);
});

test('rejects keep file:line examples, a few per reason', () => {
  const bad = Array.from({ length: EXAMPLES_PER_REASON + 2 }, (_, i) => `junk ${i}`);
  const d = load(['GREY|192.0.2.10|h|<a>|<b>|x|2|3|1|0', ...bad]);
  assert.equal(d.rejected['unknown-type'], bad.length);
  assert.equal(d.rejected['bad-number'], 1);
  assert.equal(d.examples.filter((e) => e.reason === 'unknown-type').length, EXAMPLES_PER_REASON);
  assert.deepEqual(d.examples[0], { reason: 'bad-number', source: 'spamdb.txt', line: 1, text: 'GREY|192.0.2.10|h|<a>|<b>|x|2|3|1|0' });
  assert.equal(d.examples[1]?.line, 2);
});

test('over-long and invalid UTF-8 lines are counted', () => {
  const d = createSpamdbDump('-');
  addTooLong(d, 7, 'GREY|192.0.2.1|' + 'x'.repeat(100));
  addDumpLine(d, parseSpamdbLine('SPAMTRAP|tr\ufffdp@example.com'), 8, 'SPAMTRAP|tr\ufffdp@example.com');
  assert.equal(d.lines, 2);
  assert.equal(d.rejected['too-long'], 1);
  assert.equal(d.invalidUtf8, 1);
  assert.equal(d.spamtraps.length, 1);
  assert.deepEqual(d.examples.map((e) => [e.reason, e.line]), [['too-long', 7], ['invalid-utf8', 8]]);
});
