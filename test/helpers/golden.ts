// Golden files: compare text with test/golden/<name>; UPDATE_GOLDEN=1 rewrites them. A missing
// golden fails under CI instead of being written.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GOLDEN_DIR = join(ROOT, 'test', 'golden');

export function assertGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || (!existsSync(path) && !process.env.CI)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden file ${name} is missing (run UPDATE_GOLDEN=1 npm test)`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from golden ${name} (UPDATE_GOLDEN=1 npm test rewrites it)`);
}
