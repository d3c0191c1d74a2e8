#!/usr/bin/env node
// `npm run bench`: generate (or reuse) a seeded synthetic spamd log, then time wc -l, the awk
// count-only baseline and spamd-report on it, plain, gzip and as two rotated files.
//
//   npm run bench -- [--mb 250] [--seed 1] [--runs 3] [--json out.json] [--cases a,b] [--scaling]
//
// Figures: median wall time of --runs rounds (each case once per round, in turn), MB/s and lines/s
// of the plain log, peak RSS of the process (GNU time's %M when /usr/bin/time exists), ratios to
// awk and wc -l of the medians, and the summary ratios as medians of the per-round ratios.
// --scaling adds the linearity runs (2x the log; 4x the lines over the same keys) and a run with
// about 2 M triplets for the memory per triplet. Generated files are cached in .bench/ (gitignored).
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { generate } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.SPAMD_REPORT_BIN ?? join(ROOT, 'dist', 'bin.js');
const CACHE = join(ROOT, '.bench');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '250' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    json: { type: 'string' },
    cases: { type: 'string' },
    scaling: { type: 'boolean', default: false },
  },
});
const MB = Number(args.mb);
const SEED = Number(args.seed);
const RUNS = Math.max(1, Number(args.runs));

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
const AWK = which('mawk') ?? which('awk');

/** The cached data set for (mb, seed, keys): plain log, and unless `plainOnly` a gzip copy and two rotated files. */
async function dataset(mb, seed, keys = 0, plainOnly = false) {
  const dir = join(CACHE, `${mb}mb-seed${seed}${keys ? `-keys${keys}` : ''}`);
  const log = join(dir, 'spamd.log');
  const gz = join(dir, 'spamd.log.gz');
  const rotated = join(dir, 'rotated');
  const meta = join(dir, 'meta.json');
  if (!existsSync(meta)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(rotated, { recursive: true });
    const t0 = performance.now();
    const r = generate({ mb, seed, out: log, keys, split: plainOnly ? null : rotated });
    const genSeconds = (performance.now() - t0) / 1000;
    process.stderr.write(`generated ${log}: ${(r.bytes / 1e6).toFixed(1)} MB, ${r.lines} lines in ${genSeconds.toFixed(1)} s\n`);
    if (!plainOnly) {
      await pipeline(createReadStream(log), createGzip(), createWriteStream(gz));
      utimesSync(gz, r.end, r.end);
    }
    writeFileSync(meta, JSON.stringify({ ...r, genSeconds }) + '\n');
  }
  const m = JSON.parse(readFileSync(meta, 'utf8'));
  return { dir, log, gz, rotated: [join(rotated, 'spamd.1'), join(rotated, 'spamd')], bytes: m.bytes, lines: m.lines, genSeconds: m.genSeconds };
}

