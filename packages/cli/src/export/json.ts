import type { AuditTrailExport } from './collect-trail.js';

/** The audit trail as pretty-printed JSON: the entries and the purchases they cover. */
export function auditJson(trail: AuditTrailExport): string {
  return `${JSON.stringify(trail, null, 2)}\n`;
}
