// Text a sender (or anyone who can write to syslog) controls, through every format of every
// command: nothing reaches a terminal raw, nothing becomes a spreadsheet formula, nothing becomes
// a link, an image, HTML or a table cell in Markdown, and JSON stays valid and exact.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { COMMANDS, EVIDENCE_FORMATS, FORMATS } from '../../src/options.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { connect, disconnect, grey, header, line, log, newEntry } from '../helpers/spamd-lines.js';

/** Without blanks: spamd logs envelope addresses and HELO names up to the first blank. */
const HOSTILE: readonly string[] = [
  '\u001b[2J\u001b[31mred', // clear the screen, colour
  '\u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\', // OSC 8 hyperlink
  '\u001b]0;title\u0007', // window title
  '\u009b31m\u0085', // C1 CSI and NEL
  '\u202eexe.fdp\u2066x\u2069', // bidi override and isolate
  '\u0000\u0007\u0008\u007f\u000b\u000c', // NUL BEL BS DEL VT FF
  '\u2028\u2029\u200b\ufeff', // line/paragraph separators, zero width
  'tag\udb40\udc41\udb40\udc42', // invisible Unicode tag characters
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  'a,"b";c',
  '|cell|`code`[link](http://evil.example)![img](http://evil.example/i.png)',
  '<img/src=x/onerror=alert(1)><script>alert(1)</script>',
  '*bold*_it_~~s~~#h\\',
  '&lt;b&gt;&#x3C;i&#x3E;',
  '😀'.repeat(40), // surrogate pairs where cells are cut
  'x'.repeat(3000),
];

const DIR = mkdtempSync(join(tmpdir(), 'spamd-report-never-'));
after(() => rmSync(DIR, { recursive: true, force: true }));

function hostileLog(): string {
  const lines: string[] = [];
  HOSTILE.forEach((h, i) => {
    const ip = `198.51.100.${i + 1}`;
    const when = `Oct  2 10:${String(i).padStart(2, '0')}:00`;
    lines.push(
      connect(when, ip, i % 3 === 0 ? `spews1 ${h}` : ''),
      grey(when, ip, h, h),
      grey(when, ip, `<${h}@example.net>`, `<rcpt-${i}@example.com>`),
      newEntry(when, ip, h, h, h),
      header(when, ip, 'Subject', h),
      header(when, ip, 'From', `"${h}" <${h}@example.net>`),
      disconnect(when, ip, 0, i % 3 === 0 ? `spews1 ${h}` : ''),
      line(when, `${ip}: connected (1/0)`, h),
      line(when, `${ip}: disconnected after 0 seconds.`, h),
    );
  });
  // Lines not understood: their text is shown as an example.
  lines.push(HOSTILE[0]!, HOSTILE[1]!, HOSTILE[8]!);
  return log(lines);
}

/** The file name is the user's, but it may come from a directory listing: escaped too. */
const FILE = join(DIR, 'spamd\u001b[2J=cmd|x.log');
writeFileSync(FILE, hostileLog());

/** A spamdb(8) listing with the same text in its HELO, sender and recipient fields. */
const DUMP = join(DIR, 'spamdb.txt');
const T0 = Date.UTC(2026, 9, 2, 10) / 1000;
writeFileSync(
  DUMP,
  HOSTILE.map((h, i) => `GREY|198.51.100.${i + 1}|${h.replace(/[|\r]/g, '')}|${h.replace(/[|\r]/g, '')}|<rcpt-${i}@example.com>|${T0}|${T0 + 1500}|${T0 + 14_400}|1|0\n`).join(''),
);

/** Every command, its formats, and what it needs: `--spamdb` where it joins one, `evidence` what it is about. */
const RUNS: ReadonlyArray<[command: string, formats: readonly string[], args: string[]]> = [
  ...['summary', 'senders', 'triplets', 'domains'].map((c): [string, readonly string[], string[]] => [c, FORMATS, ['--spamdb', DUMP, FILE]]),
  ['sessions', FORMATS, [FILE]],
  ['evidence', EVIDENCE_FORMATS, ['--net', '198.51.100.0/24', '--spamdb', DUMP, FILE]],
  ['spamdb', FORMATS, [DUMP]],
];

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** RFC 4180: records of fields; quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        assert.ok(q >= 0, 'an unterminated quoted field');
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') field += text[i++];
      assert.ok(!field.includes('"'), `a quote in an unquoted field: ${field}`);
    }
    record.push(field);
    if (text[i] === ',') i++;
    else {
      assert.ok(i === text.length || text[i] === '\n', `garbage after a field at ${i}`);
      i++;
      records.push(record);
      record = [];
    }
  }
  return records;
}

/** Is the character at `i` preceded by an odd number of backslashes (escaped in Markdown)? */
function escapedAt(s: string, i: number): boolean {
  let n = 0;
  while (i - 1 - n >= 0 && s[i - 1 - n] === '\\') n++;
  return n % 2 === 1;
}

