// The escapes every renderer relies on, case by case (the whole reports are checked with hostile
// logs in never-through.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutAt, escapeControl, escapeFormula, escapeJsonText, escapeMarkdown, toWellFormed, truncate } from '../../src/report/escape.js';

const CONTROL: ReadonlyArray<[string, string, string]> = [
  ['plain text', '<a@example.net>', '<a@example.net>'],
  ['ESC (ANSI clear screen)', '\u001b[2J', '\\x1b[2J'],
  ['NUL, BEL, TAB, CR, LF, DEL', '\u0000\u0007\t\r\n\u007f', '\\x00\\x07\\x09\\x0d\\x0a\\x7f'],
  ['C1 CSI', '\u009b31m', '\\x9b31m'],
  ['bidi override and isolates', '\u202eabc\u2066d\u2069', '\\u202eabc\\u2066d\\u2069'],
  ['zero width, BOM, soft hyphen, line separator', '\u200b\ufeff\u00ad\u2028', '\\u200b\\ufeff\\xad\\u2028'],
  ['tag characters (invisible ASCII)', 'a\udb40\udc41\udb40\udc7f', 'a\\u{e0041}\\u{e007f}'],
  ['lone surrogates', 'a\ud83d b\ude00', 'a\\ud83d b\\ude00'],
  ['a whole emoji stays', '😀é漢', '😀é漢'],
  ['syslog escapes stay literal', '#012^J\\M-^[', '#012^J\\M-^['],
];

for (const [name, input, expected] of CONTROL) {
  test(`escapeControl: ${name}`, () => assert.equal(escapeControl(input), expected));
}

const MARKDOWN: ReadonlyArray<[string, string, string]> = [
  ['cell break', 'a|b', 'a\\|b'],
  ['link', '[x](http://evil.example)', '\\[x\\](http://evil.example)'],
  ['image', '![i](x)', '\\!\\[i\\](x)'],
  ['code', '`rm -rf`', '\\`rm -rf\\`'],
  ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
  ['an entity is shown as written', '&lt;b&gt;', '&amp;lt;b&amp;gt;'],
  ['emphasis and heading', '*b* _i_ ~s~ #h', '\\*b\\* \\_i\\_ \\~s\\~ \\#h'],
  ['backslash', 'a\\|b', 'a\\\\\\|b'],
  ['control characters first', '\u001b[2J|', '\\\\x1b\\[2J\\|'],
];

for (const [name, input, expected] of MARKDOWN) {
  test(`escapeMarkdown: ${name}`, () => assert.equal(escapeMarkdown(input), expected));
}

const FORMULA: ReadonlyArray<[string, string]> = [
  ['=1+1', "'=1+1"],
  ['+1', "'+1"],
  ['-1+2', "'-1+2"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\t=1', "'\t=1"],
  ['\r=1', "'\r=1"],
  ['a=1', 'a=1'],
  ['<a@example.net>', '<a@example.net>'],
  ['', ''],
];

for (const [input, expected] of FORMULA) {
  test(`escapeFormula: ${JSON.stringify(input)}`, () => assert.equal(escapeFormula(input), expected));
}

test('cutAt and truncate never leave half a character', () => {
  const s = 'ab' + '😀'.repeat(5);
  for (let max = 1; max <= s.length + 1; max++) {
    assert.doesNotMatch(cutAt(s, max), /[\ud800-\udbff]$/, `cutAt ${max}`);
    assert.ok(cutAt(s, max).length <= max);
    if (max >= 2) assert.doesNotMatch(truncate(s, max), /[\ud800-\udbff]…$/, `truncate ${max}`);
  }
  assert.equal(truncate('abcdef', 4), 'abc…');
  assert.equal(truncate('abc', 4), 'abc');
});

test('toWellFormed replaces only lone surrogates', () => {
  assert.equal(toWellFormed('a\ud83d'), 'a\ufffd');
  assert.equal(toWellFormed('\ude00b'), '\ufffdb');
  assert.equal(toWellFormed('😀'), '😀');
});

test('escapeJsonText keeps JSON valid and the strings the same', () => {
  const value = { s: '\u0085\u202e\u2028\u00ad\udb40\udc41x' };
  const text = escapeJsonText(JSON.stringify(value));
  assert.doesNotMatch(text, /[\u0080-\u009f\u202e\u2028\u00ad]|\udb40/);
  assert.deepEqual(JSON.parse(text), value);
});
