import type { AuditEntry } from '@csp-onprem/engine';

const columns: readonly (readonly [string, (entry: AuditEntry) => string])[] = [
  ['position', (e) => String(e.position)],
  ['occurredAt', (e) => e.occurredAt],
  ['event', (e) => e.type],
  ['userId', (e) => e.userId],
  ['actingRole', (e) => e.actingRole],
  ['roles', (e) => e.roles.join(' ')],
  ['actorTenantId', (e) => e.actorTenantId],
  ['partnerId', (e) => e.partnerId],
  ['customerTenantId', (e) => e.customerTenantId],
  ['customerDomain', (e) => e.customerDomain],
  ['orderId', (e) => e.orderId],
  ['subscriptionId', (e) => e.subscriptionId],
  ['summary', (e) => e.summary],
  ['streamId', (e) => e.streamId],
  ['version', (e) => String(e.version)],
  ['eventId', (e) => e.eventId],
  ['commandId', (e) => e.commandId],
];

/**
 * Where a spreadsheet may start a cell inside a field: the field's start, or just after one of
 * these (a spreadsheet set to another list separator splits the field there).
 */
const CELL_BREAKS = new Set([',', ';', '\t', '\r', '\n']);
/** What may stand before a formula's first character at a cell's start and still start it. */
const CELL_PADDING = new Set([' ', '"']);
/** A formula's first character: `= + - @`, tab, carriage return, NUL, and the full-width `＝ ＋ － ＠`. */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\u0000', '\uff1d', '\uff0b', '\uff0d', '\uff20']);

/** `value` with a `'` before every formula character that could start a cell (see {@link csvField}). Linear. */
function withoutFormulaStarts(value: string): string {
  const out: string[] = [];
  let atCellStart = true;
  for (const char of value) {
    if (atCellStart && !CELL_PADDING.has(char)) {
      if (FORMULA_STARTS.has(char)) out.push("'");
      atCellStart = false;
    }
    out.push(char);
    if (CELL_BREAKS.has(char)) atCellStart = true;
  }
  return out.join('');
}

/**
 * One CSV field (RFC 4180), formula-safe for every list separator a spreadsheet may use
 * (OWASP's CSV injection guidance). Wherever a spreadsheet may start a cell (the field's start,
 * or after a comma, a semicolon, a tab or a line break), past any spaces and double quotes, a
 * formula character (`= + - @`, tab, carriage return, NUL or a full-width `＝ ＋ － ＠`) gets a
 * `'` before it: `=1+1` is written `'=1+1`, `a;=1+1` is written `"a;'=1+1"`. Then the field is
 * quoted when it holds a quote, a comma, a semicolon, a tab or a line break, or starts or ends
 * with white space, and its quotes are doubled. Linear.
 */
export function csvField(value: string): string {
  const safe = withoutFormulaStarts(value);
  return /[",;\t\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The audit trail as CSV: a header row, then one row per event, CRLF line ends. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = [columns.map(([header]) => header), ...entries.map((entry) => columns.map(([, cell]) => cell(entry)))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
