import type { AuditEntry } from '@csp-onprem/engine';
import { formatInstant } from './format.js';
import { renderTable, type Column } from './table.js';

/** Turns a tenant GUID into the name the report uses for it. */
export type TenantNamer = (tenantId: string) => string;

function columns(tenantName: TenantNamer): readonly Column<AuditEntry>[] {
  return [
    { header: '#', cell: (entry) => String(entry.position), align: 'right' },
    { header: 'time', cell: (entry) => formatInstant(entry.occurredAt) },
    { header: 'user', cell: (entry) => entry.userId },
    { header: 'role', cell: (entry) => entry.actingRole },
    { header: 'tenant', cell: (entry) => tenantName(entry.actorTenantId) },
    { header: 'customer', cell: (entry) => tenantName(entry.customerTenantId) },
    { header: 'event', cell: (entry) => entry.type },
    { header: 'summary', cell: (entry) => entry.summary },
  ];
}

/** The audit trail as a table: who did what, with which role, from which tenant, for which customer, when. */
export function auditTable(entries: readonly AuditEntry[], tenantName: TenantNamer): string[] {
  return renderTable(columns(tenantName), entries);
}
