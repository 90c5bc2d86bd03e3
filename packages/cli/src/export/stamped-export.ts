import type { ExportFormat } from '../args.js';
import type { Verification } from '../verified/verification.js';
import type { AuditTrailExport } from './collect-trail.js';
import { auditCsv, csvField } from './csv.js';
import { auditHtml } from './html/render-page.js';
import { terminalJson } from '../render/terminal-json.js';

/**
 * The export in one of its formats, carrying its verification: in JSON a `verification` field
 * after the format, in CSV a first line (one field: the statement, UNVERIFIED first when it
 * is), in HTML a line under the title or an UNVERIFIED banner on every page.
 */
export function stampedExport(trail: AuditTrailExport, format: ExportFormat, verification: Verification): string {
  switch (format) {
    case 'json': {
      const { format: exportFormat, ...rest } = trail;
      return terminalJson({ format: exportFormat, verification, ...rest });
    }
    case 'csv':
      return `${csvField(verification.statement)}\r\n${auditCsv(trail.entries)}`;
    case 'html':
      return auditHtml(trail, verification);
  }
}
