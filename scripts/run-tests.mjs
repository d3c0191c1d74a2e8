#!/usr/bin/env node
// Finds test/**/*.test.ts and runs them with node:test through tsx (Node 20's runner expands no
// globs, and `node --test test/` would run helpers too). TZ and colour are pinned.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2).filter((a) => !a.startsWith('--'));
let files = find('test').sort();
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: '0' };
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
