import { expect } from 'chai';
import type { AuditEntry } from '@csp-onprem/engine';
import { htmlStructureProblem, parseCsv } from './export-files.js';

/** The whole log exported as files, as an auditor takes it away. */
export interface LogExports {
  /** JSON holding an `entries` list: one audit entry per event, in global order. */
  readonly json: string;
  /** CSV: a header row, then one row per event, in global order, with an `eventId` column. */
  readonly csv: string;
  /** An HTML page. */
  readonly html: string;
  /** What the CLI prints about the log on a terminal (a replay report, say), when given. */
  readonly text?: string;
}

/** Where a spreadsheet set to any list separator may start a cell, followed by a formula's first character. */
const FORMULA_START = /(?:^|[,;\t\r\n])[ "]*[=+\-@\t\r\u0000\uff1d\uff0b\uff0d\uff20]/;

/** What must never reach a terminal raw: controls, lone surrogates, bidi embeddings, overrides and isolates, separators. */
const RAW_UNSAFE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

/**
 * Checks that exports of the whole log parse back whole, whatever text the log holds: the
 * JSON to the very audit entries the engine answers (`trail`, the whole log's), the CSV to one row per event with every
 * column (its event ids in order) and no field a spreadsheet would run as a formula, the HTML
 * to a page whose structure no text broke, and the terminal text without one raw control.
 */
export function checkExports(files: LogExports, trail: readonly AuditEntry[]): void {
  const json = JSON.parse(files.json) as { entries?: unknown };
  // Compared as JSON text: chai's deep equality takes seconds on a trail of thousands of entries.
  expect(JSON.stringify(json.entries) === JSON.stringify(trail), 'the JSON export holds the audit trail, exactly').to.equal(true);
  const [header, ...rows] = parseCsv(files.csv);
  expect(rows, 'one CSV row per event').to.have.length(trail.length);
  const eventIdColumn = header?.indexOf('eventId') ?? -1;
  expect(eventIdColumn, 'the CSV has an eventId column').to.be.at.least(0);
  for (const row of rows) {
    expect(row, 'every CSV row has every column').to.have.length(header?.length ?? 0);
    for (const field of row) expect(FORMULA_START.test(field), `a CSV field a spreadsheet would run: ${JSON.stringify(field.slice(0, 80))}`).to.equal(false);
  }
  expect(rows.map((row) => row[eventIdColumn]).join('\n') === trail.map((entry) => entry.eventId).join('\n'), 'the CSV rows are the events, in order').to.equal(true);
  expect(htmlStructureProblem(files.html), 'the HTML export keeps its structure').to.equal(undefined);
  if (files.text === undefined) return;
  for (const line of files.text.split('\n')) expect(RAW_UNSAFE.exec(line)?.[0], `a raw control or invisible character on the terminal: ${JSON.stringify(line.slice(0, 80))}`).to.equal(undefined);
}
