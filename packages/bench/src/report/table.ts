import type { Row } from './rows.js';

const HEADERS: Record<keyof Row, string> = {
  measure: 'measure',
  ours: 'csp-onprem',
  baseline: 'baseline',
  ratio: 'ours / baseline',
  target: 'target',
  verdict: 'result',
  rss: 'peak RSS (ours / baseline)',
};

/** Renders rows as one Markdown table, padded so it also reads well in a terminal. */
export function renderTable(rows: readonly Row[]): string {
  const keys = Object.keys(HEADERS) as (keyof Row)[];
  const widths = keys.map((key) => Math.max(HEADERS[key].length, ...rows.map((row) => row[key].length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(keys.map((key) => HEADERS[key])), line(widths.map((w) => '-'.repeat(w))), ...rows.map((row) => line(keys.map((key) => row[key])))].join('\n');
}
