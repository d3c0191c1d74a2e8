#!/usr/bin/env node
// `npm run fuzz`: the property tests of test/fuzz with a larger budget and a fresh seed, printed so
// that a failure can be replayed. `npm run fuzz -- --seed 12345 --scale 200` (or FUZZ_SEED,
// FUZZ_SCALE in the environment); the scale multiplies each property's runs in `npm test`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const seed = arg('seed', process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31)));
const scale = arg('scale', process.env.FUZZ_SCALE ?? '50');
if (!/^\d+$/.test(seed) || !/^\d+(\.\d+)?$/.test(scale)) {
  process.stderr.write('usage: npm run fuzz [-- --seed N] [--scale N]\n');
  process.exit(2);
}
const files = readdirSync(join('test', 'fuzz'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join('test', 'fuzz', f));
process.stdout.write(`fuzz: seed ${seed}, scale ${scale} (replay: npm run fuzz -- --seed ${seed} --scale ${scale})\n`);
const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: '0', FUZZ_SEED: seed, FUZZ_SCALE: scale };
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=3600000', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
