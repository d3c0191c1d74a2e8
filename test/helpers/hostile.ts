// Sender-written strings that must never act on a terminal, a spreadsheet or a letter, and the
// checks every output format must pass with them.
import assert from 'node:assert/strict';
import { parseCsv } from './csv-parse.js';

export const HOSTILE: readonly string[] = [
  '\u001b[31mred\u001b[0m\u001b]0;title\u0007',
  "=cmd|' /C calc'!A0",
  '[x](http://evil)',
  '<script>alert(1)</script>',
  'a|b||c',
  '+1+1',
  '-2+3',
  '@SUM(1+1)',
  '\u202eevil\u202c',
  'line\nbreak\rreturn',
  '\u009b31m',
];

/** No C0/C1 control character other than newline, no bidi override. */
export function assertNoControls(out: string, what: string): void {
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.exec(out);
  assert.equal(bad, null, `${what}: raw control character ${JSON.stringify(bad?.[0])} in output`);
}

/** No Markdown link, image, HTML tag, or table cell break made of log text. */
export function assertSafeMarkdown(out: string, what: string): void {
  assertNoControls(out, what);
  assert.doesNotMatch(out, /(?<!\\)\[x(?<!\\)\]\(http/, `${what}: a Markdown link`);
  assert.doesNotMatch(out, /<script/i, `${what}: an HTML tag`);
  for (const block of out.split(/\n(?!\|)/)) {
    const lines = block.split('\n').filter((l) => l.startsWith('|'));
    if (lines.length === 0) continue;
    const cells = (l: string): number => l.replace(/\\\|/g, '').split('|').length;
    for (const l of lines) assert.equal(cells(l), cells(lines[0]!), `${what}: a table row with a broken cell count: ${l}`);
  }
}

/** Valid CSV whose cells a spreadsheet will not run as formulas; returns the records. */
export function assertSafeCsv(out: string, what: string): string[][] {
  assertNoControls(out.replace(/\r/g, ''), what);
  const rows = parseCsv(out);
  const width = rows[0]!.length;
  for (const r of rows) {
    assert.equal(r.length, width, `${what}: a record with ${r.length} cells, not ${width}`);
    for (const c of r) assert.doesNotMatch(c, /^[=+\-@\t\r]/, `${what}: formula cell ${JSON.stringify(c)}`);
  }
  return rows;
}
