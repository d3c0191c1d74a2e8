// Envelope addresses are written by the sender: a log full of hostile ones goes through every
// format of `domains` and `evidence` without moving a cursor, running a formula or making a link.
// spamd logs MAIL/RCPT arguments up to the first blank, so these strings have no spaces
// (test/report/render-evidence.test.ts covers the ones with spaces).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { runInProcess as run } from '../helpers/run-in-process.js';
import { assertNoControls, assertSafeCsv, assertSafeMarkdown } from '../helpers/hostile.js';
import { assertOnlyOurMarkup } from '../helpers/html-markup.js';
import { VendorLog } from '../helpers/vendor-log.js';
import { EVIDENCE_FORMATS, FORMATS } from '../../src/options.js';

/** A fixed clock after every test log: --until is never taken beyond now. */
const NOW = Date.UTC(2027, 0, 1) / 1000;
const runInProcess = (args: string[], opts: { stdin?: string } = {}): ReturnType<typeof run> => run(args, { ...opts, now: NOW });

const T0 = Date.UTC(2026, 4, 9, 8, 0, 0) / 1000;

const SENDERS = [
  '<\u001b[2J\u001b[31mred\u001b[0m@evil.example>',
  "=cmd|'/C_calc'!A0",
  "x@=cmd|'/C_calc'!A0",
  '<[x](http://evil)@evil.example>',
  '<script>alert(1)</script>@evil.example',
  '<a|b||c@evil.example>',
  '+1+1@evil.example',
  '-2+3@evil.example',
  '@SUM(1+1)',
  '<\u202eevil\u202c@evil.example>',
];

function hostileLog(): string {
  const log = new VendorLog('mx1');
  SENDERS.forEach((from, i) => {
    log.attempt(`192.0.2.${i + 1}`, T0 + i * 60, from, `<[x](http://evil)|${i}@example.com>`);
    log.attempt(`192.0.2.${i + 1}`, T0 + i * 60 + 1, from, `<[x](http://evil)|${i}@example.com>`);
  });
  log.session({ ip: '203.0.113.9', at: T0 + 6 * 3600, secs: 5, lists: 'spews1' });
  return log.toString();
}

const LOG = hostileLog();
const ARGS = ['--year', '2026', '--tz', 'UTC'];

function check(format: string, out: string): void {
  if (format === 'markdown') assertSafeMarkdown(out, format);
  else if (format === 'csv') assertSafeCsv(out, format);
  else assertNoControls(out, format);
  if (format === 'json') JSON.parse(out);
  if (format === 'ndjson') for (const l of out.trim().split('\n')) JSON.parse(l);
  if (format === 'html') assertOnlyOurMarkup(out);
}

describe('hostile envelope addresses', { concurrency: 4 }, () => {
  test('the built bin: evidence markdown and domains table', async () => {
    const ev = await runCli(['evidence', '--net', '192.0.2.0/24', ...ARGS, '-'], { stdin: LOG });
    assert.equal(ev.code, 0, ev.stderr);
    check('markdown', ev.stdout);
    assert.match(ev.stdout, /Verdict: rapid-retry/);
    const dom = await runCli(['domains', ...ARGS, '-'], { stdin: LOG });
    assert.equal(dom.code, 0, dom.stderr);
    check('table', dom.stdout);
  });

  for (const format of EVIDENCE_FORMATS) {
    test(`evidence --format ${format}`, async () => {
      const r = await runInProcess(['evidence', '--net', '192.0.2.0/24', '--format', format, ...ARGS, '-'], { stdin: LOG });
      assert.equal(r.code, 0, r.stderr);
      check(format, r.stdout);
      if (format === 'json') {
        const j = JSON.parse(r.stdout) as { messages: Array<{ senders: string[]; verdict: string }> };
        assert.deepEqual(j.messages.map((m) => m.senders[0]), SENDERS, 'JSON keeps each address exactly');
        assert.deepEqual(new Set(j.messages.map((m) => m.verdict)), new Set(['rapid-retry']));
      }
      if (format === 'csv') assert.equal(assertSafeCsv(r.stdout, format).length, 1 + 2 * SENDERS.length);
    });
  }

  for (const format of FORMATS) {
    test(`domains --format ${format}`, async () => {
      const r = await runInProcess(['domains', '--format', format, ...ARGS, '-'], { stdin: LOG });
      assert.equal(r.code, 0, r.stderr);
      check(format, r.stdout);
    });
  }
});
