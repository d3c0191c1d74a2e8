// Renderers of the evidence document: Markdown (for a letter), plain text, CSV (one row per
// attempt, an attachment) and JSON. Every log field goes through the escape for its format.
import { stringify } from 'csv-stringify/sync';
import { escapeControl, escapeFormula, escapeJsonText, escapeMarkdown } from './escape.js';
import { formatDuration } from './format-duration.js';
import type { EvidenceFormat } from '../options.js';
import { renderEvidenceHtml } from './render-evidence-html.js';
import type { Evidence, EvidenceAttempt, EvidenceMessage } from './evidence.js';
import type { Verdict } from '../analyze/verdicts.js';

export const EVIDENCE_SCHEMA_VERSION = 1;

/** How the summary names each verdict, in the order it lists them. */
export const SUMMARY_VERDICTS: ReadonlyArray<readonly [Verdict, string]> = [
  ['one-attempt', 'never retried (one-attempt)'],
  ['rapid-retry', 'retried only within seconds (rapid-retry)'],
  ['gave-up-early', 'gave up before the passtime (gave-up-early)'],
  ['too-slow', 'retried only after the greylist entry expired (too-slow)'],
  ['pool-retry', 'retried from other addresses or senders (pool-retry)'],
  ['passed', 'passed greylisting (passed)'],
  ['pending', 'still pending, no conclusion (pending)'],
  ['blacklisted', 'on a spamd blacklist (blacklisted)'],
];

export type Escape = (s: string) => string;

export function seconds(n: number | null): string {
  return n === null ? '-' : formatDuration(n);
}

export function title(m: EvidenceMessage, esc: Escape): string {
  if (m.senders.length === 0) return `${esc(m.ips.join(', '))} (envelope not logged)`;
  const more = m.senders.length > 1 ? ` (and ${m.senders.length - 1} more of its family)` : '';
  return `${esc(m.senders[0]!)}${more} to ${esc(m.recipient ?? '-')}`;
}

export function facts(m: EvidenceMessage, esc: Escape): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (m.senders.length > 0) {
    rows.push(['Envelope sender', m.senders.map(esc).join(', ')]);
    if (m.family !== null && (m.senders.length > 1 || m.family !== m.senders[0]!.toLowerCase())) rows.push(['Sender family', esc(m.family)]);
    rows.push(['Recipient', esc(m.recipient ?? '-')]);
  }
  rows.push([m.ips.length > 1 ? 'Source addresses' : 'Source address', esc(m.ips.join(', '))]);
  const shown = m.attempts.length === m.attemptCount ? '' : ` (${m.attempts.length} shown)`;
  if (m.attemptCount === 0) rows.push(['Attempts', `none greylisted; seen ${m.firstSeen ?? '-'} to ${m.lastSeen ?? '-'}`]);
  else if (m.attemptCount === 1) rows.push(['Attempts', `1, at ${m.firstSeen ?? '-'}`]);
  else rows.push(['Attempts', `${m.attemptCount}${shown}, ${m.firstSeen ?? '-'} to ${m.lastSeen ?? '-'}`]);
  return rows;
}

export function summaryRows(ev: Evidence): Array<[string, string]> {
  const s = ev.summary;
  const rows: Array<[string, string]> = [
    ['messages', String(s.messages)],
    ['attempts', String(s.attempts)],
    ['source addresses', String(s.addresses)],
  ];
  for (const [v, label] of SUMMARY_VERDICTS) rows.push([label, String(s.verdicts[v])]);
  rows.push(['longest interval between two attempts of one message', seconds(s.longestIntervalSeconds)]);
  rows.push(['first to last attempt', s.firstAttempt === null ? '-' : `${s.firstAttempt} to ${s.lastAttempt} (${seconds(s.spanSeconds)})`]);
  return rows;
}

export function headerRows(ev: Evidence, esc: Escape): Array<[string, string]> {
  const files = ev.inputs.map((i) => `${esc(i.file)} (${i.lines} lines${i.error ? `; not fully read: ${esc(i.error)}` : ''})`).join(', ');
  const w = ev.window;
  return [
    ['Files', files || '-'],
    ['Time window', `${w.first ?? '-'} to ${w.last ?? '-'}`],
    ['Time zone', w.zone],
    ['Verdicts decided at', `${w.decidedAt ?? '-'} (${w.decidedBy === 'until' ? 'given with --until' : 'the last line of the log'})`],
    ['Lines read', `${ev.lines.read}, of which spamd events: ${ev.lines.spamdEvents}`],
    ['Envelopes logged (spamd -v)', ev.envelopesLogged ? 'yes' : 'no'],
    ['Selection', esc(ev.selection)],
    ['Report', `spamd-report ${ev.version}`],
  ];
}

