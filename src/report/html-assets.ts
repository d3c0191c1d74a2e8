// The style sheet and the one small script of the HTML report, inline in every file. The
// Content-Security-Policy admits exactly these two by hash: nothing else can run or load, even
// if some log text ever slipped through unescaped.
import type { Verdict } from '../analyze/verdicts.js';

// Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), one per verdict;
// excused (the admin's own list) in a pale neutral.
const VERDICT_COLOURS: Record<Verdict, string> = {
  blacklisted: '#4d4d4d',
  passed: '#009e73',
  pending: '#56b4e9',
  'pool-retry': '#0072b2',
  'too-slow': '#d4b300',
  'one-attempt': '#d55e00',
  'rapid-retry': '#cc79a7',
  'gave-up-early': '#e69f00',
  excused: '#c3b1e1',
};

// Source addresses on an evidence timeline (Tableau 10): not the verdict colours.
export const ADDRESS_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export const HTML_CSS = [
  ':root{color-scheme:light;--fg:#1b1f24;--mute:#57606a;--line:#d0d7de;--alt:#f6f8fa}',
  '*{box-sizing:border-box}',
  'body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:#fff;margin:0 auto;max-width:1440px;padding:16px 24px}',
  'h1{font-size:22px;margin:0 0 2px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:14px;margin:0 0 4px}',
  'small,.sub{color:var(--mute)}.sub{margin:0 0 10px}',
  '.notes{background:#fff8e1;border-left:4px solid #e69f00;margin:12px 0;padding:8px 12px 8px 30px}',
  '.cards{display:flex;flex-wrap:wrap;gap:14px 28px;align-items:flex-start}.cards>section{max-width:100%}',
  '.charts{display:flex;flex-wrap:wrap;gap:8px 28px;align-items:flex-start;margin-bottom:8px}figure{margin:0}',
  '.scroll{overflow-x:auto;max-width:100%}',
  'table{border-collapse:collapse;font-variant-numeric:tabular-nums}table.data{min-width:60%;font-size:13px}',
  'th,td{border-bottom:1px solid var(--line);padding:3px 7px;text-align:left;vertical-align:top;white-space:nowrap}',
  'th{background:var(--alt);font-weight:600}table.kv th{background:none;font-weight:normal;color:var(--mute)}',
  '.n{text-align:right}td.u{white-space:normal;overflow-wrap:anywhere;min-width:16em;max-width:34em}.nil{color:var(--mute)}',
  'table.data tbody tr:nth-child(even){background:#f8f9fa}',
  '.vb i,.sw{display:inline-block;width:10px;height:10px;margin-right:5px;border-radius:2px}',
  'svg.chart{max-width:100%;height:auto;font-size:12px}svg .lb{fill:var(--mute)}svg .val{fill:var(--fg)}',
  'svg .grid{stroke:#e6eaee}svg .axis,svg .tick{stroke:#8c959f}',
  'svg.spark{background:#eaeef2;vertical-align:middle}svg.spark path{stroke:#0072b2;stroke-width:2}',
  '.legend{margin:2px 0 10px}.legend span{margin-right:14px;white-space:nowrap}',
  'details.more{margin:6px 0}details.more>summary{cursor:pointer;color:#0969da}',
  'html.js th[data-c]{cursor:pointer}html.js th[data-c]:hover{text-decoration:underline}',
  'th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}',
  '.msg{margin:0 0 28px}.msg .kv{margin:6px 0}.verdict .vb{font-weight:bold}',
  'footer{margin-top:30px;color:var(--mute);font-size:12px;border-top:1px solid var(--line);padding-top:8px}',
  ...Object.entries(VERDICT_COLOURS).map(([v, c]) => `.c-${v}{fill:${c};background:${c}}`),
  '.c-none{fill:#8c959f;background:#8c959f}',
  ...ADDRESS_COLOURS.map((c, i) => `.a${i}{fill:${c};background:${c};--c:${c}}`),
  'svg .passwin{fill:#009e73;fill-opacity:.13}svg .rfc{stroke:#d55e00;stroke-width:1.5;stroke-dasharray:4 3}svg .rfc-lb{fill:#d55e00}',
  'svg .dot{stroke:#fff;stroke-width:1}svg .dot.hollow{fill:#fff;stroke:var(--c);stroke-width:2}',
  '@media print{body{max-width:none;padding:0;font-size:9pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}',
  '.scroll{overflow:visible}.charts,.cards>section,svg.chart{break-inside:avoid}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}',
  'details.more>summary{display:none}details.more::details-content{content-visibility:visible;display:contents}}',
].join('\n');

// Optional: click a column header to sort (all parts of a table together, missing values last,
// times as instants and addresses by their data-s key, as the model sorts);
// open every collapsed part before printing. The report reads the same without it.
export const HTML_SCRIPT = `(()=>{const d=document;d.documentElement.classList.add('js');
const val=(td,num)=>{const s=td.dataset.s??td.textContent;if(s==='-')return null;if(/^\\d{4}-\\d\\d-\\d\\dT/.test(s))return Date.parse(s);if(!num)return s;const x=parseFloat(s);return Number.isNaN(x)?null:x};
d.addEventListener('click',(e)=>{const th=e.target.closest('th[data-c]');if(!th)return;
const c=Number(th.dataset.c),num=th.classList.contains('n'),dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
const tables=[...th.closest('section').querySelectorAll('table.data')];const sizes=tables.map((t)=>t.tBodies[0].rows.length);
const rows=tables.flatMap((t)=>[...t.tBodies[0].rows]).map((r)=>[val(r.cells[c],num),r]);
rows.sort((a,b)=>a[0]===b[0]?0:a[0]===null?1:b[0]===null?-1:(a[0]<b[0]?-1:1)*dir);
let i=0;tables.forEach((t,k)=>{const f=d.createDocumentFragment();for(const [,r] of rows.slice(i,i+sizes[k]))f.append(r);i+=sizes[k];t.tBodies[0].append(f);
for(const h of t.tHead.rows[0].cells)h.removeAttribute('aria-sort');t.tHead.rows[0].cells[c].setAttribute('aria-sort',dir>0?'ascending':'descending')})});
addEventListener('beforeprint',()=>{for(const x of d.querySelectorAll('details'))x.open=true})})();`;
