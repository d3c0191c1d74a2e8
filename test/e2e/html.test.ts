// --format html from the CLI (in process) on every shipped sample (the real excerpts, the generated month): goldens for the pictures'
// input, and the structure a reader relies on (one document, the charts that have data).
// Relative paths (the CLI runs in the repository): the inputs table shows them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sample } from '../helpers/cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { assertGolden } from '../helpers/golden.js';

const SAMPLES = [
  ...readdirSync(sample('real')).filter((f) => f.endsWith('.log')).sort().map((f) => join('real', f)),
  join('generated', 'month.log'),
];
const FIXED = ['--year', '2026', '--tz', 'UTC'];

for (const file of SAMPLES) {
  for (const command of ['summary', 'senders']) {
    test(`html: ${command} of ${file}`, async () => {
      const [r, j] = await Promise.all(['html', 'json'].map((format) => runInProcess([command, ...FIXED, '--format', format, join('samples', file)])));
      assert.equal(r!.code, 0, r!.stderr);
      const html = r!.stdout;
      assert.ok(html.startsWith('<!DOCTYPE html>') && html.endsWith('</html>\n'));
      assert.equal((html.match(/<html/g) ?? []).length, 1);
      assert.equal(Number(/this file: (\d+) bytes/.exec(html)?.[1]), Buffer.byteLength(html));
      const json = JSON.parse(j!.stdout);
      if (command === 'senders') {
        assert.equal((html.match(/<svg class="spark"/g) ?? []).length, json.rows.length, 'a sparkline per row');
      } else {
        const analysed = json.window.first !== null;
        assert.equal(html.includes('data-chart="attempts-over-time"'), analysed && json.sessions.greylisted + json.sessions.triplets > 0);
        assert.equal(html.includes('data-chart="verdicts-addresses"'), json.sessions.addresses > 0);
      }
      assertGolden(`html/${command}-${file.replace(/\.log$/, '').replace(/[/\\]/g, '-')}.html`, html);
    });
  }
}

const DOCUMENTS: Array<[string, string[]]> = [
  ['domains-synthetic-evidence-vendors', ['domains', join('samples', 'synthetic', 'evidence-vendors.log')]],
  ['domains-generated-month', ['domains', join('samples', 'generated', 'month.log')]],
  ['evidence-real-rapid-retry', ['evidence', '--ip', '198.51.100.115', '--until', '2026-10-03', join('samples', 'real', 'verbose-grey-retry-1s-and-blacklisted.log')]],
  ['evidence-synthetic-vendors', ['evidence', '--sender-domain', 'example', join('samples', 'synthetic', 'evidence-vendors.log')]],
];

for (const [name, args] of DOCUMENTS) {
  test(`html: ${name}`, async () => {
    const [r, j] = await Promise.all(['html', 'json'].map((format) => runInProcess([...args, ...FIXED, '--format', format])));
    assert.equal(r!.code, 0, r!.stderr);
    const html = r!.stdout;
    const json = JSON.parse(j!.stdout);
    assert.equal(Number(/this file: (\d+) bytes/.exec(html)?.[1]), Buffer.byteLength(html));
    if (args[0] === 'domains') {
      const totals = [...html.matchAll(/<svg class="spark"[^>]*><title>(\d+) attempts?<\/title>/g)].map((m) => Number(m[1]));
      assert.deepEqual(totals, json.rows.map((row: { attempts: number }) => row.attempts), 'a sparkline per domain with its attempts');
    } else {
      const messages = json.messages as Array<{ attempts: Array<{ time: string | null }> }>;
      const drawn = messages.filter((m) => m.attempts.some((a) => a.time !== null));
      assert.ok(drawn.length > 0);
      assert.equal((html.match(/<rect class="passwin"/g) ?? []).length, drawn.length, 'a timeline per message with attempts');
      assert.equal((html.match(/<circle class="dot /g) ?? []).length, drawn.reduce((n, m) => n + m.attempts.length, 0), 'a dot per attempt');
      assert.equal((html.match(/<line class="rfc"/g) ?? []).length, drawn.length);
    }
    assertGolden(`html/${name}.html`, html);
  });
}
