import * as E from 'fp-ts/lib/Either.js';
import type { KeyVault } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import type { ExportFormat } from '../args.js';
import { collectTrail, type AuditTrailExport, type TrailFilter } from '../export/collect-trail.js';
import { auditCsv } from '../export/csv.js';
import { auditHtml } from '../export/html/render-page.js';
import { auditJson } from '../export/json.js';
import { withProgress } from '../progress/with-progress.js';
import { progressContext, succeeded, withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { storeVaultOf } from './store-vault.js';
import { writeOutputFile } from './write-output-file.js';

/** What `csp-onprem export` was asked. */
export interface ExportArgs {
  readonly store: StoreAddress;
  readonly format: ExportFormat;
  readonly out: string;
  readonly customer?: string;
  readonly from?: Date;
  readonly to?: Date;
}

/** The export in one of its formats. */
export function renderExport(trail: AuditTrailExport, format: ExportFormat): string {
  switch (format) {
    case 'json':
      return auditJson(trail);
    case 'csv':
      return auditCsv(trail.entries);
    case 'html':
      return auditHtml(trail);
  }
}

function filterOf(args: ExportArgs, vault: KeyVault | undefined): TrailFilter {
  return {
    ...(vault === undefined ? {} : { vault }),
    ...(args.customer === undefined ? {} : { customer: args.customer }),
    ...(args.from === undefined ? {} : { from: args.from }),
    ...(args.to === undefined ? {} : { to: args.to }),
  };
}

/** Writes the audit trail, in range, as JSON, CSV or a self-contained HTML timeline. */
export async function runExport(args: ExportArgs, io: CommandIo): Promise<CommandOutcome> {
  return withStore(args.store, async (store) => {
    // The store's data keys tell which keys were shredded; no key-encryption key is needed for that.
    const vault = storeVaultOf(store);
    const trail = await withProgress(progressContext(io, false), store, 'export', (s) => collectTrail(s, filterOf(args, vault)));
    if (E.isLeft(trail)) return trail;
    const written = writeOutputFile(args.out, renderExport(trail.right, args.format));
    if (E.isLeft(written)) return written;
    const customers = new Set(trail.right.purchases.map((item) => item.customer.tenantId.toLowerCase())).size;
    const keys = trail.right.purchases.flatMap((item) => item.keys);
    const shredding = vault === undefined ? '' : `; ${keys.filter((key) => key.shredded === true).length} of ${keys.length} keys shredded`;
    io.out(`exported ${trail.right.entries.length} events of ${trail.right.purchases.length} purchases (${customers} customers) from ${store.name} to ${args.out} (${args.format})${shredding}\n`);
    return succeeded;
  });
}
