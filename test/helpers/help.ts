// What the built CLI's --help says: its commands and each one's long options (read once).
import assert from 'node:assert/strict';
import { runCli } from './cli.js';

export interface Help {
  /** Commands, without commander's `help`. */
  cmds: string[];
  /** Long options per command ('' for the program itself). */
  options: Map<string, string[]>;
}

/** Long options in a --help text. */
function optionsIn(help: string): string[] {
  return [...help.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!);
}

let cached: Promise<Help> | null = null;

export function readHelp(): Promise<Help> {
  cached ??= (async () => {
    const top = await runCli(['--help']);
    assert.equal(top.code, 0, top.stderr);
    const section = top.stdout.slice(top.stdout.indexOf('Commands:'));
    const cmds = [...section.matchAll(/^ {2}([a-z]+) \[/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    const options = new Map<string, string[]>([['', optionsIn(top.stdout)]]);
    await Promise.all(
      cmds.map(async (c) => {
        const r = await runCli([c, '--help']);
        assert.equal(r.code, 0, r.stderr);
        options.set(c, optionsIn(r.stdout));
      }),
    );
    return { cmds, options };
  })();
  return cached;
}
