// The installable package, exactly as a user gets it: `npm pack` gives a tarball with only what
// the program needs; `npm install -g --prefix <tmp> ./spamd-report-*.tgz` installs it without
// dev dependencies; the installed `spamd-report` prints its version, reports on a sample, and
// its man page is linked. Slow (npm fetches the runtime dependencies): run by .ci/run as
// `npm run test:package` after `npm run build`, not by `npm test`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT } from '../helpers/golden.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; engines: { node: string } };
let dir = '';
let tarball = '';
let packed: string[] = [];
let prefix = '';

before(() => {
  assert.ok(existsSync(join(ROOT, 'dist', 'bin.js')), 'run npm run build first');
  dir = mkdtempSync(join(tmpdir(), 'spamd-report-package-'));
  // dist/ is already built: --ignore-scripts keeps `prepack` from building it again.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  const info = (JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>)[0]!;
  tarball = join(dir, info.filename);
  packed = info.files.map((f) => f.path).sort();
  prefix = join(dir, 'prefix');
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
});
after(() => rmSync(dir, { recursive: true, force: true }));

function installed(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(prefix, 'bin', 'spamd-report'), args, { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TZ: 'UTC', NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the tarball holds the program, its docs and man page, nothing else', () => {
  assert.match(tarball, /spamd-report-\d+\.\d+\.\d+\.tgz$/);
  for (const need of ['package.json', 'dist/bin.js', 'dist/cli.js', 'docs/spamd-report.1']) assert.ok(packed.includes(need), `${need} is packed`);
  for (const f of packed) {
    assert.ok(/^(package\.json|README\.md|LICENSE|dist\/.+\.js|docs\/[^/]+\.(md|1))$/.test(f), `${f} does not belong in the package`);
    assert.ok(!/(^|\/)(test|tests|samples|fixtures|scripts|src|golden)\//.test(f), `${f} is a test, fixture or source file`);
  }
});

test('installed without dev dependencies', () => {
  const modules = join(prefix, 'lib', 'node_modules', pkg.name, 'node_modules');
  const names = readdirSync(modules);
  for (const dev of ['typescript', 'tsx', '@types', 'esbuild']) assert.ok(!names.includes(dev), `${dev} was installed`);
  assert.ok(names.includes('commander'));
});

test('spamd-report --version', () => {
  const r = installed('--version');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('a report on a sample, and a spamdb join', () => {
  const s = installed('summary', '--format', 'json', '--tz', 'UTC', '--year', '2026', join(ROOT, 'samples', 'real', 'verbose-grey-retry-1s-and-blacklisted.log'));
  assert.equal(s.status, 0, s.stderr);
  const j = JSON.parse(s.stdout) as { lines: { spamd_events: number }; sessions: { sessions: number } };
  assert.ok(j.lines.spamd_events > 0);
  assert.equal(j.sessions.sessions, 6);
  const sample = join(ROOT, 'samples', 'toolbox', 'old-layout'); // no debug lines: only the listing shows 192.0.2.20 passed
  const t = installed('triplets', '--format', 'json', '--tz', 'UTC', '--year', '2026', '--until', '2026-10-02T14:00:00Z', '--spamdb', join(sample, 'spamdb.txt'), '--exclude-from', join(sample, 'nospamd'), join(sample, 'spamd.log'));
  assert.equal(t.status, 0, t.stderr);
  const rows = (JSON.parse(t.stdout) as { rows: Array<Record<string, unknown>> }).rows;
  assert.equal(rows.find((r) => r.ip === '192.0.2.20')?.verdict_from, 'spamdb');
  assert.equal(rows.find((r) => r.ip === '198.51.100.7')?.verdict, 'excused');
});

test('the man page is linked into <prefix>/share/man/man1', () => {
  const page = join(prefix, 'share', 'man', 'man1', 'spamd-report.1');
  assert.ok(existsSync(page));
  assert.match(readFileSync(page, 'utf8'), /^\.Dt SPAMD-REPORT 1$/m);
});

test('engines states the supported Node versions', () => {
  assert.equal(pkg.engines.node, '>=20');
  const major = Number(process.versions.node.split('.')[0]);
  assert.ok(major >= 20, `running on Node ${process.versions.node}`);
});
