// Log fields are written by the sender, often a spammer: nothing from them reaches a terminal,
// a spreadsheet or a letter unescaped (docs/security.md).

// C0 controls, DEL, C1 controls, Unicode bidi/format controls that can reorder or hide text, the
// invisible tag characters (U+E0000-E007F, text only a program reads), and lone surrogates
// (half a character: no terminal, spreadsheet or JSON parser agrees on what they are).
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function hex(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 0x100) return '\\x' + code.toString(16).padStart(2, '0');
  return code < 0x10000 ? '\\u' + code.toString(16).padStart(4, '0') : '\\u{' + code.toString(16) + '}';
}

/** Control and invisible formatting characters as visible `\xHH` / `\uHHHH` / `\u{HHHHH}` escapes. */
export function escapeControl(s: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s) ? s.replace(CONTROL, hex) : s;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Lone surrogates (half a character, from a cut) replaced by U+FFFD: well-formed Unicode for JSON. */
export function toWellFormed(s: string): string {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s;
}

/** The first `max` UTF-16 units of `s`, one fewer when the last would be half of a character. */
export function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

const MARKDOWN = /[\\`*_~[\]|<>#!&]/g;
// `&` too: `&lt;b&gt;` in a log field is shown as written, not as `<b>`.
const MD_REPLACE: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Text safe inside a Markdown table cell: no links, no HTML, no emphasis, no cell breaks. */
export function escapeMarkdown(s: string): string {
  return escapeControl(s).replace(MARKDOWN, (c) => MD_REPLACE[c] ?? '\\' + c);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell a spreadsheet will not run as a formula (OWASP CSV injection: prefix with '). */
export function escapeFormula(s: string): string {
  return FORMULA_START.test(s) ? "'" + s : s;
}

/** JSON.stringify leaves C1, bidi and tag characters raw; escape them too (still valid JSON, the same strings). */
export function escapeJsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g, (c) => {
    let out = '';
    for (let i = 0; i < c.length; i++) out += '\\u' + c.charCodeAt(i).toString(16).padStart(4, '0');
    return out;
  });
}

/** A JSON.stringify replacer: strings as well-formed Unicode (JSON.stringify would write a lone surrogate as `\udXXX`). */
export function wellFormedJson(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? toWellFormed(value) : value;
}

/** Shorten a cell for a terminal table, marking the cut (never inside a character). */
export function truncate(s: string, max: number): string {
  return s.length > max ? cutAt(s, max - 1) + '…' : s;
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe as HTML text or inside a quoted attribute (also in inline SVG): controls made visible, markup characters as entities. */
export function escapeHtml(s: string): string {
  return escapeControl(s).replace(/[&<>"']/g, (c) => HTML[c]!);
}