/** Run a command once: wall seconds and peak RSS in MB (NaN when unknown). */
function runOnce(cmd, argv, keepStdout = false) {
  const rssFile = join(CACHE, `.rss-${process.pid}`);
  const full = TIME ? [TIME, '-f', '%M', '-o', rssFile, cmd, ...argv] : [cmd, ...argv];
  const env = { ...process.env, TZ: 'UTC', LC_ALL: 'C' };
  delete env.CI;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'], env, maxBuffer: 1 << 26, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  let rss = NaN;
  if (TIME) rss = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
  return { wall, rss, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(name, cmd, argv, data, keepStdout = false, given = null) {
  const runs = given ?? [];
  if (!given) for (let i = 0; i < RUNS; i++) runs.push(runOnce(cmd, argv, keepStdout));
  const wall = median(runs.map((r) => r.wall));
  const rss = Math.max(...runs.map((r) => r.rss));
  const row = { name, command: [cmd, ...argv].join(' ').replaceAll(ROOT + '/', ''), wall, runs: runs.map((r) => r.wall), mbps: data.bytes / 1e6 / wall, linesps: data.lines / wall, rssMB: rss };
  if (keepStdout) {
    const j = JSON.parse(runs[0].stdout);
    row.triplets = j.sessions.triplets;
    row.addresses = j.sessions.addresses;
  }
  process.stderr.write(`  ${name}: ${wall.toFixed(2)} s (${runs.map((r) => r.wall.toFixed(2)).join(', ')}), ${Number.isNaN(rss) ? '?' : rss.toFixed(0)} MB\n`);
  return row;
}

const SR = process.execPath;
const sr = (...a) => [BIN, ...a, '--tz', 'UTC', '--no-progress'];

function cases(d) {
  return {
    'wc -l': ['wc', ['-l', d.log]],
    awk: [AWK, ['-f', join(ROOT, 'scripts/bench/count.awk'), d.log]],
    // The default: parse workers (one per core, at most one per file) while the main thread analyses.
    summary: [SR, sr('summary', d.log)],
    'summary --jobs 0': [SR, sr('summary', '--jobs', '0', d.log)],
    'triplets csv': [SR, sr('triplets', '--format', 'csv', d.log)],
    'summary gzip': [SR, sr('summary', d.gz)],
    'summary 2 rotated': [SR, sr('summary', ...d.rotated)],
    'summary 2 rotated --jobs 0': [SR, sr('summary', '--jobs', '0', ...d.rotated)],
  };
}

function table(rows, awk, wc) {
  const head = ['case', 'median s', 'MB/s', 'lines/s', 'peak RSS MB', 'x awk', 'x wc -l'];
  const body = rows.map((r) => [
    r.name,
    r.wall.toFixed(2),
    r.mbps.toFixed(0),
    (r.linesps / 1e6).toFixed(2) + ' M',
    Number.isNaN(r.rssMB) ? '?' : r.rssMB.toFixed(0),
    awk ? (r.wall / awk.wall).toFixed(2) : '',
    wc ? (r.wall / wc.wall).toFixed(1) : '',
  ]);
  const lines = [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

async function main() {
  if (!existsSync(BIN)) throw new Error('dist/bin.js is missing: npm run build first');
  mkdirSync(CACHE, { recursive: true });
  const d = await dataset(MB, SEED);
  const only = args.cases ? new Set(args.cases.split(',')) : null;
  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version, awk: AWK };
  process.stderr.write(`log: ${d.log} (${(d.bytes / 1e6).toFixed(1)} MB, ${d.lines} lines), ${RUNS} runs each, ${machine.nproc} x ${machine.cpu}, node ${machine.node}\n`);
  const rows = [];
  // Round-robin (each case once per round), so that a change in the machine's load hits every
  // case alike; ratios are also taken per round and their median reported.
  const chosen = Object.entries(cases(d)).filter(([name]) => !only || only.has(name));
  const perRound = chosen.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    chosen.forEach(([name, [cmd, argv]], i) => {
      const r = runOnce(cmd, argv);
      perRound[i].push(r);
      process.stderr.write(`  round ${round + 1}: ${name} ${r.wall.toFixed(2)} s\n`);
    });
  }
  chosen.forEach(([name, [cmd, argv]], i) => rows.push(measure(name, cmd, argv, d, false, perRound[i])));
  const roundRatio = (a, b) => {
    const ia = chosen.findIndex(([n]) => n === a);
    const ib = chosen.findIndex(([n]) => n === b);
    return ia < 0 || ib < 0 ? undefined : median(perRound[ia].map((r, k) => r.wall / perRound[ib][k].wall));
  };
  const awk = rows.find((r) => r.name === 'awk');
  const wc = rows.find((r) => r.name === 'wc -l');
  const out = { date: new Date().toISOString(), machine, mb: MB, seed: SEED, bytes: d.bytes, lines: d.lines, generateSeconds: d.genSeconds, runs: RUNS, results: rows };
  process.stdout.write(`\n${(d.bytes / 1e6).toFixed(0)} MB, ${d.lines} lines; median of ${RUNS}; ${machine.nproc} x ${machine.cpu}; node ${machine.node}; awk = ${AWK}\n\n`);
  process.stdout.write(table(rows, awk, wc) + '\n');
  const seq = rows.find((r) => r.name === 'summary 2 rotated --jobs 0');
  const par = rows.find((r) => r.name === 'summary 2 rotated');
  const plain = rows.find((r) => r.name === 'summary');
  const gz = rows.find((r) => r.name === 'summary gzip');
  const ratios = {};
  if (awk && plain) ratios.summaryToAwk = roundRatio('summary', 'awk');
  if (awk && rows.some((r) => r.name === 'summary --jobs 0')) ratios.oneThreadToAwk = roundRatio('summary --jobs 0', 'awk');
  if (gz && plain) ratios.gzipToPlain = roundRatio('summary gzip', 'summary');
  if (seq && par) ratios.parallelToSequential = roundRatio('summary 2 rotated', 'summary 2 rotated --jobs 0');
  if (plain && rows.some((r) => r.name === 'summary --jobs 0')) ratios.workerToMainThread = roundRatio('summary', 'summary --jobs 0');

  if (args.scaling) {
    // Twice the log (twice the keys), and four times the lines over the same keys.
    const d2 = await dataset(MB * 2, SEED, 0, true);
    const keys = 150_000;
    const k1 = await dataset(MB, SEED, keys, true);
    const k4 = await dataset(MB * 4, SEED, keys, true);
    const big = await dataset(Math.round(MB * 6), SEED, 0, true);
    const json = (log) => sr('summary', '--format', 'json', log);
    const s = {
      base: measure(`summary ${MB} MB`, SR, json(d.log), d, true),
      double: measure(`summary ${MB * 2} MB`, SR, json(d2.log), d2, true),
      keys1: measure(`summary ${MB} MB, ${keys} keys`, SR, json(k1.log), k1, true),
      keys4: measure(`summary ${MB * 4} MB, same ${keys} keys`, SR, json(k4.log), k4, true),
      big: measure(`summary ${Math.round(MB * 6)} MB`, SR, json(big.log), big, true),
    };
    const bigKeys = s.big;
    const baseKeys = s.base;
    ratios.doubleLogTime = s.double.wall / s.base.wall;
    ratios.sameKeys4xMemory = s.keys4.rssMB / s.keys1.rssMB;
    ratios.bytesPerTriplet = ((s.big.rssMB - s.base.rssMB) * 1048576) / (bigKeys.triplets - baseKeys.triplets);
    ratios.bigTriplets = bigKeys.triplets;
    out.scaling = s;
    process.stdout.write(`\n${table(Object.values(s), null, null)}\n\n${Object.values(s).map((r) => `${r.name}: ${r.triplets} triplets, ${r.addresses} addresses`).join('\n')}\n`);
    process.stdout.write(`\n2x log: ${ratios.doubleLogTime.toFixed(2)}x time; 4x lines over the same keys: ${ratios.sameKeys4xMemory.toFixed(2)}x memory; ` +
      `${bigKeys.triplets} triplets (${bigKeys.addresses} addresses): ${ratios.bytesPerTriplet.toFixed(0)} bytes per added triplet (RSS difference to the ${MB} MB run)\n`);
  }
  out.ratios = ratios;
  process.stdout.write(`\n${Object.entries(ratios).map(([k, v]) => `${k}: ${Number.isInteger(v) ? v : v.toFixed(2)}`).join('; ')}\n`);
  if (args.json) writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
  rmSync(join(CACHE, `.rss-${process.pid}`), { force: true });
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  process.exit(1);
});
