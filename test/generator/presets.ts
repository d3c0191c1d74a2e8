// Named generator settings: `month` is the shipped sample samples/generated/month.log.
import type { GenerateOptions } from './generate-log.js';

const utc = (iso: string): number => Date.parse(iso) / 1000;

export const PRESETS: Readonly<Record<string, GenerateOptions>> = {
  /** A month of one spamd host with every scenario once: a few hundred lines, every verdict. */
  month: { seed: 2026, start: utc('2026-09-01T00:00:05Z'), end: utc('2026-09-30T18:00:00Z') },
};

export const MONTH = PRESETS.month!;

/** How samples/generated/month.log and its README were written. */
export const MONTH_COMMAND = 'npx tsx scripts/generate-log.ts --preset month --out samples/generated/month.log --readme samples/generated/README.md';
