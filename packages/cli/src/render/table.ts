import { tableCell } from './terminal-text.js';

/** One column of a table: its header, how to read a row's cell, and how to align it. */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  /** Numbers read best right-aligned; text defaults to the left. */
  readonly align?: 'left' | 'right';
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/**
 * Renders rows as a plain-text table: a header, a rule and one line per row, columns
 * separated by two spaces. Cells are single lines and safe for a terminal (`tableCell`: line
 * breaks and tabs become spaces, control characters visible escapes); an empty table says so.
 */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string[] {
  if (rows.length === 0) return ['(none)'];
  const cells = rows.map((row) => columns.map((column) => tableCell(column.cell(row))));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((line) => line[index]?.length ?? 0)));
  const line = (values: readonly string[]): string =>
    values
      .map((value, index) => pad(value, widths[index] ?? 0, columns[index]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)];
}
