import { applyToSoftwareItem, newSoftwareItem, type SoftwareItem } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';
import { SharedValues } from '../shared-values.js';
import type { Projection, RestoreOutcome } from './projection.js';
import { sameParties, type PurchaseParties } from './purchase-parties.js';
import { decodeSoftwareItemDocument } from './software-item-document.js';

/** The parties a software-list item claims. */
export function partiesOfItem(item: SoftwareItem): PurchaseParties {
  return { partnerId: item.partnerId, customerTenantId: item.customer.tenantId, subscriptionId: item.subscriptionId, orderId: item.orderId };
}

function addTo(index: Map<string, string[]>, key: string, value: string): void {
  const values = index.get(key);
  if (values === undefined) index.set(key, [value]);
  else values.push(value);
}

/** The software list: one item per purchase (by stream id), indexed by customer. */
export class SoftwareListProjection implements Projection {
  readonly name = 'software-list';
  /** Items by stream id. */
  readonly items = new Map<string, SoftwareItem>();
  /** Stream ids by customer tenant, in purchase order. */
  readonly byCustomer = new Map<string, string[]>();
  /** Items are read models that nothing mutates in place, so they can share equal values. */
  private readonly sharedValues = new SharedValues();
  /**
   * Streams whose item was restored from a saved document and not yet confirmed against the
   * log: every other item was made from the log here. It drains as items are confirmed, where a
   * set of the confirmed ones would grow with every purchase.
   */
  private readonly unconfirmed = new Set<string>();

  /**
   * Restores the saved items, each decoded first; one that does not decode makes the whole
   * read model be rebuilt from the log. Restored items are not yet confirmed against the log
   * (see `isConfirmed`), except those this process had confirmed or made from the log before,
   * with the same parties: the runner reloads the saved state whenever another process saved
   * first, which would otherwise send every later query back to the log for each item.
   */
  restore(documents: ReadonlyMap<string, unknown>): RestoreOutcome {
    const confirmedBefore = new Map<string, PurchaseParties>();
    for (const [streamId, item] of this.items) if (!this.unconfirmed.has(streamId)) confirmedBefore.set(streamId, partiesOfItem(item));
    this.items.clear();
    this.byCustomer.clear();
    this.sharedValues.clear();
    this.unconfirmed.clear();
    const items: (readonly [string, SoftwareItem])[] = [];
    for (const [streamId, document] of documents) {
      const item = decodeSoftwareItemDocument(document);
      if (item === undefined) {
        this.items.clear();
        return 'rebuild';
      }
      items.push([streamId, item]);
    }
    items.sort(([, a], [, b]) => a.purchasedAt.localeCompare(b.purchasedAt));
    for (const [streamId, item] of items) {
      this.index(streamId, item);
      const known = confirmedBefore.get(streamId);
      if (known === undefined || !sameParties(known, partiesOfItem(item))) this.unconfirmed.add(streamId);
    }
    return 'restored';
  }

  /**
   * Whether the item of a stream was made from the log by this process (or checked against the
   * stream's own `Purchased` event since): a restored document may have been edited in the
   * database, so its parties are not trusted for authorization until confirmed.
   */
  isConfirmed(streamId: string): boolean {
    return !this.unconfirmed.has(streamId);
  }

  /** Records that a restored item's parties were checked against its stream's `Purchased` event. */
  confirm(streamId: string): void {
    this.unconfirmed.delete(streamId);
  }

  apply(event: RecordedEvent): string | undefined {
    const item = this.items.get(event.streamId);
    if (item !== undefined) {
      if (event.version <= item.version) return undefined;
      applyToSoftwareItem(item, event);
      return event.streamId;
    }
    if (event.type !== 'Purchased' || event.version !== 1) return undefined;
    const created = newSoftwareItem(event, event.meta.occurredAt);
    created.product = this.sharedValues.shared(created.product);
    created.customer = this.sharedValues.shared(created.customer);
    created.cancellationPolicy = this.sharedValues.shared(created.cancellationPolicy);
    this.index(event.streamId, created);
    return event.streamId;
  }

  document(key: string): unknown {
    return this.items.get(key);
  }

  private index(streamId: string, item: SoftwareItem): void {
    this.items.set(streamId, item);
    addTo(this.byCustomer, item.customer.tenantId.toLowerCase(), streamId);
  }
}
