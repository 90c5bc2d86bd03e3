import { terminalJson } from '../render/terminal-json.js';
import type { AuditTrailExport } from './collect-trail.js';

/**
 * The audit trail as pretty-printed JSON: the entries and the purchases they cover. Exact JSON;
 * control and invisible characters are written as `\uXXXX` escapes (`terminalJson`), so the file
 * is also safe to print.
 */
export function auditJson(trail: AuditTrailExport): string {
  return terminalJson(trail);
}
