// The small decisions of src/run.ts: colour, the window of --since/--until, the stderr diagnostics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeProblems } from '../src/run.js';
import { useColor } from '../src/io.js';
import { addExample, createAccounting } from '../src/parse/accounting.js';

const COLOR: ReadonlyArray<[string, boolean, Record<string, string>, boolean]> = [
  ['a terminal', true, {}, true],
  ['a terminal with TERM=xterm', true, { TERM: 'xterm' }, true],
  ['not a terminal', false, {}, false],
  ['NO_COLOR=1', true, { NO_COLOR: '1' }, false],
  ['NO_COLOR set to anything', true, { NO_COLOR: 'no' }, false],
  ['NO_COLOR empty (no-color.org: as if unset)', true, { NO_COLOR: '' }, true],
  ['TERM=dumb', true, { TERM: 'dumb' }, false],
];

for (const [name, tty, env, expected] of COLOR) {
  test(`useColor: ${name}`, () => assert.equal(useColor({ stdoutIsTTY: tty, env }), expected));
}

test('describeProblems: every kind is counted on one line, examples follow, escaped and cut', () => {
  const acc = createAccounting();
  acc.lines = 10;
  acc.rejected.truncated = 1;
  acc.untimed = 1;
  acc.duplicates = 2;
  acc.backwards = 3;
  acc.invalidUtf8 = 1;
  acc.inputs.push({ name: 'b.log', lines: 0, bytes: 0, error: null, skipped: 'the same file as a.log, read once' });
  addExample(acc, 'truncated', 'a.log', 7, 'Oct  2 10:00:00 mx1 spamd[1]: \u001b[2J' + 'x'.repeat(500));
  const text = describeProblems(acc);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], 'spamd-report: b.log: the same file as a.log, read once');
  assert.equal(lines[1], 'spamd-report: of 10 lines, not analysed: 1 truncated, 1 spamd line(s) without timestamp, 2 duplicate line(s) (the line before them again)');
  assert.match(lines[2]!, /^spamd-report: analysed, but suspicious: 3 line\(s\) back in time .*, 1 line\(s\) with invalid UTF-8/);
  assert.match(lines[3]!, /^ {2}a\.log:7: \[truncated\] Oct {2}2 10:00:00 mx1 spamd\[1\]: \\x1b\[2Jx+…$/);
  assert.ok(lines[3]!.length < 200);
  assert.equal(describeProblems(createAccounting()), '');
});
