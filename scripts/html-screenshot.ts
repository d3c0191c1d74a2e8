// A PNG of an HTML report as Chromium shows it, for docs/:
//   node --import tsx scripts/html-screenshot.ts report.html docs/html-summary.png [height|css-selector [width]]
// Uses Debian's chromium through playwright-core, like the browser test.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { launchChromium, openFile } from '../test/helpers/browser.js';

const [input, output, height, width] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: html-screenshot.ts report.html out.png [height|css-selector [width]]\n');
  process.exit(2);
}
const browser = await launchChromium();
try {
  const w = width ? Number(width) : 1280;
  const { page, log } = await openFile(browser, pathToFileURL(resolve(input)).href);
  await page.setViewportSize({ width: w, height: 900 });
  if (height && !/^\d+$/.test(height)) {
    await page.locator(height).first().screenshot({ path: output });
  } else {
    const h = height ? Number(height) : undefined;
    await page.screenshot({ path: output, fullPage: true, ...(h ? { clip: { x: 0, y: 0, width: w, height: h } } : {}) });
  }
  if (log.errors.length || log.requests.length !== 1) process.stderr.write(`warning: ${JSON.stringify(log)}\n`);
} finally {
  await browser.close();
}
