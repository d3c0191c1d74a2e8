// Read a spamdb listing (a file, gzip or not, or '-' for standard input) into a SpamdbDump.
// A listing that cannot be opened is an InputError; one cut short keeps what was read.
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { addDumpLine, addTooLong, createSpamdbDump, type SpamdbDump } from '../parse/spamdb-dump.js';
import { parseSpamdbLine } from '../parse/spamdb.js';
import { createLineSplitter } from './lines.js';
import { readBytes, statSource } from './sources.js';

/** Throws InputError when the listing cannot be opened at all. */
export async function readSpamdbDump(name: string, stdin: Readable): Promise<SpamdbDump> {
  const src = await statSource(name);
  const dump = createSpamdbDump(name, src.mtime);
  const splitter = createLineSplitter({
    line: (text, lineNo) => addDumpLine(dump, parseSpamdbLine(text), lineNo, text),
    tooLong: (lineNo, head) => addTooLong(dump, lineNo, head),
  });
  try {
    for await (const chunk of readBytes(name, stdin)) splitter.write(chunk);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    dump.error = err.message;
  } finally {
    splitter.end();
  }
  // Not one spamdb line in it: another file given by mistake (a log as --spamdb). Read as an empty
  // listing it would quietly drop the facts the user asked for.
  const understood = dump.grey.length + dump.white.length + dump.trapped.length + dump.spamtraps.length;
  const text = dump.lines - dump.blank;
  if (!dump.error && understood === 0 && text > 0) {
    dump.error = `${name}: not a spamdb(8) listing: none of its ${text} line(s) has the form WHITE|..., GREY|..., TRAPPED|... or SPAMTRAP|... (a log? logs are named as files, the listing with --spamdb)`;
  }
  return dump;
}
