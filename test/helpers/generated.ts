// Generated logs on disk for end-to-end tests: written into one temporary folder per test file,
// then analysed by the built CLI with --format json.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { runInProcess } from './run-in-process.js';
import { sortRows, type JsonRow } from '../generator/expected-rows.js';
import type { GeneratedLog } from '../generator/generate-log.js';

export interface TempDir {
  path: string;
  /** Write `log` as `name`; with `mtime` (epoch seconds) set the file's modification time. */
  write(name: string, log: GeneratedLog, mtime?: number): string;
  remove(): void;
}

export function createTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'spamd-report-gen-'));
  return {
    path,
    write(name, log, mtime) {
      const file = join(path, name);
      writeFileSync(file, log.text);
      if (mtime !== undefined) utimesSync(file, mtime, mtime);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

export type JsonOutput = Record<string, unknown> & { rows: Array<Record<string, unknown>> };

/**
 * `spamd-report <args> --format json`, exit 0 and no diagnostics expected; the parsed output.
 * `spawn`: run the built bin as a child process; otherwise the CLI entry in this process.
 */
export async function runJson(args: string[], opts: { spawn?: boolean } = {}): Promise<JsonOutput> {
  const argv = [...args, '--format', 'json'];
  // In process, `now` is fixed after every generated log, so that --until is never capped by the clock.
  const r = opts.spawn ? await runCli(argv) : await runInProcess(argv, { now: Date.UTC(2030, 0, 1) / 1000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'a generated log has no line the tool should not understand');
  return JSON.parse(r.stdout);
}

/** The same rows in any order; on failure, only the rows that differ. */
export function assertRows(actual: ReadonlyArray<Record<string, unknown>>, expected: readonly JsonRow[], what: string): void {
  const a = sortRows(actual as JsonRow[]).map((r) => JSON.stringify(r));
  const e = sortRows(expected).map((r) => JSON.stringify(r));
  const missing = e.filter((x) => !a.includes(x));
  const extra = a.filter((x) => !e.includes(x));
  if (missing.length > 0 || extra.length > 0 || a.length !== e.length) {
    assert.fail([`${what}: ${a.length} rows, ${e.length} expected`, ...missing.map((m) => `  expected ${m}`), ...extra.map((x) => `  actual   ${x}`)].join('\n'));
  }
}
