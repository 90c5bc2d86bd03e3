import { formatMoney, type RefundEligibility } from '@csp-onprem/domain';
import type { AuditItem } from '../audit/audit-item.js';
import { formatInstant, yesNo } from './format.js';
import { renderTable, type Column } from './table.js';

/** A purchase with its refund eligibility at one instant. */
export interface EligibilityRow {
  readonly item: AuditItem;
  readonly eligibility: RefundEligibility;
  /** The customer's name as the report shows it. */
  readonly customer: string;
}

const columns: readonly Column<EligibilityRow>[] = [
  { header: 'customer', cell: (row) => row.customer },
  { header: 'product', cell: (row) => row.item.product.title },
  { header: 'subscription', cell: (row) => row.item.subscriptionId },
  { header: 'eligible', cell: (row) => yesNo(row.eligibility.eligible) },
  { header: 'reason', cell: (row) => row.eligibility.reason },
  { header: 'deadline', cell: (row) => formatInstant(row.eligibility.deadline) },
  { header: 'days left', cell: (row) => String(row.eligibility.daysLeft), align: 'right' },
  { header: 'credit %', cell: (row) => String(row.eligibility.creditPercent), align: 'right' },
  { header: 'refundable', cell: (row) => formatMoney(row.eligibility.refundableAmount), align: 'right' },
];

/** The refund eligibility of purchases as a table. */
export function eligibilityTable(rows: readonly EligibilityRow[]): string[] {
  return renderTable(columns, rows);
}
