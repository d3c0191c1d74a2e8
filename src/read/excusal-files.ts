// Read the --exclude-from files (pf table files such as /etc/mail/nospamd) into one ExcusalList.
// A file that cannot be read is an InputError: going on without it could flag an address the
// admin has excused.
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { toInputError } from '../errors.js';
import { createExcusalList, type ExcusalList } from '../analyze/excusal.js';
import { parsePfTable, type NetEntry, type PfTableProblem } from '../parse/pf-table.js';
import { STDIN } from './sources.js';

export interface ExcusalProblem extends PfTableProblem {
  source: string;
}

export interface LoadedExcusals {
  list: ExcusalList;
  problems: ExcusalProblem[];
}

async function readText(name: string, stdin: Readable): Promise<string> {
  if (name !== STDIN) {
    try {
      return await readFile(name, 'utf8');
    } catch (err) {
      throw toInputError(name, err);
    }
  }
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function loadExcusals(files: readonly string[], stdin: Readable): Promise<LoadedExcusals> {
  const entries: NetEntry[] = [];
  const problems: ExcusalProblem[] = [];
  for (const name of files) {
    const table = parsePfTable(await readText(name, stdin));
    entries.push(...table.entries);
    for (const p of table.problems) problems.push({ ...p, source: name });
  }
  return { list: createExcusalList(entries, files), problems };
}

/** Lines for stderr about tokens of the lists that were not used. */
export function describeExcusalProblems(problems: readonly ExcusalProblem[]): string[] {
  const why: Record<ExcusalProblem['reason'], string> = {
    hostname: 'a host or interface name (not resolved: list its addresses)',
    'bad-address': 'not an IPv4 or IPv6 address',
    'bad-prefix': 'not a valid /prefix',
  };
  return problems.map((p) => `${p.source}:${p.line}: '${p.token}' ignored: ${why[p.reason]}`);
}
