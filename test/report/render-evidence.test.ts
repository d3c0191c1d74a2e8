// Every evidence and domains format with sender-written strings in every log field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderEvidence } from '../../src/report/render-evidence.js';
import { render } from '../../src/report/render.js';
import { DOMAIN_COLUMNS } from '../../src/report/domains.js';
import { EVIDENCE_FORMATS, FORMATS } from '../../src/options.js';
import { assertNoControls, assertSafeCsv, assertSafeMarkdown, HOSTILE } from '../helpers/hostile.js';
import type { Evidence, EvidenceMessage } from '../../src/report/evidence.js';
import type { Report } from '../../src/report/model.js';

function message(n: number, h: string): EvidenceMessage {
  return {
    n,
    senders: [h, `<${h}@evil.example>`],
    family: h,
    recipient: h,
    domain: h,
    ips: [h, '192.0.2.1'],
    verdict: 'one-attempt',
    reason: `1 attempt from ${h}, none in the following 4 h.`,
    attemptCount: 2,
    attempts: [
      { n: 1, time: '2026-03-10T09:00:01+00:00', ip: h, sender: h, sessionSeconds: 2, intervalSeconds: null, itemised: true },
      { n: 2, time: '2026-03-10T09:00:02+00:00', ip: '192.0.2.1', sender: h, sessionSeconds: null, intervalSeconds: 1, itemised: false },
    ],
    firstSeen: '2026-03-10T09:00:01+00:00',
    lastSeen: '2026-03-10T09:00:02+00:00',
    longestIntervalSeconds: 1,
    spanSeconds: 1,
    notes: [`about ${h}`],
  };
}

function evidence(): Evidence {
  return {
    version: '0.0.0-test',
    inputs: HOSTILE.map((h) => ({ file: h, lines: 1, error: h })),
    window: { first: null, last: null, decidedAt: null, decidedBy: 'last-line', zone: 'UTC' },
    lines: { read: 1, spamdEvents: 1 },
    envelopesLogged: true,
    selection: HOSTILE.join(' '),
    policy: { passtimeSeconds: 1500, greyexpSeconds: 14_400, burstSeconds: 60, poolPrefix: null, reply: '451' },
    policyText: ['policy'],
    rfcText: ['rfc'],
    messages: HOSTILE.map((h, i) => message(i + 1, h)),
    summary: {
      messages: HOSTILE.length,
      attempts: 2 * HOSTILE.length,
      addresses: 1,
      verdicts: { 'one-attempt': HOSTILE.length, 'rapid-retry': 0, 'gave-up-early': 0, 'too-slow': 0, 'pool-retry': 0, passed: 0, pending: 0, blacklisted: 0, excused: 0 },
      findings: HOSTILE.length,
      longestIntervalSeconds: 1,
      firstAttempt: null,
      lastAttempt: null,
      spanSeconds: null,
    },
    notes: HOSTILE.map((h) => `note ${h}`),
  };
}

for (const format of EVIDENCE_FORMATS) {
  test(`evidence ${format}: hostile strings are escaped`, () => {
    const out = renderEvidence(evidence(), format);
    switch (format) {
      case 'markdown':
        assertSafeMarkdown(out, format);
        break;
      case 'text':
        assertNoControls(out, format);
        break;
      case 'csv': {
        const rows = assertSafeCsv(out, format);
        assert.equal(rows.length, 1 + 2 * HOSTILE.length, 'a header and one row per attempt');
        break;
      }
      case 'json': {
        assertNoControls(out, format);
        const j = JSON.parse(out) as { messages: Array<{ senders: string[] }> };
        assert.deepEqual(j.messages.map((m) => m.senders[0]), HOSTILE, 'JSON keeps the exact text');
        break;
      }
    }
  });
}

function domainsReport(): Report {
  const rows = HOSTILE.map((h) => Object.fromEntries(DOMAIN_COLUMNS.map((c) => [c.key, c.numeric ? 1 : h])));
  return { command: 'domains', tables: [{ name: 'domains', title: 'Envelope-sender domains', columns: DOMAIN_COLUMNS, rows }], notes: HOSTILE.map((h) => `note ${h}`) };
}

for (const format of FORMATS) {
  test(`domains ${format}: hostile strings are escaped`, () => {
    const out = render(domainsReport(), format, { color: false });
    if (format === 'markdown') assertSafeMarkdown(out, format);
    else if (format === 'csv') assert.equal(assertSafeCsv(out, format).length, 1 + HOSTILE.length);
    else assertNoControls(out, format);
    if (format === 'json' || format === 'ndjson') {
      const first = JSON.parse(out.split('\n')[0]!.startsWith('{"') ? out.split('\n')[0]! : out) as { rows?: Array<{ domain: string }>; domain?: string };
      assert.equal(first.rows ? first.rows[0]!.domain : first.domain, HOSTILE[0]);
    }
  });
}
