import { positionsWords } from '../replay/position-runs.js';
import type { ReplayReport } from '../replay/replay-log.js';
import type { Verification } from '../verified/verification.js';
import { eligibilityTable } from './eligibility-table.js';
import { formatInstant } from './format.js';
import { softwareTable } from './software-table.js';

function asOfWords(report: ReplayReport): string {
  return 'instant' in report.asOf ? `as of ${report.asOf.instant}` : `as of global position ${report.asOf.position}`;
}

function recordedByWords(report: ReplayReport): string {
  const by = report.recordedBy;
  if (by === null) return '';
  return by.digest === undefined ? `, recorded by position ${by.position}` : `, recorded by your digest ${by.digest} (position ${by.position})`;
}

/**
 * The replay as text: an UNVERIFIED first line when the log did not verify; a heading with
 * the exact set of events used; the verification; notes; then per customer its software list
 * and the refund eligibility of each purchase.
 */
export function replayLines(report: ReplayReport & { readonly verification?: Verification }): string[] {
  const { verification } = report;
  const lines = [
    ...(verification === undefined || verification.verified ? [] : [verification.statement]),
    `Replay of ${report.store} ${asOfWords(report)}${recordedByWords(report)}: ${positionsWords(report.positions)}; eligibility at ${report.eligibilityAt ?? '(no event yet)'}`,
    ...(verification?.verified === true ? [verification.statement] : []),
    ...report.notes.map((note) => `Note: ${note}`),
  ];
  if (report.customers.length === 0) lines.push('', 'No purchase as of then.');
  for (const customer of report.customers) {
    const domain = customer.domain ?? '(no purchase as of then)';
    lines.push('', `== ${domain} (${customer.tenantId}) ==`, '', 'Software list:');
    lines.push(...softwareTable(customer.software));
    const at = report.eligibilityAt === null ? '' : ` at ${formatInstant(report.eligibilityAt)} UTC`;
    lines.push('', `Refund eligibility${at}:`);
    const rows = customer.software.flatMap((item) => {
      const eligibility = customer.eligibility.find((e) => e.subscriptionId === item.subscriptionId);
      return eligibility === undefined ? [] : [{ item, eligibility, customer: domain }];
    });
    lines.push(...eligibilityTable(rows));
  }
  return lines;
}
