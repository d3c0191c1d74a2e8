// Every example in the README that shows a command and its output is run as written, and its
// output must be what the README shows: the docs cannot drift from the program.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/golden.js';
import { runInProcess } from '../helpers/run-in-process.js';

interface Block {
  lang: string;
  lines: string[];
}

function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  for (const line of markdown.split('\n')) {
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence && !open) open = { lang: fence[1]!, lines: [] };
    else if (fence && open) {
      blocks.push(open);
      open = null;
    } else if (open) open.lines.push(line);
  }
  return blocks;
}

/** Examples: a block that starts with `$ spamd-report …` and shows its output, in the block or (a block of the command alone) in the next one. */
function examples(markdown: string): Array<{ args: string[]; output: string }> {
  const blocks = codeBlocks(markdown);
  const out: Array<{ args: string[]; output: string }> = [];
  blocks.forEach((b, i) => {
    const first = b.lines[0] ?? '';
    if (!first.startsWith('$ spamd-report ')) return;
    const rest = b.lines.slice(1);
    if (rest.some((l) => l.startsWith('$ ') || l.startsWith('# '))) return; // a list of commands, not an example
    const shown = rest.length > 0 ? rest : (blocks[i + 1]?.lines ?? []);
    if (shown.length === 0) return;
    out.push({ args: first.slice('$ spamd-report '.length).split(/\s+/), output: shown.join('\n') + '\n' });
  });
  return out;
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const found = examples(README);

test('the README has examples with output', () => {
  assert.ok(found.length >= 5, `${found.length} examples`);
});

for (const { args, output } of found) {
  test(`README: spamd-report ${args.join(' ')}`, async () => {
    const r = await runInProcess(args);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, output);
  });
}
