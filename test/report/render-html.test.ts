import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { renderHtml } from '../../src/report/render-html.js';
import { HTML_CSS, HTML_SCRIPT } from '../../src/report/html-assets.js';
import { RETRY_BUCKETS, SENDER_COLUMNS, SESSION_COLUMNS, TRIPLET_COLUMNS, type Report, type Table } from '../../src/report/model.js';
import type { Verdict } from '../../src/analyze/verdicts.js';
import type { TimeAxis } from '../../src/report/figures.js';
import { assertOnlyOurMarkup, markup } from '../helpers/html-markup.js';

// Script and markup in every shape a sender can write: tags, attribute breakouts with both
// quotes, entities that would decode to markup, comment and CDATA ends, and controls.
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;',
  '</style></title></textarea><!-- --> ]]>',
  'javascript:alert(1)',
  '\u001b[31mred\u202etxt.exe',
];
const P = HOSTILE.join(' ');

function hostileTable(name: string, columns: Table['columns'], rows = 3): Table {
  return {
    name: `${name}${P}`,
    title: `${name} ${P}`,
    columns: columns.map((c) => ({ ...c })),
    rows: Array.from({ length: rows }, () => Object.fromEntries(columns.map((c) => [c.key, P]))),
  };
}

function axis(bins: number): TimeAxis {
  return { start: 0, width: 3600, bins, labels: Array.from({ length: bins }, () => P) };
}

function hostileReport(): Report {
  const senders = hostileTable('senders', SENDER_COLUMNS);
  senders.sparklines = { axis: axis(4), values: senders.rows.map(() => [1, 0, 2, 3]) };
  const kv = hostileTable('window', [{ key: 'key' }, { key: 'value', numeric: true }]);
  kv.keyValue = true;
  const verdicts = hostileTable('verdicts', [{ key: 'verdict' }, { key: 'triplets', numeric: true }]);
  verdicts.name = 'verdicts';
  const retry = hostileTable('first_retry', [{ key: 'delay' }, { key: 'count', numeric: true }]);
  retry.name = 'first_retry';
  return {
    command: 'summary',
    tables: [kv, verdicts, retry, senders, hostileTable('triplets', TRIPLET_COLUMNS), hostileTable('sessions', SESSION_COLUMNS)],
    notes: [P, P],
    attemptsOverTime: { axis: axis(3), unit: 'triplets', series: [{ verdict: P as Verdict, counts: [1, 2, 3] }] },
  };
}

