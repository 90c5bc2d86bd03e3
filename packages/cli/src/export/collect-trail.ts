import * as E from 'fp-ts/lib/Either.js';
import type { SoftwareItem } from '@csp-onprem/domain';
import { auditEntryOf, markShreddedKeys, type AuditEntry, type AuditParties, type EventStore, type KeyVault, type RecordedEvent } from '@csp-onprem/engine';
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
   * The key vault to ask whether a tenant was crypto-shredded (the store's own data keys).
   * Without it every key's `shredded` is null: the log does not record shredding.
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
 * Collects the audit trail while the log streams past, one decoded event at a time: every
 * event of a purchase with who did it, with which role, for which tenant (as `engine.auditTrail`
 * does, as an Auditor, each purchase's parties taken from its own `Purchased` event), and each
 * purchase's state at the end of the range for timelines. Never holds a product key: entries
 * carry summaries and items carry fingerprints.
 */
export class TrailCollector {
  private readonly parties = new Map<string, AuditParties>();
  private readonly items = new Map<string, SoftwareItem>();
  private readonly entries: AuditEntry[] = [];
  private readonly fromMs: number;
  private readonly toMs: number;
  private lastPosition = 0;

  constructor(private readonly filter: TrailFilter = {}) {
    this.fromMs = filter.from?.getTime() ?? Number.NEGATIVE_INFINITY;
    this.toMs = filter.to?.getTime() ?? Number.POSITIVE_INFINITY;
  }

  /** Takes the next event of the global order. */
  push(event: RecordedEvent): void {
    this.lastPosition = event.position;
    if (event.type === 'Purchased' && event.version === 1) {
      this.parties.set(event.streamId, { partnerId: event.data.partnerId, customer: event.data.customer, orderId: event.data.orderId, subscriptionId: event.data.subscriptionId });
    }
    const at = Date.parse(event.meta.occurredAt);
    if (at <= this.toMs) foldItem(this.items, event);
    const party = this.parties.get(event.streamId);
    if (party === undefined) return;
    if (this.filter.customer !== undefined && party.customer.tenantId.toLowerCase() !== this.filter.customer) return;
    if (at >= this.fromMs && at <= this.toMs) this.entries.push(auditEntryOf(event, party));
  }

  /** The trail of the events taken, each key marked shredded or not when a vault was given. */
  async result(store: string): Promise<E.Either<CliFailure, AuditTrailExport>> {
    const { filter } = this;
    const covered = new Set(this.entries.map((entry) => entry.streamId));
    const purchases = [...this.items].filter(([streamId]) => covered.has(streamId)).map(([, item]) => item);
    purchases.sort(byPurchase);
    if (filter.vault !== undefined) {
      const marked = await markShreddedKeys(filter.vault, purchases);
      if (E.isLeft(marked)) return E.left(cannotProceed(`${marked.left.code}: ${marked.left.message}`));
    }
    return E.right({
      format: 'csp-onprem-audit/1',
      store,
      customer: filter.customer ?? null,
      from: filter.from?.toISOString() ?? null,
      to: filter.to?.toISOString() ?? null,
      throughPosition: this.lastPosition,
      entries: this.entries,
      purchases: purchases.map((item) => toAuditItem(item, filter.vault !== undefined)),
    });
  }
}

/**
 * Reads the whole log once and collects its audit trail (see `TrailCollector`), without
 * checking chains: `csp-onprem export` verifies in the same pass (see `verifiedFold`).
 */
export async function collectTrail(store: EventStore, filter: TrailFilter = {}): Promise<E.Either<CliFailure, AuditTrailExport>> {
  const collector = new TrailCollector(filter);
  const scanned = await scanLog(store, (event) => collector.push(event));
  return E.isLeft(scanned) ? scanned : collector.result(store.name);
}
