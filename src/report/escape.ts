// Log fields are written by the sender, often a spammer: nothing from them reaches a terminal,
// a spreadsheet or a letter unescaped (docs/security.md).

// C0 controls, DEL, C1 controls, and Unicode bidi/format controls that can reorder or hide text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

function hex(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
}

/** Control and invisible formatting characters as visible `\xHH` / `\uHHHH` escapes. */
export function escapeControl(s: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s) ? s.replace(CONTROL, hex) : s;
}

const MARKDOWN = /[\\`*_~[\]|<>#!]/g;
const MD_REPLACE: Record<string, string> = { '<': '&lt;', '>': '&gt;' };

/** Text safe inside a Markdown table cell: no links, no HTML, no emphasis, no cell breaks. */
export function escapeMarkdown(s: string): string {
  return escapeControl(s).replace(MARKDOWN, (c) => MD_REPLACE[c] ?? '\\' + c);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell a spreadsheet will not run as a formula (OWASP CSV injection: prefix with '). */
export function escapeFormula(s: string): string {
  return FORMULA_START.test(s) ? "'" + s : s;
}

/** JSON.stringify leaves C1 and bidi controls raw; escape them too (still valid JSON). */
export function escapeJsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Shorten a cell for a terminal table, marking the cut. */
export function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe as HTML text or inside a quoted attribute (also in inline SVG): controls made visible, markup characters as entities. */
export function escapeHtml(s: string): string {
  return escapeControl(s).replace(/[&<>"']/g, (c) => HTML[c]!);
}
