// The registry of output formats: one model, many renderers.
import type { Format } from '../options.js';
import type { Report } from './model.js';
import { renderCsv, renderCsvChunks } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson, renderJsonChunks, renderNdjson, renderNdjsonChunks } from './render-json.js';
import { renderMarkdown, renderMarkdownChunks } from './render-markdown.js';
import { renderTable, renderTableChunks } from './render-table.js';

export interface RenderOptions {
  color: boolean;
}

export function render(report: Report, format: Format, opts: RenderOptions): string {
  switch (format) {
    case 'table':
      return renderTable(report, { color: opts.color });
    case 'csv':
      return renderCsv(report);
    case 'json':
      return renderJson(report);
    case 'ndjson':
      return renderNdjson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
  }
}

/** The output in pieces to write one after the other: a row command's rows a few thousand at a time; HTML whole. */
export function* renderChunks(report: Report, format: Format, opts: RenderOptions): Generator<string> {
  switch (format) {
    case 'table':
      return yield* renderTableChunks(report, { color: opts.color });
    case 'csv':
      return yield* renderCsvChunks(report);
    case 'json':
      return yield* renderJsonChunks(report);
    case 'ndjson':
      return yield* renderNdjsonChunks(report);
    case 'markdown':
      return yield* renderMarkdownChunks(report);
    case 'html':
      return yield renderHtml(report);
  }
}
