// Seeded property tests (fast-check) over the parser and the whole pipeline (src/run.ts
// analyzeInputs with an injected Io): nothing throws, every line read is an event or a counted
// diagnostic, the result does not depend on how the bytes were chunked, and a rotated set is read
// in the same order however it is named. `npm test` runs a fixed seed and a small budget;
// `npm run fuzz` runs the same properties longer (scripts/fuzz.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { analyzeInputs, type AnalyzeResult } from '../../src/run.js';
import { createLineParser } from '../../src/parse/line.js';
import { createZone } from '../../src/parse/zone.js';
import { orderInputs } from '../../src/read/sources.js';
import { buildReport } from '../../src/report/model.js';
import { createTimeFormatter } from '../../src/report/format-time.js';
import { render } from '../../src/report/render.js';
import { DEFAULTS, FORMATS, type Options } from '../../src/options.js';
import { createTestIo } from '../helpers/run-in-process.js';
import { budget, chunkOffsets, spamdLog, split } from './arbitraries.js';

const ZONE = createZone('UTC');

function options(overrides: Partial<Options> = {}): Options {
  return {
    command: 'sessions',
    files: [],
    format: 'json',
    zone: 'UTC',
    utc: false,
    passtime: DEFAULTS.passtime,
    greyexp: DEFAULTS.greyexp,
    burst: DEFAULTS.burst,
    verdicts: null,
    sort: null,
    top: null,
    since: null,
    until: null,
    year: 2026,
    strict: false,
    poolPrefix: null,
    selection: null,
    ...overrides,
  };
}

function analyze(chunks: Buffer[], o: Options = options()): Promise<AnalyzeResult> {
  return analyzeInputs(['-'], o, ZONE, createTestIo({ stdin: chunks }));
}

/** Lines in `bytes` as a reader counts them: LF-terminated, plus a last one without LF. */
function lineCount(bytes: Buffer): number {
  let n = 0;
  for (const b of bytes) if (b === 0x0a) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? n + 1 : n;
}

function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

const OUTCOMES = new Set(['other', 'reject', 'connect', 'disconnect', 'envelope', 'header', 'matched-lists', 'new-entry', 'trapping', 'whitelisting', 'blacklisted', 'restart', 'spamlogd', 'daemon']);

test('the line parser takes any text: never throws, always a known outcome', () => {
  const parse = createLineParser({ zone: ZONE, reference: Date.UTC(2026, 11, 31) / 1000 });
  const anyText = fc.oneof(
    spamdLog.map((l) => l.bytes.toString('utf8')),
    fc.string({ unit: 'binary', maxLength: 200 }), // any code point, lone surrogates too
    fc.tuple(fc.constantFrom('Oct  2 10:00:00 mx1 spamd[1]: ', '2026-10-02T10:00:00Z mx1 spamd[1]: ', '<30>1 2026-10-02T10:00:00Z mx1 spamd 1 - - ', ''), fc.string({ unit: 'binary', maxLength: 120 })).map(([a, b]) => a + b),
  );
  fc.assert(
    fc.property(anyText, (text) => {
      for (const l of text.split('\n')) {
        const o = parse(l);
        assert.ok(OUTCOMES.has(o.kind), o.kind);
        if (o.kind !== 'other' && o.kind !== 'reject') assert.equal(typeof o.time, 'number');
      }
    }),
    budget(200),
  );
});

test('the pipeline takes any log: nothing throws, every line is an event or a counted diagnostic, every format renders', async () => {
  await fc.assert(
    fc.asyncProperty(spamdLog, fc.constantFrom('summary', 'senders', 'triplets', 'sessions', 'domains') as fc.Arbitrary<Options['command']>, async (log, command) => {
      const o = options({ command });
      const { analysis, accounting: acc, errors } = await analyze([log.bytes], o);
      assert.deepEqual(errors, []);
      assert.equal(acc.lines, lineCount(log.bytes), 'lines read');
      assert.equal(acc.events + acc.untimed + sum(acc.other) + sum(acc.rejected) + acc.duplicates, acc.lines, 'every line accounted for once');
      assert.equal(analysis.events + analysis.outsideWindow, acc.events + acc.repeatedEvents, 'every event analysed');
      assert.ok(acc.backwards <= acc.events && acc.invalidUtf8 <= acc.lines);
      const report = buildReport({ options: o, analysis, accounting: acc, formatTime: createTimeFormatter(ZONE, false), zoneName: 'UTC', version: 'test' });
      for (const format of FORMATS) {
        const out = render(report, format, { color: false });
        if (format === 'json') JSON.parse(out);
        if (format === 'ndjson') for (const l of out.split('\n').filter(Boolean)) JSON.parse(l);
      }
    }),
    budget(25),
  );
});

