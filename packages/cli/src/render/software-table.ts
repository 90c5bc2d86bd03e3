import { formatMoney } from '@csp-onprem/domain';
import type { AuditItem, AuditKey } from '../audit/audit-item.js';
import { formatDay } from './format.js';
import { renderTable, type Column } from './table.js';

/** A key as the list shows it: its fingerprint, whether it was revoked and (when known) shredded, never the key. */
export function formatKeyView(key: AuditKey): string {
  return `${key.fingerprint} (${key.revoked ? 'revoked' : 'valid'}${key.shredded === true ? ', shredded' : ''})`;
}

const columns: readonly Column<AuditItem>[] = [
  { header: 'product', cell: (item) => item.product.title },
  { header: 'order', cell: (item) => item.orderId },
  { header: 'subscription', cell: (item) => item.subscriptionId },
  { header: 'qty', cell: (item) => String(item.quantity), align: 'right' },
  { header: 'paid', cell: (item) => formatMoney(item.paid), align: 'right' },
  { header: 'status', cell: (item) => item.status },
  { header: 'keys', cell: (item) => (item.keys.length === 0 ? '-' : item.keys.map(formatKeyView).join(', ')) },
  { header: 'downloads', cell: (item) => String(item.downloads), align: 'right' },
  { header: 'link copies', cell: (item) => String(item.linkCopies), align: 'right' },
  { header: 'cancellable until', cell: (item) => formatDay(item.cancellableUntil) },
];

/** A customer's *Software* page as a table, oldest purchase first. */
export function softwareTable(items: readonly AuditItem[]): string[] {
  const ordered = [...items].sort((a, b) => a.purchasedAt.localeCompare(b.purchasedAt) || a.subscriptionId.localeCompare(b.subscriptionId));
  return renderTable(columns, ordered);
}
