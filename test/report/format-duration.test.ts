import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration } from '../../src/report/format-duration.js';

const CASES: ReadonlyArray<readonly [number, string]> = [
  [0, '0 s'],
  [1, '1 s'],
  [1.5, '1.5 s'],
  [59, '59 s'],
  [60, '1 min'],
  [404, '6 min 44 s'],
  [1500, '25 min'],
  [3600, '1 h'],
  [14_400, '4 h'],
  [35_698, '9 h 54 min'],
  [86_400, '1 d'],
  [100_000, '1 d 3 h'],
  [NaN, '-'],
];
for (const [s, want] of CASES) test(`formatDuration(${s})`, () => assert.equal(formatDuration(s), want));