// ---- Markdown ----

function mdAttempts(attempts: EvidenceAttempt[], showSender: boolean): string {
  const head = showSender ? '| # | time | address | sender | session | since previous |' : '| # | time | address | session | since previous |';
  const rule = showSender ? '| ---: | --- | --- | --- | ---: | ---: |' : '| ---: | --- | --- | ---: | ---: |';
  const lines = [head, rule];
  for (const a of attempts) {
    const cells = [String(a.n) + (a.itemised ? '' : '\\*'), a.time ?? '-', escapeMarkdown(a.ip)];
    if (showSender) cells.push(escapeMarkdown(a.sender ?? '-'));
    cells.push(seconds(a.sessionSeconds), seconds(a.intervalSeconds));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function renderEvidenceMarkdown(ev: Evidence): string {
  const out: string[] = [];
  out.push('# Greylisting evidence from the spamd log', '');
  out.push('## What was analysed', '');
  for (const [k, v] of headerRows(ev, escapeMarkdown)) out.push(`- ${k}: ${v}`);
  out.push('', '## How this server answers unknown senders', '', ...ev.policyText.map((p) => escapeMarkdown(p) + '\n'));
  out.push('## What RFC 5321 asks of a sender', '', ...ev.rfcText.map((p) => escapeMarkdown(p) + '\n'));
  out.push('## Messages', '');
  if (ev.messages.length === 0) out.push('No attempt in the analysed logs matches the selection.', '');
  for (const m of ev.messages) {
    out.push(`### ${m.n}. ${title(m, escapeMarkdown)}`, '');
    for (const [k, v] of facts(m, escapeMarkdown)) out.push(`- ${k}: ${v}`);
    out.push('', `**Verdict: ${m.verdict}.** ${escapeMarkdown(m.reason)}`, '');
    if (m.attempts.length > 0) out.push(mdAttempts(m.attempts, m.senders.length > 1), '');
    for (const n of m.notes) out.push(`> ${escapeMarkdown(n)}`, '');
  }
  out.push('## Summary', '', '| figure | value |', '| --- | ---: |');
  for (const [k, v] of summaryRows(ev)) out.push(`| ${k} | ${v} |`);
  out.push('');
  if (ev.notes.length > 0) out.push(ev.notes.map((n) => `> ${escapeMarkdown(n)}`).join('\n>\n'), '');
  return out.join('\n');
}

// ---- Plain text ----

function pad(rows: string[][], right: boolean[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

function textAttempts(attempts: EvidenceAttempt[], showSender: boolean): string[] {
  const head = ['#', 'time', 'address', ...(showSender ? ['sender'] : []), 'session', 'since previous'];
  const right = [true, false, false, ...(showSender ? [false] : []), true, true];
  const rows = [head];
  for (const a of attempts) {
    rows.push([
      String(a.n) + (a.itemised ? '' : '*'),
      a.time ?? '-',
      escapeControl(a.ip),
      ...(showSender ? [escapeControl(a.sender ?? '-')] : []),
      seconds(a.sessionSeconds),
      seconds(a.intervalSeconds),
    ]);
  }
  return pad(rows, right).map((l) => '    ' + l);
}

export function renderEvidenceText(ev: Evidence): string {
  const out: string[] = [];
  const heading = (s: string): void => void out.push(s, '='.repeat(s.length), '');
  heading('Greylisting evidence from the spamd log');
  heading('What was analysed');
  for (const [k, v] of headerRows(ev, escapeControl)) out.push(`${k}: ${v}`);
  out.push('');
  heading('How this server answers unknown senders');
  for (const p of ev.policyText) out.push(escapeControl(p), '');
  heading('What RFC 5321 asks of a sender');
  for (const p of ev.rfcText) out.push(escapeControl(p), '');
  heading('Messages');
  if (ev.messages.length === 0) out.push('No attempt in the analysed logs matches the selection.', '');
  for (const m of ev.messages) {
    out.push(`${m.n}. ${title(m, escapeControl)}`);
    for (const [k, v] of facts(m, escapeControl)) out.push(`   ${k}: ${v}`);
    out.push(`   Verdict: ${m.verdict}. ${escapeControl(m.reason)}`);
    if (m.attempts.length > 0) out.push('', ...textAttempts(m.attempts, m.senders.length > 1));
    for (const n of m.notes) out.push(`   Note: ${escapeControl(n)}`);
    out.push('');
  }
  heading('Summary');
  out.push(...pad(summaryRows(ev).map(([k, v]) => [k + ':', v]), [false, false]));
  out.push('');
  for (const n of ev.notes) out.push(`Note: ${escapeControl(n)}`);
  if (ev.notes.length > 0) out.push('');
  return out.join('\n');
}

// ---- CSV ----

export const EVIDENCE_CSV_COLUMNS = [
  'message',
  'attempt',
  'time',
  'ip',
  'sender',
  'sender_family',
  'recipient',
  'session_s',
  'interval_s',
  'itemised',
  'verdict',
  'reason',
] as const;

function csvCell(c: string | number | boolean | null): string {
  if (c === null) return '';
  if (typeof c !== 'string') return String(c);
  return escapeFormula(escapeControl(c));
}

/** One row per attempt; a message without greylisted attempts (blacklisted) still gets one row. */
export function renderEvidenceCsv(ev: Evidence): string {
  const records: string[][] = [[...EVIDENCE_CSV_COLUMNS]];
  for (const m of ev.messages) {
    const base = { message: m.n, sender_family: m.family, recipient: m.recipient, verdict: m.verdict, reason: m.reason };
    const attempts: Array<EvidenceAttempt | null> = m.attempts.length ? m.attempts : [null];
    for (const a of attempts) {
      const row: Record<string, string | number | boolean | null> = {
        ...base,
        attempt: a?.n ?? null,
        time: a?.time ?? null,
        ip: a?.ip ?? m.ips.join(' '),
        sender: a?.sender ?? null,
        session_s: a?.sessionSeconds ?? null,
        interval_s: a?.intervalSeconds ?? null,
        itemised: a?.itemised ?? null,
      };
      records.push(EVIDENCE_CSV_COLUMNS.map((k) => csvCell(row[k] ?? null)));
    }
  }
  return stringify(records, { record_delimiter: 'unix' });
}

// ---- JSON ----

/** The JSON document, with the same snake_case names as the CSV columns (docs/evidence.md). */
export function renderEvidenceJson(ev: Evidence): string {
  const doc = {
    schema: EVIDENCE_SCHEMA_VERSION,
    command: 'evidence',
    version: ev.version,
    inputs: ev.inputs,
    window: { first: ev.window.first, last: ev.window.last, decided_at: ev.window.decidedAt, decided_by: ev.window.decidedBy, zone: ev.window.zone },
    lines: { read: ev.lines.read, spamd_events: ev.lines.spamdEvents },
    envelopes_logged: ev.envelopesLogged,
    selection: ev.selection,
    policy: {
      passtime_s: ev.policy.passtimeSeconds,
      greyexp_s: ev.policy.greyexpSeconds,
      burst_s: ev.policy.burstSeconds,
      pool_prefix: ev.policy.poolPrefix,
      reply: ev.policy.reply,
      text: ev.policyText,
    },
    rfc5321: { section: '4.5.4.1', text: ev.rfcText },
    messages: ev.messages.map((m) => ({
      n: m.n,
      senders: m.senders,
      sender_family: m.family,
      recipient: m.recipient,
      domain: m.domain,
      ips: m.ips,
      verdict: m.verdict,
      reason: m.reason,
      attempt_count: m.attemptCount,
      first_seen: m.firstSeen,
      last_seen: m.lastSeen,
      longest_interval_s: m.longestIntervalSeconds,
      span_s: m.spanSeconds,
      attempts: m.attempts.map((a) => ({
        n: a.n,
        time: a.time,
        ip: a.ip,
        sender: a.sender,
        session_s: a.sessionSeconds,
        interval_s: a.intervalSeconds,
        itemised: a.itemised,
      })),
      notes: m.notes,
    })),
    summary: {
      messages: ev.summary.messages,
      attempts: ev.summary.attempts,
      addresses: ev.summary.addresses,
      findings: ev.summary.findings,
      verdicts: ev.summary.verdicts,
      longest_interval_s: ev.summary.longestIntervalSeconds,
      first_attempt: ev.summary.firstAttempt,
      last_attempt: ev.summary.lastAttempt,
      span_s: ev.summary.spanSeconds,
    },
    notes: ev.notes,
  };
  return escapeJsonText(JSON.stringify(doc, null, 2)) + '\n';
}

export function renderEvidence(ev: Evidence, format: EvidenceFormat): string {
  switch (format) {
    case 'markdown':
      return renderEvidenceMarkdown(ev);
    case 'text':
      return renderEvidenceText(ev);
    case 'csv':
      return renderEvidenceCsv(ev);
    case 'json':
      return renderEvidenceJson(ev);
    case 'html':
      return renderEvidenceHtml(ev);
  }
}
