import type { ReplayReport } from '../replay/replay-log.js';
import { eligibilityTable } from './eligibility-table.js';
import { formatInstant } from './format.js';
import { softwareTable } from './software-table.js';
import { terminalText as t } from './terminal-text.js';

function asOfWords(report: ReplayReport): string {
  return 'instant' in report.asOf ? `as of ${report.asOf.instant}` : `as of global position ${report.asOf.position}`;
}

/**
 * The replay as text: a heading, then per customer its software list and the refund eligibility
 * of each purchase. Safe for a terminal: text from the log is escaped (`terminalText`).
 */
export function replayLines(report: ReplayReport): string[] {
  const lines = [
    `Replay of ${t(report.store)} ${asOfWords(report)}: events up to position ${report.throughPosition}, eligibility at ${report.eligibilityAt ?? '(no event yet)'}`,
  ];
  if (report.customers.length === 0) lines.push('', 'No purchase as of then.');
  for (const customer of report.customers) {
    const domain = customer.domain ?? '(no purchase as of then)';
    lines.push('', `== ${t(domain)} (${t(customer.tenantId)}) ==`, '', 'Software list:');
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