test('chunk boundaries change nothing: the same bytes cut anywhere give the same analysis', async () => {
  const cases = spamdLog.chain((log) => chunkOffsets(log.bytes.length).map((offsets) => ({ log, offsets })));
  await fc.assert(
    fc.asyncProperty(cases, async ({ log, offsets }) => {
      const whole = JSON.stringify(await analyze([log.bytes]));
      assert.equal(JSON.stringify(await analyze(split(log.bytes, offsets))), whole);
    }),
    budget(25),
  );
});

test('chunk boundaries change nothing in gzip data either', async () => {
  const cases = spamdLog.chain((log) => {
    const gz = gzipSync(log.bytes);
    return chunkOffsets(gz.length).map((offsets) => ({ gz, offsets }));
  });
  await fc.assert(
    fc.asyncProperty(cases, async ({ gz, offsets }) => {
      const whole = JSON.stringify(await analyze([gz]));
      assert.equal(JSON.stringify(await analyze(split(gz, offsets))), whole);
    }),
    budget(20),
  );
});

/** Every boundary the splitter must get right: multi-byte characters, invalid bytes, CR LF, a CR alone, the end. */
const TRICKY = Buffer.concat([
  Buffer.from('Oct  2 10:00:00 mx1 spamd[1]: 192.0.2.1: connected (1/0)\r\n'),
  Buffer.from('Oct  2 10:00:00 mx1 spamd[1]: (GREY) 192.0.2.1: <é漢😀@example.net> -> <b@example.com>\n'),
  Buffer.from('Oct  2 10:00:00 mx1 spamd[1]: 192.0.2.1: Subject: \xe2\x82 \xf0\x9f\x98 \xed\xa0\x80 \xc3\r\n', 'latin1'),
  Buffer.from('Oct  2 10:00:01 mx1 spamd[1]: 192.0.2.1: disconnected after 1 seconds.\r\r\n'),
  Buffer.from('a lone \r in a line\n\n\r\n'),
  Buffer.from('Oct  2 10:00:01 mx1 spamd[1]: (GREY) 192.0.2.1: <é漢😀@example.net> -> <b@example.com>\r'),
]);

test('chunk boundaries at every byte offset of a tricky log (inside characters, between CR and LF)', async () => {
  const whole = JSON.stringify(await analyze([TRICKY]));
  for (let at = 1; at < TRICKY.length; at++) {
    assert.equal(JSON.stringify(await analyze(split(TRICKY, [at]))), whole, `cut at byte ${at}`);
  }
  // One byte at a time.
  assert.equal(JSON.stringify(await analyze([...TRICKY].map((b) => Buffer.from([b])))), whole);
});

test('a rotated set is read oldest first however its files are named and ordered', () => {
  const member = fc.tuple(fc.constantFrom('', './', 'logs/../'), fc.constantFrom('spamd', 'spamd.0', 'spamd.0.gz', 'spamd.1.gz', 'spamd.2.gz', 'spamd.3.bz2', 'spamd.10.gz'));
  const other = fc.constantFrom('-', 'other.log', 'mx2/spamd.1.gz', 'mx2/spamd');
  const sets = fc.uniqueArray(fc.oneof(member.map(([p, n]) => p + n), other), { minLength: 1, maxLength: 9 });
  fc.assert(
    fc.property(sets.chain((names) => fc.shuffledSubarray(names, { minLength: names.length }).map((shuffled) => ({ names, shuffled }))), ({ names, shuffled }) => {
      const generation = (n: string): number => Number(/\.(\d+)(\.gz|\.bz2)?$/.exec(n)?.[1] ?? -1);
      const base = (n: string): string => n.replace(/^(\.\/|logs\/\.\.\/)/, '').replace(/\.\d+(\.gz|\.bz2)?$/, '');
      const a = orderInputs(names);
      const b = orderInputs(shuffled);
      // The members of each set, oldest (highest number) first, whatever the order given.
      for (const order of [a, b]) {
        const spamd = order.filter((n) => base(n) === 'spamd');
        assert.deepEqual(spamd.map(generation), [...spamd.map(generation)].sort((x, y) => y - x), order.join(' '));
      }
      assert.deepEqual(new Set(a), new Set(names));
      assert.equal(a.length, names.length);
      const sameSet = (n: string): boolean => base(n) === 'spamd';
      assert.deepEqual(a.filter(sameSet).map(generation), b.filter(sameSet).map(generation));
    }),
    budget(200),
  );
});
