import * as E from 'fp-ts/lib/Either.js';
import type { SoftwareItem } from '@csp-onprem/domain';
import { auditEntryOf, markShreddedKeys, type AuditEntry, type AuditParties, type EventStore, type KeyVault } from '@csp-onprem/engine';
import { toAuditItem, type AuditItem } from '../audit/audit-item.js';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import { byPurchase, foldItem } from '../log/item-fold.js';
import { scanLog } from '../log/scan-log.js';

/** Which part of the audit trail to export. */
export interface TrailFilter {
  /** Only this customer tenant (lower-case GUID). */
  readonly customer?: string;
  /** Only events at or after this instant. */
  readonly from?: Date;
  /** Only events at or before this instant. */
  readonly to?: Date;
  /**
   * The key vault to ask whether a tenant was crypto-shredded (`export` passes the store's
   * own data keys). Without it every key's `shredded` is null: the log does not record
   * shredding.
   */
  readonly vault?: KeyVault;
}

/** The audit trail and the purchases it covers: what every export format is made from. */
export interface AuditTrailExport {
  readonly format: 'csp-onprem-audit/1';
  readonly store: string;
  readonly customer: string | null;
  readonly from: string | null;
  readonly to: string | null;
  /** The position of the last event read. */
  readonly throughPosition: number;
  /** Every event in range, in global order: the same entries `engine.auditTrail` answers. */
  readonly entries: readonly AuditEntry[];
  /** Each purchase with an entry in range, as it stood at the end of the range (or now). */
  readonly purchases: readonly AuditItem[];
}

/**
 * Reads the whole log once: every event of a purchase, with who did it, with which role, for
 * which tenant (as `engine.auditTrail` does, as an Auditor), and each purchase's state at the
 * end of the range for timelines. Never holds a product key: entries carry summaries and
 * items carry fingerprints.
 */
export async function collectTrail(store: EventStore, filter: TrailFilter = {}): Promise<E.Either<CliFailure, AuditTrailExport>> {
  const parties = new Map<string, AuditParties>();
  const items = new Map<string, SoftwareItem>();
  const entries: AuditEntry[] = [];
  const fromMs = filter.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const toMs = filter.to?.getTime() ?? Number.POSITIVE_INFINITY;
  const scanned = await scanLog(store, (event) => {
    if (event.type === 'Purchased' && event.version === 1) {
      parties.set(event.streamId, { partnerId: event.data.partnerId, customer: event.data.customer, orderId: event.data.orderId, subscriptionId: event.data.subscriptionId });
    }
    const at = Date.parse(event.meta.occurredAt);
    if (at <= toMs) foldItem(items, event);
    const party = parties.get(event.streamId);
    if (party === undefined) return;
    if (filter.customer !== undefined && party.customer.tenantId.toLowerCase() !== filter.customer) return;
    if (at >= fromMs && at <= toMs) entries.push(auditEntryOf(event, party));
  });
  if (E.isLeft(scanned)) return scanned;
  const covered = new Set(entries.map((entry) => entry.streamId));
  const purchases = [...items].filter(([streamId]) => covered.has(streamId)).map(([, item]) => item);
  purchases.sort(byPurchase);
  if (filter.vault !== undefined) {
    const marked = await markShreddedKeys(filter.vault, purchases);
    if (E.isLeft(marked)) return E.left(cannotProceed(`${marked.left.code}: ${marked.left.message}`));
  }
  return E.right({
    format: 'csp-onprem-audit/1',
    store: store.name,
    customer: filter.customer ?? null,
    from: filter.from?.toISOString() ?? null,
    to: filter.to?.toISOString() ?? null,
    throughPosition: scanned.right.position,
    entries,
    purchases: purchases.map((item) => toAuditItem(item, filter.vault !== undefined)),
  });
}
