// The markup the HTML renderers write, and a check that a page holds no other: escaped text has
// no '<', so every tag in a page is one of ours, and an attribute breakout by log text would show
// up as an attribute name outside this list.
import assert from 'node:assert/strict';

const TAGS = new Set(['!DOCTYPE', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'b', 'ul', 'li', 'main', 'section', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'i', 'small', 'details', 'summary', 'figure', 'figcaption', 'svg', 'rect', 'line', 'text', 'path', 'circle', 'footer', 'script']);
const ATTRS = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'data-c', 'data-s', 'data-chart', 'title', 'viewbox', 'width', 'height', 'role', 'aria-label', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'd', 'text-anchor', 'html', 'cx', 'cy', 'r']);

/** The page outside <style> and <script>: where log text could become code. */
export function markup(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>').replace(/<script>[\s\S]*?<\/script>/, '<script></script>');
}

export function assertOnlyOurMarkup(html: string): void {
  const m = markup(html);
  for (const [, tag, attrs] of m.matchAll(/<\/?([!a-zA-Z][\w-]*)([^>]*)>/g)) {
    assert.ok(TAGS.has(tag!), `unexpected tag <${tag}>`);
    const names = attrs!.replace(/"[^"]*"/g, '').match(/[a-zA-Z-]+(?==)|(?<=\s)[a-zA-Z-]+(?=\s|$)/g) ?? [];
    for (const a of names) assert.ok(ATTRS.has(a.toLowerCase()), `unexpected attribute ${a} on <${tag}>`);
  }
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script');
  assert.equal((html.match(/<\/script/g) ?? []).length, 1);
}
