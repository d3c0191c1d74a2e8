// The HTML report as a reader sees it: the built CLI writes the file, headless Chromium opens it
// from disk. Charts must be there with the counts the JSON output gives, the screenshot must
// show them, and the page must neither fetch anything nor log an error. Under CI a missing
// Chromium fails (.ci/run installs it); locally the tests are skipped with a message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { runCli, sample } from '../helpers/cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { CHROMIUM, chromiumInstalled, launchChromium, openFile, type Browser, type PageLog } from '../helpers/browser.js';
import { decodePng, inkStats } from '../helpers/png.js';
import { generateLog } from '../generator/generate-log.js';
import { MONTH } from '../generator/presets.js';

const VERBOSE = sample('real', 'verbose-grey-retry-1s-and-blacklisted.log');
const FIXED = ['--year', '2026', '--tz', 'UTC'];

const installed = chromiumInstalled();
if (!installed && process.env.CI) {
  test('Chromium is installed for the browser tests', () => {
    assert.fail(`${CHROMIUM} not found: .ci/run installs Debian's chromium package (apt-get install -y chromium)`);
  });
}

type Rows = Array<Record<string, unknown>>;

/** The JSON report (in process): what the pictures must show. */
async function json(args: string[]): Promise<Record<string, unknown>> {
  const r = await runInProcess([...args, ...FIXED, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** The HTML report from the built CLI, as a user makes it. */
async function html(args: string[]): Promise<string> {
  const r = await runCli([...args, ...FIXED, '--format', 'html']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

function assertQuiet(log: PageLog, url: string): void {
  assert.deepEqual(log.errors, [], 'no console errors');
  assert.deepEqual(log.requests, [url], 'no request but the file itself');
  assert.deepEqual(log.dialogs, [], 'no dialogs');
}

/** The numbers at the end of the <title>s of a chart's bars ("...: rapid-retry 2"). */
async function barTitleSum(page: Page, chart: string): Promise<number> {
  const titles = await page.locator(`svg[data-chart="${chart}"] rect.bar > title`).allTextContents();
  return titles.reduce((s, t) => s + Number(/(\d+)$/.exec(t)?.[1] ?? NaN), 0);
}

function hasColour(png: Buffer, hex: string): boolean {
  const img = decodePng(png);
  const want = parseInt(hex.slice(1), 16);
  for (let i = 0; i < img.pixels.length; i += img.channels) {
    if (((img.pixels[i]! << 16) | (img.pixels[i + 1]! << 8) | img.pixels[i + 2]!) === want) return true;
  }
  return false;
}

describe('HTML report in headless Chromium', { skip: installed ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium): browser tests skipped` }, () => {
  let browser: Browser;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spamd-report-html-'));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, content: string): Promise<{ page: Page; log: PageLog; url: string }> {
    const file = join(dir, name);
    writeFileSync(file, content);
    const url = pathToFileURL(file).href;
    return { ...(await openFile(browser, url)), url };
  }

  test('summary of the real verbose excerpt: charts with the counts of the JSON report, a non-blank screenshot', async () => {
    const args = ['summary', '--until', '2026-10-03', VERBOSE];
    const [data, tripletsJson, page0] = await Promise.all([json(args), json(['triplets', '--until', '2026-10-03', VERBOSE]), html(args)]);
    const triplets = tripletsJson.rows as Rows;
    const { page, log, url } = await open('summary.html', page0);

    const verdicts = data.verdicts as Rows;
    for (const unit of ['triplets', 'addresses']) {
      const nonZero = verdicts.filter((v) => Number(v[unit]) > 0).length;
      assert.ok(nonZero > 0);
      assert.equal(await page.locator(`svg[data-chart="verdicts-${unit}"] rect.bar`).count(), nonZero, `${unit} verdict bars`);
    }
    const retry = data.first_retry as Rows;
    assert.equal(await page.locator('svg[data-chart="first-retry"] rect.bar').count(), retry.filter((r) => Number(r.count) > 0).length);
    const attempts = triplets.reduce((s, t) => s + Number(t.attempts), 0);
    assert.ok(attempts > 0);
    assert.equal(await barTitleSum(page, 'attempts-over-time'), attempts, 'every triplet attempt is in the time chart');

    // Drawn, not just present: every bar has an area on screen.
    for (const box of await page.locator('svg.chart rect.bar').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))) {
      assert.ok(box.width > 0 && box.height > 0);
    }
    const shot = await page.screenshot();
    const stats = inkStats(decodePng(shot));
    assert.ok(stats.inked > 0.03 && stats.colours > 20, `screenshot is not blank (${JSON.stringify(stats)})`);
    const chart = await page.locator('svg[data-chart="verdicts-triplets"]').screenshot();
    assert.ok(hasColour(chart, '#cc79a7'), 'the rapid-retry bar is drawn in its colour');
    assert.equal(await page.locator('#t-top tbody tr').count(), (data.top as Rows).length);
    assertQuiet(log, url);
    await page.close();
  });

  test('senders of a generated month (every scenario 12 times): one sparkline per row, sorting by a click, every row printed', async () => {
    const file = join(dir, 'month.log');
    writeFileSync(file, generateLog({ ...MONTH, copies: 12 }).text);
    const [data, page0] = await Promise.all([json(['senders', file]), html(['senders', file])]);
    const rows = data.rows as Rows;
    assert.ok(rows.length > 200, 'enough rows for a collapsed part');
    const { page, log, url } = await open('senders.html', page0);

    assert.equal(await page.locator('table.data tbody tr').count(), rows.length);
    assert.equal(await page.locator('svg.spark').count(), rows.length);
    const sparkTotals = (await page.locator('svg.spark > title').allTextContents()).map((t) => Number(/^(\d+)/.exec(t)?.[1]));
    assert.deepEqual(sparkTotals, rows.map((r) => r.attempts), 'each sparkline holds its row\'s attempts');
    assert.ok((await page.locator('svg.spark path').count()) > 0);

    const attemptsCol = (data.columns as string[]).indexOf('attempts');
    const header = page.locator('#t-senders table.data').first().locator('th', { hasText: /^attempts$/ });
    const column = async (): Promise<number[]> =>
      (await page.locator('#t-senders table.data tbody tr').evaluateAll((trs, c) => trs.map((tr) => Number((tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells[c]!.textContent)), attemptsCol + 1));
    await header.click();
    const asc = await column();
    assert.equal(asc.length, rows.length);
    assert.deepEqual(asc, [...asc].sort((a, b) => a - b), 'ascending after one click, across all parts');
    await header.click();
    const desc = await column();
    assert.deepEqual(desc, [...desc].sort((a, b) => b - a), 'descending after two');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');

    const hidden = page.locator('details.more tbody tr').first();
    assert.equal(await hidden.isVisible(), false, 'later rows start collapsed');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await hidden.isVisible(), true, 'print shows collapsed rows');
    assertQuiet(log, url);
    await page.close();
  });

  test('evidence of the real excerpt: a timeline with a dot per attempt, the pass window and the RFC mark drawn', async () => {
    const args = ['evidence', '--ip', '198.51.100.115', '--until', '2026-10-03', VERBOSE];
    const [data, page0] = await Promise.all([json(args), html(args)]);
    const attempts = (data.messages as Array<{ attempts: unknown[] }>).reduce((n, m) => n + m.attempts.length, 0);
    assert.ok(attempts > 0);
    const { page, log, url } = await open('evidence.html', page0);
    const dots = page.locator('svg[data-chart^="timeline-"] circle.dot');
    assert.equal(await dots.count(), attempts);
    const boxes = await dots.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()));
    assert.ok(boxes.every((b) => b.width > 0 && b.height > 0));
    assert.equal(new Set(boxes.map((b) => Math.round(b.y))).size, boxes.length, 'attempts a second apart are stacked, not drawn over each other');
    const window = await page.locator('svg[data-chart^="timeline-"] rect.passwin').first().evaluate((e) => e.getBoundingClientRect());
    assert.ok(window.width > 100 && window.height > 0, 'the pass window is shaded');
    assert.ok(boxes.every((b) => b.right < window.left), 'both attempts came before spamd would have passed one');
    assert.equal(await page.locator('svg[data-chart^="timeline-"] line.rfc').count(), 1);
    const shot = await page.locator('svg[data-chart^="timeline-"]').first().screenshot();
    assert.ok(hasColour(shot, '#4e79a7'), 'the dots are drawn in the address colour');
    assert.ok(inkStats(decodePng(shot)).colours > 10);
    assertQuiet(log, url);
    await page.close();
  });

  test('domains of the vendor sample: a sparkline per domain, nothing fetched', async () => {
    const args = ['domains', sample('synthetic', 'evidence-vendors.log')];
    const [data, page0] = await Promise.all([json(args), html(args)]);
    const { page, log, url } = await open('domains.html', page0);
    assert.equal(await page.locator('svg.spark').count(), (data.rows as Rows).length);
    assert.ok((await page.locator('svg.spark path').count()) > 0);
    assertQuiet(log, url);
    await page.close();
  });

  test('hostile log text is shown as text: no script runs, no element is injected', async () => {
    // An envelope address takes no spaces; list names and lines spamd-report cannot parse take anything.
    const word = `"><script>alert(1)</script>&lt;b&gt;&#60;i&#62;'`;
    const spaced = `<img src=x onerror=alert(2)> <svg onload=alert(3)> ${word}`;
    const lines = [
      'Oct  2 19:55:04 mx1 spamd[1]: 198.51.100.7: connected (1/0)',
      `Oct  2 19:55:05 mx1 spamd[1]: (GREY) 198.51.100.7: <${word}@x.example> -> <${word}@example.com>`,
      'Oct  2 19:55:05 mx1 spamd[1]: 198.51.100.7: disconnected after 1 seconds.',
      `Oct  2 19:55:06 mx1 spamd[1]: 198.51.100.8: connected (1/1), lists: ${spaced}`,
      `Oct  2 19:55:09 mx1 spamd[1]: 198.51.100.8: disconnected after 3 seconds. lists: ${spaced}`,
      `Oct  2 19:55:10 mx1 spamd[1]: ${spaced}`,
    ];
    const file = join(dir, 'hostile.log');
    writeFileSync(file, lines.join('\n') + '\n');
    const expected: Record<string, string[]> = {
      summary: [lines[5]!],
      senders: [spaced],
      triplets: [`<${word}@x.example>`, `<${word}@example.com>`],
      sessions: [spaced, `<${word}@x.example> -> <${word}@example.com>`],
      evidence: [`<${word}@x.example>`, `<${word}@example.com>`],
      domains: ['x.example'],
    };
    const extra: Record<string, string[]> = { evidence: ['--net', '198.51.100.0/24'] };
    const pages = await Promise.all(
      Object.keys(expected).map(async (command) => (await runInProcess([command, ...(extra[command] ?? []), file, ...FIXED, '--format', 'html'])).stdout),
    );
    for (const [i, [command, shown]] of Object.entries(expected).entries()) {
      const { page, log: pl, url } = await open(`${command}.html`, pages[i]!);
      assert.equal(await page.locator('script').count(), 1, 'only the report\'s own script');
      assert.equal(await page.locator('main img, main iframe, main object, main embed, main script, main svg:not(.chart):not(.spark)').count(), 0);
      const text = await page.locator('main').textContent();
      for (const s of shown) assert.ok(text?.includes(s), `${command}: shown literally: ${s}`);
      assertQuiet(pl, url);
      await page.close();
    }
  });
});
