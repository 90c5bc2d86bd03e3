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
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or starts with
 * a space; quotes doubled. A text starting with `=`, `+`, `-`, `@` or a tab is prefixed with `'`
 * so that a spreadsheet shows it instead of running it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The audit trail as CSV: a header row, then one row per event, CRLF line ends. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = [columns.map(([header]) => header), ...entries.map((entry) => columns.map(([, cell]) => cell(entry)))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