test('html: hostile text in every field stays text (only our tags and attributes, one script)', () => {
  const html = renderHtml(hostileReport(), { firstRows: 1, partRows: 1 });
  assertOnlyOurMarkup(html);
  const m = markup(html);
  for (const h of HOSTILE.filter((x) => /[<>"'\u001b\u202e]/.test(x))) assert.ok(!m.includes(h), `raw text in output: ${h}`);
  assert.ok(m.includes('&amp;lt;script&amp;gt;'), 'entities are escaped, not decoded');
  assert.ok(m.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(m.includes('\\x1b[31mred\\u202etxt.exe'), 'controls made visible');
});

test('html: a Content-Security-Policy admits exactly the inline style and script, nothing loads', () => {
  const html = renderHtml(hostileReport());
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(csp);
  const hash = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  assert.match(csp, /default-src 'none'/);
  assert.ok(csp.includes(`style-src ${hash(HTML_CSS)}`));
  assert.ok(csp.includes(`script-src ${hash(HTML_SCRIPT)}`));
  assert.ok(html.includes(`<style>${HTML_CSS}</style>`));
  assert.ok(html.includes(`<script>${HTML_SCRIPT}</script>`));
  for (const [tag] of markup(html).matchAll(/<[^>]*>/g)) assert.doesNotMatch(tag.replace(/"[^"]*"/g, '""'), /\s(src|href|xlink:href)=/i, 'no attribute that fetches');
  assert.doesNotMatch(HTML_CSS, /url\(|@import/, 'the style sheet fetches nothing');
});

test('html: the footer states the file size in bytes exactly', () => {
  for (const report of [hostileReport(), { command: 'senders', tables: [], notes: [] } as Report]) {
    const html = renderHtml(report);
    const stated = Number(/this file: (\d+) bytes/.exec(html)?.[1]);
    assert.equal(stated, Buffer.byteLength(html, 'utf8'));
  }
});

const PAGING: Array<[string, number, number, number, number]> = [
  // name, rows, firstRows, partRows, expected collapsed parts
  ['fewer rows than the first part', 5, 10, 4, 0],
  ['exactly the first part', 10, 10, 4, 0],
  ['one more', 11, 10, 4, 1],
  ['several parts, the last short', 23, 10, 4, 4],
];

for (const [name, n, firstRows, partRows, parts] of PAGING) {
  test(`html: paging, ${name}`, () => {
    const t: Table = { name: 'senders', title: 'Senders', columns: [{ key: 'ip' }, { key: 'attempts', numeric: true }], rows: Array.from({ length: n }, (_, i) => ({ ip: `192.0.2.${i}`, attempts: i })) };
    const html = renderHtml({ command: 'senders', tables: [t], notes: [] }, { firstRows, partRows });
    assert.equal((html.match(/<details class="more">/g) ?? []).length, parts);
    assert.equal((html.match(/<tr><td/g) ?? []).length, n, 'every row once');
    const order = [...html.matchAll(/<td data-s="[^"]*">192\.0\.2\.(\d+)</g)].map((m) => Number(m[1]));
    assert.deepEqual(order, Array.from({ length: n }, (_, i) => i), 'in the model\'s order');
    if (parts > 0) assert.ok(html.includes(`<summary>Rows ${firstRows + 1}\u2013${Math.min(n, firstRows + partRows)} of ${n}</summary>`));
  });
}

test('html: a sparkline per row after the attempts column, its bars where the attempts are', () => {
  const t: Table = {
    name: 'senders',
    title: 'Senders',
    columns: [{ key: 'ip' }, { key: 'attempts', numeric: true }, { key: 'lists', untrusted: true }],
    rows: [{ ip: '192.0.2.1', attempts: 3, lists: '' }, { ip: '192.0.2.2', attempts: 0, lists: '' }],
    sparklines: { axis: { start: 0, width: 3600, bins: 3, labels: ['a', 'b', 'c'] }, values: [[1, 0, 2], [0, 0, 0]] },
  };
  const html = renderHtml({ command: 'senders', tables: [t], notes: [] });
  const rows = [...html.matchAll(/<tr><td[\s\S]*?<\/tr>/g)].map((m) => m[0]);
  assert.equal(rows.length, 2);
  assert.match(rows[0]!, /<td class="n">3<\/td><td><svg class="spark"[^>]*><title>3 attempts<\/title><path d="M1 16v-8M5 16v-16"\/><\/svg><\/td><td class="u">/);
  assert.match(rows[1]!, /<title>0 attempts<\/title><\/svg>/, 'no path without attempts');
  assert.match(html, /<th data-c="1" class="n">|<th class="n" data-c="1">/);
  assert.match(html, /<th data-c="3">lists<\/th>/, 'sort index counts the sparkline column');
});

test('html: every first-retry bucket of the model has its colour', () => {
  const rows = [...RETRY_BUCKETS.map(([delay]) => delay), 'never'].map((delay) => ({ delay, count: 1 }));
  const html = renderHtml({ command: 'summary', tables: [{ name: 'first_retry', title: 'First retry', columns: [{ key: 'delay' }, { key: 'count', numeric: true }], rows }], notes: [] });
  const classes = [...html.matchAll(/<rect class="bar ([^"]*)"/g)].map((m) => m[1]);
  assert.equal(classes.length, rows.length);
  for (const c of classes) assert.match(c!, /^c-[a-z-]+$/);
});
