// The registry of output formats: one model, many renderers.
import type { Format } from '../options.js';
import type { Report } from './model.js';
import { renderCsv, renderCsvChunks } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson, renderNdjson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
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

/** The output in pieces to write one after the other: csv and tables in pieces of a few thousand rows, the rest whole. */
export function* renderChunks(report: Report, format: Format, opts: RenderOptions): Generator<string> {
  if (format === 'csv') yield* renderCsvChunks(report);
  else if (format === 'table') yield* renderTableChunks(report, { color: opts.color });
  else yield render(report, format, opts);
}
