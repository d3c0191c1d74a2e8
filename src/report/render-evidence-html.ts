// The evidence document as one HTML file (--format html): the same header, policy, RFC text,
// messages and figures as the Markdown, plus per message a timeline of its attempts against
// spamd's pass window and RFC 5321's 30 minutes. Texts are built with the shared helpers of
// render-evidence.ts unescaped, then escaped here exactly once.
import { escapeHtml as esc } from './escape.js';
import { attemptTimeline, horizontalBars, verdictClass, type Bar, type TimelineDot } from './html-charts.js';
import { ADDRESS_COLOURS } from './html-assets.js';
import { htmlPage } from './render-html.js';
import { facts, headerRows, seconds, SUMMARY_VERDICTS, summaryRows, title } from './render-evidence.js';
import type { Evidence, EvidenceMessage } from './evidence.js';

/** RFC 5321 §4.5.4.1: the retry interval SHOULD be at least 30 minutes. */
const RFC_RETRY = 30 * 60;

/** Messages shown before the first collapsed part, and per part. */
const FIRST_MESSAGES = 50;
const PART_MESSAGES = 100;

const raw = (s: string): string => s;

function kv(rows: Array<[string, string]>): string {
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td class="u">${esc(v)}</td></tr>`).join('')}</tbody></table>`;
}

function badge(verdict: string): string {
  return `<span class="vb"><i class="${verdictClass(verdict)}"></i>${esc(verdict)}</span>`;
}

function epoch(iso: string | null): number {
  return iso === null ? NaN : Date.parse(iso) / 1000;
}

function timeline(m: EvidenceMessage, ev: Evidence): string {
  const dots: TimelineDot[] = [];
  for (const a of m.attempts) {
    const t = epoch(a.time);
    if (t !== t) continue;
    const since = a.intervalSeconds === null ? '' : `, ${seconds(a.intervalSeconds)} after #${a.n - 1}`;
    dots.push({ t, address: Math.max(0, m.ips.indexOf(a.ip)), label: `#${a.n}${a.itemised ? '' : '*'} ${a.time ?? '-'} from ${a.ip}${since}`, exact: a.itemised });
  }
  if (dots.length === 0) return '';
  const svg = attemptTimeline(`timeline-${m.n}`, dots, { passtime: ev.policy.passtimeSeconds, greyexp: ev.policy.greyexpSeconds, rfcRetry: RFC_RETRY });
  const legend = m.ips.map((ip, i) => `<span><i class="sw a${i % ADDRESS_COLOURS.length}"></i>${esc(ip)}</span>`).join(' ');
  const hollow = dots.some((d) => !d.exact) ? ' <small>(hollow: known only as a first or last attempt)</small>' : '';
  return `<div class="charts">${svg}</div><p class="legend">${legend}${hollow}</p>`;
}

function attemptsTable(m: EvidenceMessage): string {
  if (m.attempts.length === 0) return '';
  const showSender = m.senders.length > 1;
  const head = ['#', 'time', 'address', ...(showSender ? ['sender'] : []), 'session', 'since previous'];
  const numeric = [true, false, false, ...(showSender ? [false] : []), true, true];
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="n"' : ''}>${esc(h)}</th>`).join('');
  const rows = m.attempts.map((a) => {
    const cells = [
      `<td class="n">${a.n}${a.itemised ? '' : '*'}</td>`,
      `<td>${esc(a.time ?? '-')}</td>`,
      `<td><span class="vb"><i class="a${Math.max(0, m.ips.indexOf(a.ip)) % ADDRESS_COLOURS.length}"></i>${esc(a.ip)}</span></td>`,
      ...(showSender ? [`<td class="u">${esc(a.sender ?? '-')}</td>`] : []),
      `<td class="n">${esc(seconds(a.sessionSeconds))}</td>`,
      `<td class="n">${esc(seconds(a.intervalSeconds))}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="data attempts"><thead><tr>${th}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

function message(m: EvidenceMessage, ev: Evidence): string {
  return [
    `<section class="msg" id="m-${m.n}"><h3>${m.n}. ${esc(title(m, raw))}</h3>`,
    `<p class="verdict"><b>Verdict: ${badge(m.verdict)}.</b> ${esc(m.reason)}</p>`,
    timeline(m, ev),
    kv(facts(m, raw)),
    attemptsTable(m),
    m.notes.length ? `<ul class="notes">${m.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '',
    '</section>',
  ].join('\n');
}

function messages(ev: Evidence): string {
  const out = [`<section id="messages"><h2>Messages <small>(${ev.messages.length})</small></h2>`];
  if (ev.messages.length === 0) out.push('<p>No attempt in the analysed logs matches the selection.</p>');
  const first = Math.min(ev.messages.length, FIRST_MESSAGES);
  out.push(...ev.messages.slice(0, first).map((m) => message(m, ev)));
  for (let from = first; from < ev.messages.length; from += PART_MESSAGES) {
    const part = ev.messages.slice(from, from + PART_MESSAGES);
    out.push(`<details class="more"><summary>Messages ${from + 1}\u2013${from + part.length} of ${ev.messages.length}</summary>${part.map((m) => message(m, ev)).join('\n')}</details>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function summary(ev: Evidence): string {
  const bars: Bar[] = SUMMARY_VERDICTS.map(([v]) => ({ label: v, value: ev.summary.verdicts[v], cls: verdictClass(v) }));
  const chart = bars.some((b) => b.value > 0) ? `<figure>${horizontalBars('evidence-verdicts', 'Messages by verdict', bars)}<figcaption><small>messages by verdict</small></figcaption></figure>` : '';
  return `<section id="summary"><h2>Summary</h2><div class="charts">${chart}<div>${kv(summaryRows(ev))}</div></div></section>`;
}

export function renderEvidenceHtml(ev: Evidence): string {
  const main = [
    `<section id="analysed"><h2>What was analysed</h2>${kv(headerRows(ev, raw))}</section>`,
    `<section id="policy"><h2>How this server answers unknown senders</h2>${ev.policyText.map((p) => `<p>${esc(p)}</p>`).join('\n')}`,
    `<h2>What RFC 5321 asks of a sender</h2>${ev.rfcText.map((p) => `<p>${esc(p)}</p>`).join('\n')}</section>`,
    summary(ev),
    messages(ev),
  ];
  const attempts = ev.messages.reduce((n, m) => n + m.attempts.length, 0);
  return htmlPage({
    title: 'Greylisting evidence from the spamd log',
    subtitle: `Selection: ${ev.selection || 'everything'}. spamd-report evidence.`,
    notes: ev.notes,
    main,
    count: `${ev.messages.length} messages, ${attempts} attempts`,
  });
}