function unescaped(s: string, chars: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) if (chars.includes(s[i]!) && !escapedAt(s, i)) out.push(`${s[i]} at ${i}: ${s.slice(Math.max(0, i - 20), i + 20)}`);
  return out;
}

function allStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) allStrings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) allStrings(x, out);
  return out;
}

function checkCsv(out: string, what: string): void {
  const records = parseCsv(out);
  const width = records[0]!.length;
  for (const r of records) {
    assert.equal(r.length, width, `${what}: every record has ${width} fields: ${JSON.stringify(r)}`);
    for (const cell of r) {
      if (/^[-+]?\d+(\.\d+)?$/.test(cell)) continue; // a number
      assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${what}: a cell a spreadsheet runs: ${JSON.stringify(cell)}`);
    }
  }
}

function checkMarkdown(md: string, what: string): void {
  // The renderer's own syntax: table edges, and `> ` quoting the notes.
  const out = md.replace(/^> ?/gm, '');
  assert.deepEqual(unescaped(out.replace(/^\|.*\|$/gm, (row) => row.slice(1, -1)), '`[]<>'), [], `${what}: unescaped Markdown`);
  assert.doesNotMatch(out, /[<>]/, `${what}: HTML`);
  // Every table row has as many cells as its head.
  let cells = -1;
  for (const row of out.split('\n')) {
    if (!row.startsWith('|')) {
      cells = -1;
      continue;
    }
    const n = unescaped(row, '|').length;
    if (cells < 0) cells = n;
    assert.equal(n, cells, `${what}: a cell break in ${row.slice(0, 120)}`);
  }
}

test('every command is checked', () => assert.deepEqual(new Set(RUNS.map(([c]) => c)), new Set(COMMANDS)));

for (const [command, formats, args] of RUNS) {
  for (const format of formats) {
    test(`${command} --format ${format}: hostile log text never gets through`, async () => {
      const r = await runInProcess([command, '--format', format, '--tz', 'UTC', '--until', '2026-10-03', ...(command === 'spamdb' ? [] : ['--year', '2026']), ...args]);
      assert.equal(r.code, 0, r.stderr);
      const what = `${command} ${format}`;
      for (const [name, text] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const) {
        const m = RAW_CONTROL.exec(text.replace(/\n/g, ''));
        assert.equal(m, null, `${what} ${name}: raw U+${m?.[0].codePointAt(0)?.toString(16)} at ${m?.index}`);
        assert.ok(!text.includes('\ufffd'), `${what} ${name}: a character was cut in half (lone surrogate → U+FFFD)`);
      }
      if (format === 'csv') checkCsv(r.stdout, what);
      if (format === 'markdown') checkMarkdown(r.stdout, what);
      if (format === 'json' || format === 'ndjson') {
        const docs = format === 'json' ? [JSON.parse(r.stdout)] : r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
        for (const s of allStrings(docs)) assert.doesNotMatch(s, LONE_SURROGATE, `${what}: a lone surrogate in ${JSON.stringify(s.slice(0, 80))}`);
        // JSON keeps the log's text exactly.
        const strings = new Set(allStrings(docs));
        if (command === 'triplets') for (const h of HOSTILE) assert.ok(strings.has(h), `${what}: ${JSON.stringify(h.slice(0, 40))} kept exactly`);
      }
    });
  }
}

test('the hostile values are in the reports (escaped), so the checks above looked at them', async () => {
  const t = await runInProcess(['triplets', '--year', '2026', '--until', '2026-10-03', FILE]);
  assert.match(t.stdout, /\\x1b\[2J\\x1b\[31mred/);
  assert.match(t.stdout, /\\u202eexe\.fdp/);
  const csv = await runInProcess(['triplets', '--format', 'csv', '--year', '2026', FILE]);
  assert.match(csv.stdout, /"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)"/);
  assert.match(csv.stdout, /,'\+1\+1,/);
  assert.match(csv.stdout, /,\\x09=1,/); // a tab is escaped first: the cell starts with a backslash
  const md = await runInProcess(['triplets', '--format', 'markdown', '--year', '2026', FILE]);
  assert.match(md.stdout, /\\\|cell\\\|\\`code\\`\\\[link\\\]\(http:\/\/evil\.example\)\\!\\\[img\\\]/);
  assert.match(md.stdout, /&lt;img\/src=x\/onerror=alert\(1\)&gt;/);
  assert.match(md.stdout, /&amp;lt;b&amp;gt;/);
  const s = await runInProcess(['sessions', '--format', 'json', '--year', '2026', FILE]);
  const hosts = new Set((JSON.parse(s.stdout) as { rows: Array<{ host: string }> }).rows.map((r) => r.host));
  // (A host field cannot begin with a tab: syslog reads it as a separator.)
  for (const h of HOSTILE) if (!h.startsWith('\t')) assert.ok(hosts.has(h), `host ${JSON.stringify(h.slice(0, 30))}`);
  const sum = await runInProcess(['summary', '--year', '2026', FILE]);
  assert.match(sum.stderr, /spamd\\x1b\[2J=cmd\|x\.log:\d+: \[no-envelope\] \\x1b\[2J/);
});
