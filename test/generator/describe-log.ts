// A generated log's README: what a correct analysis concludes, scenario by scenario, written
// from the same expectations the tests assert (so the README cannot drift from them).
import { VERDICTS } from '../../src/analyze/verdicts.js';
import { createWallClock } from './wall-clock.js';
import type { GeneratedLog } from './generate-log.js';

export interface DescribeOptions {
  /** The log's file name, as the commands in the text use it. */
  file: string;
  /** The command that wrote the log and this text. */
  command: string;
}

/** Seconds as an exact, readable duration: `90 s`, `25 min`, `4 h`, `1501 s (25 min)`. */
function duration(s: number | null): string {
  if (s === null) return '-';
  if (s < 120) return `${s} s`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return s < 7200 ? `${s} s (${Math.round(s / 60)} min)` : `${s} s (${Math.round(s / 360) / 10} h)`;
}

export function describeLog(log: GeneratedLog, opts: DescribeOptions): string {
  const iso = createWallClock(log.zone).iso;
  const t = log.timing;
  const out: string[] = [];
  out.push(
    '# Generated spamd log',
    '',
    `\`${opts.file}\` is synthetic: written by the project's test-data generator (\`test/generator/\`), byte for byte the same for the same seed:`,
    '',
    '```sh',
    opts.command,
    '```',
    '',
    `It is one spamd host (\`${log.host}\`) running with \`-v\` and logging at \`daemon.debug\`, BSD syslog timestamps in ${log.zone}, from ${iso(log.start)} to ${iso(log.end)} (E, the last spamd line, where verdicts are decided). Every scenario below is its own sending address and envelope sender (only a pool shares one on purpose); addresses are from the documentation ranges. Around them: newsyslog, \`-- MARK --\`, \`last message repeated\`, cron, sshd, ntpd and SpamAssassin lines, which are not greylisting.`,
    '',
    `Settings: passtime ${duration(t.passtime)}, greyexp ${duration(t.greyexp)}, burst ${duration(t.burst)} (spamd's defaults and ours). The tests (\`test/e2e/generated-month.test.ts\`) check every row of \`triplets\`, \`senders\` and \`sessions\` against what follows; the goldens in \`test/golden/generated/\` show the output.`,
    '',
    '```sh',
    `spamd-report senders --year ${log.year} --tz ${log.zone} ${opts.file}`,
    `spamd-report triplets --year ${log.year} --tz ${log.zone} ${opts.file}`,
    '```',
    '',
    '## What a correct analysis concludes',
    '',
    '| scenario | what happens | address | sender verdict | its triplets: verdict (retry, attempts, first retry) |',
    '|---|---|---|---|---|',
  );
  const seen = new Set<string>();
  for (const sc of log.scenarios) {
    if (seen.has(sc.name)) continue;
    seen.add(sc.name);
    for (const s of log.senders.filter((x) => x.scenario === sc.name)) {
      const trip = log.triplets
        .filter((x) => x.ip === s.ip)
        .map((x) => `${x.verdict} (${x.retry}, ${x.attempts}, ${duration(x.firstRetry)})`)
        .join('; ');
      out.push(`| ${sc.name} | ${sc.description} | ${s.ip} | ${s.verdict} (${s.retry}) | ${trip || '-'} |`);
    }
  }
  out.push('', '## Counts', '', '| verdict | triplets | addresses |', '|---|---:|---:|');
  for (const v of VERDICTS) {
    out.push(`| ${v} | ${log.triplets.filter((x) => x.verdict === v).length} | ${log.senders.filter((x) => x.verdict === v).length} |`);
  }
  const l = log.lineCounts;
  const c = log.sessionCounts;
  out.push(
    '',
    `${l.read} lines: ${l.spamdEvents} spamd events, ${l.spamassassin} SpamAssassin, ${l.repeated} \`last message repeated\` (${l.repeatedReplayed} of them repeat a spamd line), ${l.mark} \`-- MARK --\`, ${l.newsyslog} newsyslog, ${l.otherProgram} other programs; nothing unparsed.`,
    `${c.total} sessions: ${c.greylisted} greylisted, ${c.blacklisted} blacklisted, ${c.incomplete} incomplete (${c.unpairedDisconnects} unpaired disconnect).`,
    '',
    'Worth knowing when reading the output:',
    '',
    '- `pending` rows become their final verdict once the window is closed: run with `--until` a day after E and `pending` becomes `gave-up-early` (retried after minutes) or `one-attempt`.',
    '- `boundary-pending`: the triplet (its `(GREY)` line G-1 s before E) is pending, but its session began a second earlier, so the address (whose attempts are sessions) is decided.',
    '- `null-sender`: two unrelated servers sending `<>` to the same recipient are two one-attempt rows, not a pool.',
    '- `black-then-grey`: the address was on a list three days before its only greylisted attempt; that triplet is one-attempt, the earlier `(BLACK)` one blacklisted.',
    '',
  );
  return out.join('\n');
}
